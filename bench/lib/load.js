'use strict';

/**
 * The load: autocannon (the library) at a fixed concurrency. Every response's status, size
 * (Content-Length) and X-Cache header is counted, so each scenario reports requests/s, p50/p99,
 * bytes per response and the share of cache misses next to the server's RSS.
 */
const autocannon = require('autocannon');

const { rssMb } = require('./processes');

const counters = () => ({ responses: 0, bytes: 0, sized: 0, cache: {} });

const onResponseCounter = (count) => (status, body, context, headers) => {
  count.responses += 1;
  const length = Number(headers?.['content-length'] ?? headers?.['Content-Length']);
  if (Number.isFinite(length)) {
    count.bytes += length;
    count.sized += 1;
  }
  const cache = headers?.['x-cache'] ?? headers?.['X-Cache'];
  if (cache) count.cache[cache] = (count.cache[cache] ?? 0) + 1;
};

const summarize = (name, result, count, { pid, extra } = {}) => {
  const non2xx = result.non2xx ?? 0;
  const cached = (count.cache.HIT ?? 0) + (count.cache.MISS ?? 0);
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + non2xx,
    rssMb: pid ? rssMb(pid) : null,
    total: result.requests.total,
    // the body's bytes (Content-Length) of an average response; from the bytes read (headers
    // included) when the responses carry no length
    bytesPerResponse: count.sized > 0 ? Math.round(count.bytes / count.sized) : result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : null,
    xCache: Object.keys(count.cache).length > 0 ? count.cache : undefined,
    missFraction: cached > 0 ? (count.cache.MISS ?? 0) / cached : undefined,
    ...extra,
  };
};

/**
 * A scenario: a warm-up (warmup s), then the measured run (duration s). requestFor() gives each
 * request ({ path, method, headers, body }).
 */
const measure = async (name, url, requestFor, { pid, connections, duration, warmup, extra } = {}) => {
  const options = (seconds, count) => ({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, ...requestFor() }), onResponse: onResponseCounter(count) }],
  });
  if (warmup > 0) await autocannon(options(warmup, counters()));
  const count = counters();
  const result = await autocannon(options(duration, count));
  return summarize(name, result, count, { pid, extra: typeof extra === 'function' ? extra() : extra });
};

/**
 * A cold scenario: exactly paths.length requests, each path once, in order, no warm-up: what the
 * first readers after a start meet.
 */
const measureOnce = async (name, url, paths, { pid, connections, extra } = {}) => {
  let next = 0;
  const count = counters();
  const result = await autocannon({
    url,
    connections: Math.min(connections, paths.length),
    amount: paths.length,
    requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }), onResponse: onResponseCounter(count) }],
  });
  return summarize(name, result, count, { pid, extra: { requests: paths.length, ...(typeof extra === 'function' ? extra() : extra) } });
};

module.exports = { measure, measureOnce };
