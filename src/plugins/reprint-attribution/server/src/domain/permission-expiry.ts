/**
 * When a permission has expired, in one place: on its end date. `permissionExpiresAt` is the day
 * the permission ends, the first day it no longer covers the reprint, so a permission that ends
 * today has expired (the publish rules refuse it, the report and the list call it expired, and
 * the daily job flags or unpublishes it that day). Days are YYYY-MM-DD in the newsroom's time zone.
 */
export const permissionExpired = (expiresAt: string | null | undefined, today: string): boolean =>
  Boolean(expiresAt) && String(expiresAt).slice(0, 10) <= today.slice(0, 10);
