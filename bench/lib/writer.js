'use strict';

/**
 * The editor during the "after a publish" scenarios: a full-access API token (created through
 * the admin API, as the first admin of the bench database) and a client that updates and
 * republishes one article every 200 ms (PUT /api/articles/:documentId?locale=…: the content API
 * publishes on update), so the response cache keeps losing what the writes make stale.
 */
const crypto = require('node:crypto');

const json = async (response) => {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { text };
  }
};

/** A full-access API token on the server at base (its database has no admin yet, or admin holds credentials). */
const createApiToken = async (base, admin = {}) => {
  let token = admin.jwt;
  if (!token) {
    const credentials = { firstname: 'Bench', lastname: 'Writer', email: `bench-${crypto.randomBytes(3).toString('hex')}@example.edu`, password: `Bench-${crypto.randomBytes(8).toString('hex')}-1a` };
    const registered = await fetch(`${base}/admin/register-admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
    const body = await json(registered);
    if (!registered.ok || !body?.data?.token) throw new Error(`bench: could not register the bench's admin (${registered.status} ${JSON.stringify(body).slice(0, 300)}): the database already has an admin?`);
    token = body.data.token;
  }
  const created = await fetch(`${base}/admin/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: `bench-writer-${crypto.randomBytes(3).toString('hex')}`, description: 'npm run bench: the writer of the publish scenarios', type: 'full-access', lifespan: null }),
  });
  const body = await json(created);
  if (!created.ok || !body?.data?.accessKey) throw new Error(`bench: could not create an API token (${created.status} ${JSON.stringify(body).slice(0, 300)})`);
  return body.data.accessKey;
};

/**
 * Starts republishing: every intervalMs (or right after the previous write when one takes
 * longer) one of targets ({ documentId, locale }) gets a new summary, published. Returns stop(),
 * which resolves with { writes, failed, p50, p99 (ms), firstError }.
 */
const startRepublisher = (base, accessKey, targets, { intervalMs = 200 } = {}) => {
  let stopped = false;
  const latencies = [];
  let failed = 0;
  let firstError;
  let n = 0;
  const loop = (async () => {
    while (!stopped) {
      const started = Date.now();
      const target = targets[n % targets.length];
      n += 1;
      try {
        const response = await fetch(`${base}/api/articles/${target.documentId}?locale=${encodeURIComponent(target.locale)}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${accessKey}` },
          body: JSON.stringify({ data: { summary: `Republished by the bench (${n}, ${new Date(started).toISOString()}).` } }),
        });
        if (!response.ok) {
          failed += 1;
          firstError ??= `${response.status} ${(await response.text()).slice(0, 300)}`;
        } else {
          await response.arrayBuffer();
          latencies.push(Date.now() - started);
        }
      } catch (error) {
        failed += 1;
        firstError ??= error.message;
      }
      const wait = intervalMs - (Date.now() - started);
      if (wait > 0 && !stopped) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null);
      return { writes: latencies.length + failed, failed, p50: at(0.5), p99: at(0.99), firstError };
    },
  };
};

module.exports = { createApiToken, startRepublisher };
