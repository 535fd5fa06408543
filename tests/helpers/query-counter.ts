/** Counts the SQL statements Strapi's knex connection runs while `fn` runs. */
export const countQueries = async (strapi: any, fn: () => Promise<unknown>) => {
  const connection = strapi.db.connection;
  let count = 0;
  const listener = () => {
    count += 1;
  };
  connection.on('query', listener);
  try {
    await fn();
  } finally {
    connection.off('query', listener);
  }
  return count;
};
