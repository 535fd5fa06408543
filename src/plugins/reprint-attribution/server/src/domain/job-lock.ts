/**
 * The PostgreSQL advisory lock a scheduled job takes so that one instance runs it at a time
 * (services/expiry.ts). Advisory locks are one namespace per database, shared with the host
 * application: the plugin keeps to its own first key.
 */
export const JOB_LOCK_SPACE = 0x52415452; // "RATR": reprint attribution

/** The lock's two int4 keys: the plugin's space and a stable signed 32-bit FNV-1a hash of the job's name. */
export const jobLockKey = (job: string): [number, number] => {
  let hash = 0x811c9dc5;
  for (const char of job) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193);
  }
  return [JOB_LOCK_SPACE, hash | 0];
};
