export default {
  rest: {
    defaultLimit: 25,
    maxLimit: 100,
    withCount: true,
    // Unknown query parameters are a 400 instead of being silently ignored.
    strictParams: true,
  },
  documents: {
    // Invalid status, locale or pagination values are a 400 instead of being coerced.
    strictParams: true,
  },
};
