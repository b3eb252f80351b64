// Bundles the page and the worker into public/ with esbuild. The engine's own glue
// (public/engine.js, built by Emscripten) stays a separate file that only the worker imports.
import { build } from 'esbuild';

const common = {
  bundle: true,
  format: 'esm',
  target: ['chrome100', 'firefox100', 'safari15'],
  sourcemap: true,
  minify: true,
  logLevel: 'warning',
};

await build({ ...common, entryPoints: ['web/main.js'], outfile: 'public/app.js' });
await build({
  ...common,
  entryPoints: ['web/worker.js'],
  outfile: 'public/worker.js',
  external: ['./engine.js'],
});
console.log('bundled web/ into public/app.js and public/worker.js');
