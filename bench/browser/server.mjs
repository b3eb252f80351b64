// The benchmark's static server: the repository root, cross-origin isolated (COOP + COEP), so
// workers get SharedArrayBuffer and TF.js's wasm backend may use threads; nothing is cached.
// Serves only /public/, /bench/ and /node_modules/@tensorflow/; "/" goes to the bench page;
// TFJS_BUNDLE_PATH is TF.js bundled in memory (see tfjs-bundle.mjs).
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { TFJS_BUNDLE_PATH, buildTfjsBundle } from './tfjs-bundle.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ALLOWED = ['/public/', '/bench/', '/node_modules/@tensorflow/'];
const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

function setIsolationHeaders(res) {
  for (const [name, value] of Object.entries(HEADERS)) res.setHeader(name, value);
}

// dev: look files up per request (no walk of node_modules at start-up, no caching).
const assets = sirv(ROOT, {
  dev: true,
  setHeaders(res, pathname) {
    if (pathname.endsWith('.wasm')) res.setHeader('Content-Type', 'application/wasm');
    if (/\.m?js$/.test(pathname)) res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
  },
});

function notFound(res) {
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end('Not found');
}

let tfjsBundle = null;  // a promise of the bundle's text, made on first request

async function sendTfjsBundle(res) {
  try {
    tfjsBundle ??= buildTfjsBundle();
    const text = await tfjsBundle;
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    res.end(text);
  } catch (err) {
    tfjsBundle = null;
    res.statusCode = 500;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(`[server.mjs]: bundling TF.js failed: ${err.message}`);
  }
}

function handle(req, res) {
  setIsolationHeaders(res);
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    return notFound(res);
  }
  if (path === '/') {
    res.statusCode = 302;
    res.setHeader('Location', '/bench/browser/index.html');
    return res.end();
  }
  if (path === TFJS_BUNDLE_PATH) return sendTfjsBundle(res);
  if (path.includes('..') || !ALLOWED.some((prefix) => path.startsWith(prefix))) return notFound(res);
  assets(req, res, () => notFound(res));
}

// Starts the server on 127.0.0.1; port 0 takes any free port. Returns { url, close() }.
export function startServer({ port = 0, host = '127.0.0.1' } = {}) {
  const server = http.createServer(handle);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://${host}:${actual}`,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

// Alone: node bench/browser/server.mjs [--port N]
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--port');
  const { url } = await startServer({ port: i > 0 ? Number(process.argv[i + 1]) : 0 });
  console.log(`The benchmark page is at ${url}/bench/browser/index.html`);
}
