/** `table[key]` only when the table itself has that key: never `constructor` or `toString` of Object.prototype. */
export const own = <T>(table: Record<string, T>, key: string | null | undefined): T | undefined =>
  key != null && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
