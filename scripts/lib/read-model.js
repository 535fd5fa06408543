'use strict';

const { createProgress } = require('./progress');

/**
 * Renders the read model's rows that a script's writes left stale (docs/architecture.md, "Read
 * model"), or every published document's with `rebuild`, with a progress bar and a line saying
 * how long it took: after an import or a seed, the public reads of what was written are answered
 * from the read model at once.
 */
const renderReadModel = async (strapi, { rebuild = false } = {}) => {
  if (!strapi.has('readModel')) {
    if (rebuild) throw new Error('the read model is not registered');
    return;
  }
  const progress = createProgress('read model', 'rows');
  let started = false;
  const model = strapi.get('readModel');
  const onProgress = (done, total) => {
    if (!started) {
      progress.start(total);
      started = true;
    }
    progress.update(done);
  };
  const result = rebuild ? await model.rebuild({ onProgress }) : await model.catchUp({ onProgress });
  if (started) progress.stop();
  if (started || rebuild) {
    console.log(`read model: ${result.rows} rows (published documents × locales), rendered in ${result.seconds.toFixed(1)} s`);
  }
};

module.exports = { renderReadModel };
