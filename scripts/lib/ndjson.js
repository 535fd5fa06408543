'use strict';

/** Splits NDJSON into records with their 1-based line numbers; blank lines are skipped. */
const parseNdjson = (text) => {
  const entries = [];
  const problems = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    try {
      entries.push({ line, record: JSON.parse(raw) });
    } catch (error) {
      problems.push({ line, path: [], message: `not valid JSON (${error.message})` });
    }
  });
  return { entries, problems };
};

module.exports = { parseNdjson };
