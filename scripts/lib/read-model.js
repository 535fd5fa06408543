'use strict';

const { spawn } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

const { createProgress } = require('./progress');

/** Below this many rows to render, one process renders them (a helper's start costs a few seconds). */
const HELPERS_FROM_ROWS = 2000;

/**
 * How many processes render: READ_MODEL_RENDER_PROCESSES when set (1 = this process alone), else
 * one per CPU core, at most 4, when there are at least HELPERS_FROM_ROWS rows.
 */
const renderProcesses = (rows, env = process.env, cpus = os.cpus().length) => {
  const raw = (env.READ_MODEL_RENDER_PROCESSES ?? '').trim();
  if (raw !== '') {
    const wanted = Number(raw);
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > 16) throw new Error(`READ_MODEL_RENDER_PROCESSES must be a whole number from 1 to 16, got "${raw}"`);
    return Math.max(1, Math.min(wanted, rows));
  }
  return rows >= HELPERS_FROM_ROWS ? Math.max(1, Math.min(cpus, 4)) : 1;
};

/**
 * Starts a helper process rendering share `index` of `of` (scripts/read-model-render.js): the
 * stale rows whose id modulo `of` is `index`. It loads the dist/ this process compiled.
 */
const startHelper = (index, of) => {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'read-model-render.js'), '--share', `${index}/${of}`], {
    env: { ...process.env, TEST_DIST_COMPILED: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = `${stderr}${chunk}`.slice(-4000);
  });
  // A helper does not outlive the command (killed, or exiting on an error).
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.once('exit', stop);
  child.once('exit', () => process.removeListener('exit', stop));
  const done = new Promise((resolve) => {
    child.on('error', (error) => resolve({ ok: false, message: error.message }));
    child.on('exit', (code, signal) => resolve(code === 0 ? { ok: true } : { ok: false, message: `exited with ${signal ?? code}: ${stderr.trim().split('\n').pop() ?? ''}` }));
  });
  return { child, done };
};

/**
 * Renders the read model's rows that a script's writes left stale (docs/architecture.md, "Read
 * model"), or every published document's with `rebuild`, with a progress bar and a line saying
 * how long it took: after an import or a seed, the public reads of what was written are answered
 * from the read model at once.
 *
 * Many rows are rendered by several processes at once (renderProcesses): this one renders share 0,
 * helpers the others, each row by exactly one of them; then this one renders whatever is still
 * stale (a helper that failed, a row a write marked meanwhile). A render is Strapi's own request
 * path, CPU-bound in one process: a second process uses the machine's second core.
 */
const renderReadModel = async (strapi, { rebuild = false } = {}) => {
  if (!strapi.has('readModel')) {
    if (rebuild) throw new Error('the read model is not registered');
    return;
  }
  // A wrong READ_MODEL_RENDER_PROCESSES is said before anything is marked or rendered.
  renderProcesses(0);
  const model = strapi.get('readModel');
  const started = Date.now();
  const progress = createProgress('read model', 'rows');
  let total = 0;
  let processes = 1;
  let helpers = [];
  let poll;
  let failedHelpers = 0;
  // Rows left to the last pass (a failed helper's, a row a write marked meanwhile).
  let renderedAfter = 0;
  // Once the rows to render are known (after a rebuild's reset, with the model's sweeps held
  // back): how many processes, the helpers started, this process's share.
  const plan = (stale) => {
    total = stale;
    processes = renderProcesses(stale);
    if (stale === 0 && !rebuild) return undefined;
    progress.start(total);
    // Every process's renders, counted where they land: the rows no longer stale.
    poll = setInterval(() => {
      model.store.counts().then(({ stale: left }) => progress.update(Math.max(0, total - left)), () => undefined);
    }, 1000);
    helpers = Array.from({ length: processes - 1 }, (_, i) => startHelper(i + 1, processes));
    return processes > 1 ? { index: 0, of: processes } : undefined;
  };
  const join = async () => {
    const outcomes = await Promise.all(helpers.map((helper) => helper.done));
    outcomes.forEach((outcome, i) => {
      // Its rows are still stale: the model renders them next, in this process.
      if (!outcome.ok) console.error(`read model: helper ${i + 1} of ${processes - 1} failed (${outcome.message}); this process renders its rows`);
    });
    failedHelpers = outcomes.filter((outcome) => !outcome.ok).length;
    renderedAfter = (await model.store.counts()).stale;
  };
  try {
    await (rebuild ? model.rebuild({ plan, join }) : model.catchUp({ plan, join }));
    if (total === 0 && !rebuild) return undefined;
    progress.update(total);
  } finally {
    clearInterval(poll);
    for (const helper of helpers) if (helper.child.exitCode === null && helper.child.signalCode === null) helper.child.kill('SIGTERM');
    // A failed render's error is not printed over a live progress bar.
    if (poll) progress.stop();
  }
  const { rows } = await model.store.counts();
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `read model: ${rows} rows (published documents × locales), rendered in ${seconds.toFixed(1)} s${processes > 1 ? ` by ${processes} processes` : ''}`
  );
  return { rows, seconds, processes, failedHelpers, renderedAfter };
};

module.exports = { renderReadModel, renderProcesses, HELPERS_FROM_ROWS };
