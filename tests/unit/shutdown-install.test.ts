import http from 'node:http';

import type { Core } from '@strapi/strapi';

import { forgetGracefulShutdown, installGracefulShutdown, installedListeners, isShuttingDown } from '../../src/bootstrap/shutdown';

/**
 * The graceful-shutdown listener is installed once per process: a process that starts Strapi
 * several times (the test runner; `strapi develop` reloading) must not stack one handler on the
 * previous one, which then ran every earlier instance's Strapi handler (destroying an instance
 * already destroyed) on the next signal.
 */

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
let saved: Record<string, Array<(...args: any[]) => void>>;

beforeEach(() => {
  // Jest's own listeners (if any) are put aside while the test owns the signals.
  saved = Object.fromEntries(SIGNALS.map((signal) => [signal, process.listeners(signal) as any]));
  for (const signal of SIGNALS) process.removeAllListeners(signal);
});

afterEach(() => {
  for (const signal of SIGNALS) {
    process.removeAllListeners(signal);
    for (const listener of saved[signal]) process.on(signal, listener);
  }
});

/** What createStrapi does for each instance: a Strapi object and its destroyOnSignal listener, counting its calls. */
const boot = () => {
  const strapi = { server: { httpServer: http.createServer() }, log: { info: () => undefined, warn: () => undefined } } as unknown as Core.Strapi;
  const terminated: string[] = [];
  const terminate = (signal: NodeJS.Signals) => terminated.push(signal);
  for (const signal of SIGNALS) process.on(signal, terminate);
  return { strapi, terminated };
};

const flush = () => new Promise((resolve) => setTimeout(resolve, 20));

it('keeps one listener per signal across starts and hands a signal to the running instance only, once', async () => {
  const starts = [0, 1, 2].map((index) => {
    const start = boot();
    installGracefulShutdown(start.strapi);
    installGracefulShutdown(start.strapi);
    expect(installedListeners()).toEqual({ SIGTERM: 1, SIGINT: 1 });
    for (const signal of SIGNALS) expect(process.listenerCount(signal)).toBe(1);
    // The test runner destroys each instance before it starts the next one, but the last.
    if (index < 2) forgetGracefulShutdown(start.strapi);
    return start;
  });

  process.emit('SIGTERM' as any, 'SIGTERM' as any);
  await flush();
  expect(starts.map((start) => start.terminated)).toEqual([[], [], ['SIGTERM']]);
  expect(starts.map((start) => isShuttingDown(start.strapi))).toEqual([false, false, true]);

  // A second signal (npm start passes Ctrl-C on: it arrives twice) is not handed over again.
  process.emit('SIGTERM' as any, 'SIGTERM' as any);
  await flush();
  expect(starts[2].terminated).toEqual(['SIGTERM']);

  forgetGracefulShutdown(starts[2].strapi);
  expect(installedListeners()).toEqual({ SIGTERM: 0, SIGINT: 0 });
});

it('drains and hands over every instance running in the process', async () => {
  const first = boot();
  installGracefulShutdown(first.strapi);
  const second = boot();
  installGracefulShutdown(second.strapi);
  expect(installedListeners()).toEqual({ SIGTERM: 1, SIGINT: 1 });
  process.emit('SIGINT' as any, 'SIGINT' as any);
  await flush();
  expect([first.terminated, second.terminated]).toEqual([['SIGINT'], ['SIGINT']]);
  forgetGracefulShutdown(first.strapi);
  expect(installedListeners()).toEqual({ SIGTERM: 1, SIGINT: 1 });
  forgetGracefulShutdown(second.strapi);
  expect(installedListeners()).toEqual({ SIGTERM: 0, SIGINT: 0 });
});

it('reads SHUTDOWN_GRACE_MS and SHUTDOWN_DELAY_MS when the instance starts: a bad value stops the start, not the shutdown', async () => {
  const bad = boot();
  expect(() => installGracefulShutdown(bad.strapi, { SHUTDOWN_DELAY_MS: '5s' })).toThrow(/SHUTDOWN_DELAY_MS/);
  expect(() => installGracefulShutdown(bad.strapi, { SHUTDOWN_GRACE_MS: '0' })).toThrow(/SHUTDOWN_GRACE_MS/);
  expect(installedListeners()).toEqual({ SIGTERM: 0, SIGINT: 0 });

  // Values read at the start: a change to the environment afterwards does not reach the signal handler.
  const good = boot();
  installGracefulShutdown(good.strapi, { SHUTDOWN_DELAY_MS: '0', SHUTDOWN_GRACE_MS: '1000' });
  const previous = process.env.SHUTDOWN_DELAY_MS;
  process.env.SHUTDOWN_DELAY_MS = 'not a number';
  try {
    process.emit('SIGTERM' as any, 'SIGTERM' as any);
    await flush();
    expect(good.terminated).toEqual(['SIGTERM']);
  } finally {
    if (previous === undefined) delete process.env.SHUTDOWN_DELAY_MS;
    else process.env.SHUTDOWN_DELAY_MS = previous;
    forgetGracefulShutdown(good.strapi);
  }
});
