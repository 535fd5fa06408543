/**
 * Counts the SQL statements Strapi's knex connection runs while `fn` runs. The response cache is
 * emptied first, so what is counted is the database work of an uncached response.
 */
export const countQueries = async (strapi: any, fn: () => Promise<unknown>) => {
  if (strapi.has('responseCache')) await strapi.get('responseCache').clear();
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
