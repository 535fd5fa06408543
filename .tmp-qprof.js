const { withStrapi, runCli } = require('./scripts/lib/strapi');
runCli('qprof', async () => withStrapi(async (strapi) => {
  const knex = strapi.db.connection; const start = new Map(); const agg = new Map();
  knex.on('query', (q) => start.set(q.__knexQueryUid, process.hrtime.bigint()));
  const done = (r, q) => { const t = start.get(q.__knexQueryUid); if (!t) return; start.delete(q.__knexQueryUid); const key = q.sql.replace(/\?(, \?)*/g, '?').replace(/\$\d+(, \$\d+)*/g, '$').slice(0, 1500); const a = agg.get(key) || { n: 0, t: 0n }; a.n++; a.t += process.hrtime.bigint() - t; agg.set(key, a); };
  knex.on('query-response', done); knex.on('query-error', (e, q) => done(null, q));
  const t0 = Date.now(); await strapi.get('readModel').rebuild(); const wall = Date.now() - t0;
  const rows = [...agg].sort((a, b) => Number(b[1].t - a[1].t)).slice(0, 25);
  let tot = 0n; for (const [, a] of agg) tot += a.t;
  console.log('wall', wall, 'sql total ms', Number(tot / 1000000n));
  for (const [k, a] of rows) console.log(Number(a.t / 1000000n), a.n, k);
  return 0;
}));
