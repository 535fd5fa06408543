type Query = Record<string, unknown>;

const isPlain = (value: unknown): value is Query => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/**
 * The locales a Content Manager permission query allows, when it restricts nothing but the
 * locale (what i18n adds to every role's permissions: `{ locale: { $in: [...] } }`, wrapped in
 * `$or`/`$and`): 'all' for no restriction, the set of locales, or null when the query has other
 * conditions (a creator, a field) and must run as a query.
 */
export const localesOfQuery = (query: unknown): Set<string> | 'all' | null => {
  if (!isPlain(query)) return null;
  const keys = Object.keys(query);
  if (keys.length === 0) return 'all';
  if (keys.length > 1) {
    // several keys are an implicit $and
    return localesOfQuery({ $and: keys.map((key) => ({ [key]: query[key] })) });
  }
  const [key] = keys;
  const value = query[key];
  if (key === 'locale') {
    if (typeof value === 'string') return new Set([value]);
    if (isPlain(value) && Object.keys(value).length === 1) {
      if (Array.isArray(value.$in) && value.$in.every((item) => typeof item === 'string')) return new Set(value.$in as string[]);
      if (typeof value.$eq === 'string') return new Set([value.$eq]);
    }
    return null;
  }
  if ((key === '$or' || key === '$and') && Array.isArray(value)) {
    const parts = value.map(localesOfQuery);
    if (parts.some((part) => part === null)) return null;
    const sets = parts as Array<Set<string> | 'all'>;
    if (key === '$or') {
      if (sets.length === 0) return null;
      if (sets.includes('all')) return 'all';
      return new Set((sets as Set<string>[]).flatMap((set) => [...set]));
    }
    const restricting = sets.filter((set): set is Set<string> => set !== 'all');
    if (restricting.length === 0) return 'all';
    return new Set([...restricting[0]].filter((locale) => restricting.every((set) => set.has(locale))));
  }
  return null;
};
