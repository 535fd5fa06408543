'use strict';

const cliProgress = require('cli-progress');

/** A progress bar with count, rate and ETA; plain periodic lines when there is no terminal. */
const createProgress = (label, unit = 'documents') => {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} |{bar}| {percentage}% | {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted}`,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 2000,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic
  );
  let started = 0;
  return {
    start(total) {
      started = Date.now();
      bar.start(total, 0, { rate: '0.0' });
    },
    update(done) {
      const seconds = (Date.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? (done / seconds).toFixed(1) : '0.0' });
    },
    stop() {
      bar.stop();
    },
  };
};

module.exports = { createProgress };
