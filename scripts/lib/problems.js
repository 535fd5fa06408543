'use strict';

/** Prints each problem as "where: path: message" and a count; at most `limit` lines. */
const printProblems = (problems, where, limit = 200) => {
  for (const problem of problems.slice(0, limit)) {
    console.error(`${where(problem)}: ${problem.path.join('.') || '(record)'}: ${problem.message}`);
  }
  if (problems.length > limit) console.error(`… and ${problems.length - limit} more`);
};

module.exports = { printProblems };
