// Preload for a service under a benchmark: counts the SQL statements it sends through `pg`
// (Prisma's driver adapter, the kit's raw SQL and the outbox relay all use it), by
// statement text, and the HTTP requests it answers, and writes the counts to
// $COUNT_SQL_FILE every second (JSON). Statements per request = statements / requests.
//
//   DAYBOOK_SERVICE_NODE_ARGS="--require /abs/path/bench/count-sql.cjs" COUNT_SQL_FILE=/tmp/sql.json \
//     npm run bench:tasks -- ...
//
// (The harness passes the service a fixed environment: COUNT_SQL_FILE defaults to
// /tmp/daybook-count-sql-<pid>.json.)
const { writeFileSync } = require('node:fs');
const { subscribe } = require('node:diagnostics_channel');
const { setInterval } = require('node:timers');
const { isMainThread } = require('node:worker_threads');

const pg = require(require.resolve('pg', { paths: [process.cwd()] }));
const counts = new Map();
let requests = 0;
const byRoute = new Map();
const normalise = (text) => text.replace(/\s+/g, ' ').trim().slice(0, 160);

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, ...rest) {
  const text = typeof config === 'string' ? config : config && config.text;
  if (text) {
    const key = normalise(text);
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return query.call(this, config, ...rest);
};

subscribe('http.server.request.start', ({ request }) => {
  if (!request.url.startsWith('/api/')) return;
  requests++;
  const key = `${request.method} ${request.url.replace(/[0-9a-f-]{36}/g, ':id')}`;
  byRoute.set(key, (byRoute.get(key) || 0) + 1);
});

// Worker threads (tsx's loader) get this preload too, with nothing to count: only the main
// thread writes the file (they share a pid).
const file = process.env.COUNT_SQL_FILE || `/tmp/daybook-count-sql-${process.pid}.json`;
if (isMainThread)
  setInterval(() => {
    const statements = [...counts].sort((a, b) => b[1] - a[1]);
    const total = statements.reduce((s, [, n]) => s + n, 0);
    writeFileSync(
      file,
      JSON.stringify(
        { at: new Date().toISOString(), requests, byRoute: Object.fromEntries(byRoute), total, statements },
        null,
        1,
      ),
    );
  }, 1000).unref();
