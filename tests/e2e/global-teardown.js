'use strict';

module.exports = async () => {
  const child = globalThis.__E2E_SERVER__;
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 10000);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
};
