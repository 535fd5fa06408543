import { createHash } from 'node:crypto';

/** A short, stable fingerprint of a text (SHA-256, first 16 bytes as hex). */
export const hashText = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);

/** Each watched field's fingerprint. */
export const fieldHashes = (texts: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(texts).map(([field, text]) => [field, hashText(text)]));

/**
 * The version's fingerprint: its fields' fingerprints, by field name (so the configured order
 * does not matter). Two versions with the same watched text have the same hash, whatever else
 * (relations, media, dates) differs.
 */
export const versionHash = (hashes: Record<string, string>): string =>
  hashText(
    Object.keys(hashes)
      .sort()
      .map((field) => `${field}\u0000${hashes[field]}`)
      .join('\u0001')
  );

/** The fields whose fingerprint differs between two sets (a field missing on one side counts). */
export const changedFields = (now: Record<string, string> | null | undefined, then: Record<string, string> | null | undefined, order?: readonly string[]): string[] => {
  const names = order ?? [...new Set([...Object.keys(now ?? {}), ...Object.keys(then ?? {})])];
  return names.filter((field) => (now ?? {})[field] !== (then ?? {})[field]);
};
