import { LIST_TAG, documentTag } from './types';

// In serialized JSON a key is `"documentId":"…"`; the same text inside a string value is escaped
// (`\"documentId\":\"…\"`), so this only finds real keys, at any depth (populated relations too).
const DOCUMENT_ID = /"documentId":"([^"\\]+)"/g;

/** Every document id a serialized JSON response shows, once each. */
export const documentIdsIn = (json: string): string[] => {
  const ids = new Set<string>();
  for (const match of json.matchAll(DOCUMENT_ID)) ids.add(match[1]);
  return [...ids];
};

/**
 * The tags of a response: one per document it shows, and the list tag when it answers a
 * collection route (no `:id`/`:slug` in the path), whose membership any write can change.
 */
export const tagsOf = (json: string, isList: boolean): string[] => {
  const tags = documentIdsIn(json).map(documentTag);
  if (isList) tags.push(LIST_TAG);
  return tags;
};

/**
 * The cache key of a request: the path and the query string as sent. Two spellings of one query
 * are two entries; both stay correct.
 */
export const cacheKeyOf = (method: string, url: string): string => `${method === 'HEAD' ? 'GET' : method} ${url}`;

/**
 * Headers the cache keeps with a response: those the short-circuited middlewares added or changed.
 * Hop-by-hop and per-request headers are recomputed, never replayed.
 */
const NOT_REPLAYED = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'set-cookie', 'x-response-time', 'x-cache']);

export const headersToReplay = (before: Record<string, unknown>, after: Record<string, unknown>): Record<string, string> => {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(after)) {
    if (NOT_REPLAYED.has(name) || name.startsWith('access-control-')) continue;
    if (value === undefined || before[name] === value) continue;
    kept[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return kept;
};
