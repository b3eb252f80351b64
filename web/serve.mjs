// Serves public/ on http://127.0.0.1:PORT (PORT defaults to 8080; --port N or PORT=N).
import http from 'node:http';
import sirv from 'sirv';

const argPort = process.argv.indexOf('--port');
const port = Number(argPort > 0 ? process.argv[argPort + 1] : process.env.PORT || 8080);
const host = process.env.HOST || '127.0.0.1';

const assets = sirv('public', {
  dev: true,  // no caching: a rebuild shows at once
  extensions: ['html'],
  setHeaders(res, pathname) {
    if (pathname.endsWith('.wasm')) res.setHeader('Content-Type', 'application/wasm');
  },
});

http
  .createServer((req, res) => assets(req, res, () => {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('Not found');
  }))
  .listen(port, host, () => console.log(`Descent is being served at http://${host}:${port}/`));
