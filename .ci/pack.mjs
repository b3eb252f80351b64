// Packs the built site (public/, made by .ci/setup) into the two release files:
//   <out>/descent-<version>-site.zip  the static site in a folder descent-<version>/
//   <out>/descent-<version>.tgz       the npm package `descent` (npm pack)
//   node .ci/pack.mjs [--out DIR]     (default dist/); prints the two paths and the commit.
// .ci/release runs it after the build; tests run it into a folder of their own.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PUBLIC = join(ROOT, 'public');
// The README's pictures are not part of the site.
const LEFT_OUT = new Set(['screenshot.png', 'trajectories.png', 'lesson.png']);
// What a site cannot work without; a release without them is refused.
const REQUIRED = ['index.html', 'embed.html', 'course.html', 'about.html', 'app.js', 'embed.js', 'descent.js',
  'worker.js', 'engine.js', 'engine.wasm', 'engine-mt.js', 'engine-mt.wasm', 'engine-mt.worker.js', 'lesson.css', 'lessons/index.json', 'LICENSE.txt',
  'THIRD_PARTY_NOTICES.txt', 'spec.schema.json', 'build-info.json'];
// The package's types: descent.d.ts, which re-exports spec.d.ts.
const TYPES = ['descent.d.ts', 'spec.d.ts'].map((file) => join(ROOT, 'web/types', file));

function fail(message) {
  throw new Error(`release: ${message}`);
}

export function pack(out = join(ROOT, 'dist')) {
  const missing = REQUIRED.filter((file) => !existsSync(join(PUBLIC, file)));
  if (missing.length) fail(`public/ lacks ${missing.join(', ')}; build first (bash .ci/setup)`);
  for (const file of TYPES) if (!existsSync(file)) fail(`${file} is missing`);
  const { version, description } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const info = JSON.parse(readFileSync(join(PUBLIC, 'build-info.json'), 'utf8'));
  if (info.version !== version) fail(`public/ was built as ${info.version}, package.json says ${version}; rebuild (node web/build.mjs)`);
  mkdirSync(out, { recursive: true });
  const stage = mkdtempSync(join(tmpdir(), 'descent-release-'));
  try {
    // The site: public/ as served, in one top folder.
    const name = `descent-${version}`;
    const site = join(stage, name);
    cpSync(PUBLIC, site, { recursive: true, filter: (src) => !LEFT_OUT.has(src.slice(PUBLIC.length + 1)) });
    cpSync(join(ROOT, 'LICENSE'), join(site, 'LICENSE.txt'));
    writeFileSync(join(site, 'README.txt'), siteReadme(version, info));
    const zip = resolve(out, `${name}-site.zip`);
    rmSync(zip, { force: true });
    // Python's zipfile (Debian's python3 comes with emscripten): no zip tool to install.
    execFileSync('python3', ['-c', ZIP, zip, stage, name], { stdio: 'inherit' });

    // The npm package: the same site under dist/, the types, the schema, the licences.
    const pkg = join(stage, 'package');
    cpSync(site, join(pkg, 'dist'), { recursive: true });
    for (const file of TYPES) cpSync(file, join(pkg, basename(file)));
    cpSync(join(PUBLIC, 'spec.schema.json'), join(pkg, 'spec.schema.json'));
    cpSync(join(ROOT, 'LICENSE'), join(pkg, 'LICENSE'));
    cpSync(join(ROOT, 'THIRD_PARTY_NOTICES'), join(pkg, 'THIRD_PARTY_NOTICES'));
    writeFileSync(join(pkg, 'README.md'), packageReadme(version));
    writeFileSync(join(pkg, 'package.json'), `${JSON.stringify(manifest(version, description, info), null, 2)}\n`);
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', resolve(out)],
      { cwd: pkg, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
    const tgz = resolve(out, packed[0].filename);
    return { zip, tgz, version, commit: info.commit, dirty: info.dirty, files: readdirSync(site).length };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

// zip the folder `name` of `stage` into `zip`, files in a stable order.
const ZIP = `
import os, sys, zipfile
zip, stage, name = sys.argv[1:4]
with zipfile.ZipFile(zip, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for folder, dirs, files in os.walk(os.path.join(stage, name)):
        dirs.sort()
        for f in sorted(files):
            path = os.path.join(folder, f)
            z.write(path, os.path.relpath(path, stage))
`;

function manifest(version, description, info) {
  return {
    name: 'descent',
    version,
    description,
    license: 'MIT',
    type: 'module',
    main: './dist/descent.js',
    types: './descent.d.ts',
    exports: {
      '.': { types: './descent.d.ts', default: './dist/descent.js' },
      './embed.html': './dist/embed.html',
      './lessons/*': './dist/lessons/*',
      './spec.schema.json': './spec.schema.json',
      './dist/*': './dist/*',
      './package.json': './package.json',
    },
    files: ['dist/', 'descent.d.ts', 'spec.d.ts', 'spec.schema.json', 'LICENSE', 'THIRD_PARTY_NOTICES', 'README.md'],
    sideEffects: ['./dist/descent.js'],  // it defines <descent-lesson>
    descent: { commit: info.commit, dirty: info.dirty },
  };
}

const siteReadme = (version, info) => `Descent ${version}: the static site${info.commit ? ` (commit ${info.commit}${info.dirty ? ', with local changes' : ''})` : ''}

Put this folder on any static host, at the root or under a sub-path; nothing is fetched from
another origin and it runs under a strict Content-Security-Policy:
  default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'
Serve .wasm as application/wasm.

Threads: send these two headers with every file and the playground trains on every core
(engine-mt.*, WebAssembly threads); without them it trains on one thread (engine.*), and
everything else works the same:
  Cross-Origin-Opener-Policy: same-origin
  Cross-Origin-Embedder-Policy: require-corp

  index.html    the playground
  course.html   a short course with three embedded lessons
  embed.html    one lesson for an iframe: embed.html?lesson=optimization/2&origins=https://your.site
  descent.js    mount() and <descent-lesson> for pages on this same origin
  lessons/      the course's lessons (JSON); spec.schema.json describes them and the spec

LICENSE.txt is Descent's licence (MIT); THIRD_PARTY_NOTICES.txt holds the notices of
everything compiled or bundled in (Eigen, JSON for Modern C++, Chart.js, Emscripten's
runtime, scikit-learn's data sets). Keep both with the site.
`;

const packageReadme = (version) => `# descent ${version}

Lessons of Descent, a deep-learning training playground, on your own pages: a C++ engine
compiled to WebAssembly trains in a Web Worker while the lesson shows its curves.

\`\`\`js
import { mount, setAssetPath } from 'descent';
// Copy node_modules/descent/dist/ to your site (the worker, engine.js, engine.wasm,
// lesson.css, lessons/), then say where it is: workers must come from your page's origin.
setAssetPath('/static/descent/');
const lesson = mount(document.querySelector('#lesson'), { lesson: 'optimization/2', controls: ['optimizer', 'lr'] });
lesson.root.addEventListener('descent:finished', (e) => console.log(e.detail));
\`\`\`

Without a bundler, \`<script type="module" src="/static/descent/descent.js">\` and
\`<descent-lesson lesson="optimization">\` find their assets beside the script.
\`descent/embed.html\` is the iframe page (postMessage protocol in descent.d.ts),
\`descent/lessons/*\` the lesson files, \`descent/spec.schema.json\` the JSON Schema of the
experiment spec and of lesson files.

MIT licence (LICENSE); THIRD_PARTY_NOTICES lists what is compiled or bundled in.
`;

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--out');
  let result;
  try {
    result = pack(at >= 0 ? resolve(args[at + 1]) : undefined);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
  console.log(`release ${result.version}${result.commit ? ` from commit ${result.commit}${result.dirty ? ' (with local changes)' : ''}` : ''}:`);
  console.log(`  ${result.zip}`);
  console.log(`  ${result.tgz}`);
}
