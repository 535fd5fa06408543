/** Document Service actions that change a document's rows. */
export const WRITE_ACTIONS = new Set(['update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/** This application's namespace for PostgreSQL advisory locks (the first of the two int4 keys). */
export const LOCK_SPACE = 0x4e5752; // "NWR"

/** A stable signed 32-bit FNV-1a hash of the content type and document id. */
export const lockKey = (uid: string, documentId: string): [number, number] => {
  let hash = 0x811c9dc5;
  for (const char of `${uid}:${documentId}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193);
  }
  return [LOCK_SPACE, hash | 0];
};

/** PostgreSQL's deadlock, serialisation failure and lock timeout; SQLite's busy database. */
export const isWriteConflict = (error: unknown) => {
  const code = (error as { code?: unknown })?.code;
  return code === '40P01' || code === '40001' || code === '55P03' || code === 'SQLITE_BUSY';
};
