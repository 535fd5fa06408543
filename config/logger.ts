// Strapi merges this into its default logger (pretty console output).
export default {
  level: process.env.LOG_LEVEL || 'http',
};
