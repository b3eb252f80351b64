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
// Embedding: the lesson frame (embed.html), the <descent-lesson> element and mount() for
// course pages (descent.js), and the course page's iframe demo. Each finds worker.js and
// lessons/ beside itself (import.meta.url), so the site works under any sub-path.
await build({
  ...common,
  entryPoints: { embed: 'web/embed/page.js', descent: 'web/embed/element.js', 'course-demo': 'web/embed/course-demo.js' },
  outdir: 'public',
});
console.log('bundled web/ into public/app.js, worker.js, embed.js, descent.js and course-demo.js');
