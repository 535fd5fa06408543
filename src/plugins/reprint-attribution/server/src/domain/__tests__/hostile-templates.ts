import { PLACEHOLDERS } from '../templates';

/**
 * A property-style generator of credit-line templates that try to break the renderer: its old
 * private-use markers, Object.prototype names as placeholders, select and plural keys, ICU
 * syntax (quotes, #, tags), very long and deeply nested templates. Seeded, so a failure repeats.
 * Also used by the integration test (tests/integration/security.test.ts).
 */
export const MARKERS = ['\uE000', '\uE001', '\uE000sourceName\uE001', '\uE000toString\uE001', '\uE000constructor\uE001', '\uE000__proto__\uE001'];
export const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'];

const random = (seed: number) => () => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const REQUIRED = '{sourceName} {originalTitle}';

/** The fixed cases every run checks, then `count` generated ones. */
export const hostileTemplates = (count: number, seed = 11): string[] => {
  const fixed: string[] = [];
  for (const marker of MARKERS) fixed.push(`${marker}${REQUIRED}${marker}`, `{authors, select, none {${marker}} other {${marker}{authors}}} ${REQUIRED}`);
  for (const name of PROTOTYPE_NAMES) {
    fixed.push(
      `${REQUIRED} {${name}}`,
      `${REQUIRED} ${name}`,
      `${REQUIRED} {authors, select, ${name} {x} other {y}}`,
      `${REQUIRED} {authors, select, none {x} ${name} {z} other {y}}`,
      `${REQUIRED} {authors, plural, ${name} {x} other {y}}`,
      `${REQUIRED} {authors, plural, one {#} other {# ${name}}}`,
      `{sourceName, select, ${name} {a} other {b}} {originalTitle}`,
      `${REQUIRED} {authors, select, none {} other {{${name}}}}`,
      `${REQUIRED} {${name}, select, none {} other {x}}`,
    );
  }
  fixed.push(
    `${REQUIRED} {authors, select, present {x} other {y}}`,
    `${REQUIRED} {authors__select}`,
    `${REQUIRED} {authors, select, none {} other {'{authors}'}} '' '{' # <b>x</b> </script>`,
    `${REQUIRED} ${'x'.repeat(1980)}`,
    `${REQUIRED} ${'x'.repeat(2000)}`,
    `${REQUIRED} ${'{authors}'.repeat(220)}`,
  );
  // As deep as 2000 characters allow, and deeper.
  for (const depth of [10, 40, 70, 120]) {
    fixed.push(`${REQUIRED}${'{authors, select, none {'.repeat(depth)}x${'} other {y}}'.repeat(depth)}`);
    fixed.push(`${REQUIRED}${'{license, select, other {'.repeat(depth)}{license}${'}}'.repeat(depth)}`);
  }

  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const names = [...PLACEHOLDERS, ...PROTOTYPE_NAMES, 'authors__select', 'none', 'other', 'present'];
  const keys = ['none', 'other', 'present', ...PROTOTYPE_NAMES, '=0', 'one'];
  const text = () => pick(['', ' ', 'text', '（', '«', '”', "''", "'{'", '#', '<b>', '</script>', ...MARKERS, ...PROTOTYPE_NAMES]);
  const fragment = (depth: number): string => {
    const roll = next();
    if (depth > 5 || roll < 0.35) return text();
    if (roll < 0.6) return `{${pick(names)}}`;
    if (roll < 0.67) return `{${pick(names)}, ${pick(['number', 'date', 'time'])}}`;
    const kind = next() < 0.85 ? 'select' : 'plural';
    const options = [...new Set([pick(keys), pick(keys), 'other'])].map((key) => `${key} {${fragment(depth + 1)}${fragment(depth + 1)}}`);
    return `{${pick(names)}, ${kind}, ${options.join(' ')}}`;
  };
  const generated = Array.from({ length: count }, () => {
    const pieces = Array.from({ length: 1 + Math.floor(next() * 6) }, () => fragment(0));
    if (next() < 0.8) pieces.push(REQUIRED);
    return pieces.sort(() => next() - 0.5).join('');
  });
  return [...fixed, ...generated];
};
