/**
 * The text a reader sees in a watched field, as plain text: strings as they are, blocks (Strapi's
 * blocks editor JSON) flattened to their text, one line per block, list items and nested children
 * in order. Formatting (bold, links' targets) is not part of it: what is compared and diffed is
 * the words.
 */
export type WatchedType = 'string' | 'text' | 'richtext' | 'blocks';
export const WATCHED_TYPES: readonly WatchedType[] = ['string', 'text', 'richtext', 'blocks'];

type Node = { type?: string; text?: unknown; children?: unknown; [key: string]: unknown };

const inline = (node: unknown): string => {
  if (!node || typeof node !== 'object') return '';
  const { text, children } = node as Node;
  if (typeof text === 'string') return text;
  return Array.isArray(children) ? children.map(inline).join('') : '';
};

const blockLines = (node: unknown): string[] => {
  if (!node || typeof node !== 'object') return [];
  const { type, children } = node as Node;
  if (type === 'list' && Array.isArray(children)) return children.flatMap(blockLines);
  if (type === 'image') return [];
  // A block whose children are blocks (a list item holding a list) gives their lines too.
  if (Array.isArray(children) && children.some((child) => child && typeof child === 'object' && (child as Node).type === 'list')) {
    const own = children.filter((child) => (child as Node)?.type !== 'list').map(inline).join('');
    return [own, ...children.filter((child) => (child as Node)?.type === 'list').flatMap(blockLines)];
  }
  return [inline(node)];
};

/** Blocks JSON (an array, or its JSON text) → plain text, one line per block. */
export const blocksToText = (value: unknown): string => {
  let blocks = value;
  if (typeof blocks === 'string') {
    try {
      blocks = JSON.parse(blocks);
    } catch {
      return blocks as string;
    }
  }
  if (!Array.isArray(blocks)) return '';
  return blocks
    .flatMap(blockLines)
    .map((line) => line.replace(/\s+$/u, ''))
    .join('\n')
    .trim();
};

/** A watched field's value as the text readers see; '' for empty. */
export const watchedText = (value: unknown, type: WatchedType): string => {
  if (value === null || value === undefined) return '';
  if (type === 'blocks') return blocksToText(value);
  return String(value).trim();
};

/** The watched fields of one version, as text, in the configured order. */
export const watchedTexts = (row: Record<string, unknown>, fields: ReadonlyArray<{ name: string; type: WatchedType }>): Record<string, string> =>
  Object.fromEntries(fields.map((field) => [field.name, watchedText(row[field.name], field.type)]));
