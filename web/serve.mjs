// Serves public/ as the static host of a deployment would: on http://127.0.0.1:8080/ by
// default, or under a sub-path, with the strict Content-Security-Policy the site must live with.
// Cross-origin isolated by default (COOP + COEP, below), so the threaded engine runs;
// --no-isolation serves without them, as a plain static host does: one thread.
//   node web/serve.mjs [--port N] [--host H] [--base /sub/path/] [--csp] [--no-isolation] [--root DIR]
// --root serves another folder than public/ (an unpacked release, say).
// PORT and HOST in the environment are the defaults of --port and --host. --csp prints the
// violations browsers report (the policy adds a report-uri beside the server). Tests import
// startServer to run servers of their own (port 0: a free port).
import http from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
// What makes a page cross-origin isolated, and so gives its workers SharedArrayBuffer (the
// threaded engine's memory). CORP cross-origin: a course page on another origin, isolated
// itself, may still frame embed.html (a page that is not isolated needs nothing).
export const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};
const REPORTS = '__csp-report';  // under the base: where browsers POST violations, workers' too

const ROOT = fileURLToPath(new URL('../public', import.meta.url));

// '/a/b', 'a/b/' and '/a/b/' all mean the prefix '/a/b/'.
export function normalizeBase(base = '/') {
  const parts = String(base).split('/').filter(Boolean);
  return parts.length ? `/${parts.join('/')}/` : '/';
}

function notFound(res) {
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end('Not found');
}

// Keeps the violation a browser reports (application/csp-report JSON) and answers 204.
function collectReport(req, res, violations, log) {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => {
    body += chunk;
    if (body.length > 65536) req.destroy();  // a report is a few hundred bytes
  });
  req.on('end', () => {
    let report;
    try { report = JSON.parse(body)['csp-report'] ?? JSON.parse(body); } catch { report = { raw: body }; }
    violations.push(report);
    if (log) console.warn('CSP violation:', JSON.stringify(report));
    res.writeHead(204).end();
  });
}

// Resolves { url, close, violations } once listening; url ends with the base, e.g.
// http://127.0.0.1:4321/sub/. With csp, violations holds what browsers reported.
export function startServer({ port = 8080, base = '/', csp = false, isolate = true, host = '127.0.0.1', log = false, root = ROOT } = {}) {
  const prefix = normalizeBase(base);
  const violations = [];
  const policy = `${CSP}; report-uri ${prefix}${REPORTS}`;
  const assets = sirv(root, {
    dev: true,  // no caching: a rebuild shows at once
    extensions: ['html'],
    setHeaders(res, pathname) {
      if (pathname.endsWith('.wasm')) res.setHeader('Content-Type', 'application/wasm');
    },
  });
  const server = http.createServer((req, res) => {
    // Every response, 404s included, carries the policy: workers take theirs from their script's.
    if (csp) res.setHeader('Content-Security-Policy', policy);
    if (isolate) for (const [name, value] of Object.entries(ISOLATION)) res.setHeader(name, value);
    const [path, query = ''] = req.url.split(/\?(.*)/s);
    if (csp && req.method === 'POST' && path === prefix + REPORTS) return collectReport(req, res, violations, log);
    if (`${path}/` === prefix) {  // the base without its slash: relative URLs need it
      res.writeHead(301, { Location: prefix + (query && `?${query}`) });
      return res.end();
    }
    if (!path.startsWith(prefix)) return notFound(res);
    req.url = `/${req.url.slice(prefix.length)}`;
    return assets(req, res, () => notFound(res));
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      const shown = host.includes(':') ? `[${host}]` : host;
      done({
        url: `http://${shown}:${bound}${prefix}`,
        violations,
        close: () => new Promise((closed) => { server.closeAllConnections(); server.close(closed); }),
      });
    });
  });
}

// The value after a flag, or undefined.
const option = (args, flag) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const { url } = await startServer({
    port: Number(option(args, '--port') ?? process.env.PORT ?? 8080),
    host: option(args, '--host') ?? process.env.HOST ?? '127.0.0.1',
    base: option(args, '--base') ?? '/',
    csp: args.includes('--csp'),
    isolate: !args.includes('--no-isolation'),
    root: option(args, '--root') ? resolve(option(args, '--root')) : ROOT,
    log: true,
  });
  const notes = [args.includes('--csp') && 'strict CSP', args.includes('--no-isolation') ? 'not isolated: one thread' : 'cross-origin isolated: threads'];
  console.log(`Descent is being served at ${url} (${notes.filter(Boolean).join('; ')})`);
}
