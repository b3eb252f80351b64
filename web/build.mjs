// Bundles the page and the worker into public/ with esbuild. The engine's own glue
// (public/engine.js, built by Emscripten) stays a separate file that only the worker imports.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
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
  external: ['./engine.js', './engine-mt.js'],
});
// Embedding: the lesson frame (embed.html), the <descent-lesson> element and mount() for
// course pages (descent.js), and the course page's iframe demo. Each finds worker.js and
// lessons/ beside itself (import.meta.url), so the site works under any sub-path.
await build({
  ...common,
  entryPoints: { embed: 'web/embed/page.js', descent: 'web/embed/element.js', 'course-demo': 'web/embed/course-demo.js' },
  outdir: 'public',
});
// What travels with the site: the licences (about.html links them), the spec's JSON Schema,
// and the version and commit it was built from.
copyFileSync('LICENSE', 'public/LICENSE.txt');
copyFileSync('THIRD_PARTY_NOTICES', 'public/THIRD_PARTY_NOTICES.txt');
if (existsSync('web/spec/spec.schema.json')) copyFileSync('web/spec/spec.schema.json', 'public/spec.schema.json');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const git = (...args) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
let commit = null;
let dirty = false;  // built from a tree with changes not in the commit
try {
  commit = git('rev-parse', 'HEAD');
  dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
} catch { /* not a git checkout: the version alone */ }
writeFileSync('public/build-info.json', `${JSON.stringify({ name: 'descent', version, commit, dirty }, null, 2)}\n`);
console.log('bundled web/ into public/app.js, worker.js, embed.js, descent.js and course-demo.js');
