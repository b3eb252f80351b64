// THIRD_PARTY_NOTICES stays true of what is shipped: every npm package bundled into a built
// script (read from the source maps the build wrote) and every library compiled into the
// engine is named there with the version actually used, and the site carries the licences.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');
const notices = read('THIRD_PARTY_NOTICES');
// The notices' own heading line of a component: its name and version on one line.
const named = (name, version) => notices.split('\n').some((line) => line.toLowerCase().includes(name.toLowerCase()) && line.includes(version));

// npm package name -> the name its notice goes by.
const TITLES = {
  'chart.js': 'Chart.js', '@kurkle/color': '@kurkle/color', 'chartjs-plugin-zoom': 'chartjs-plugin-zoom', hammerjs: 'Hammer.js',
  papaparse: 'Papa Parse',
};

test('every npm package bundled into the site is in the notices, with its version', () => {
  const maps = readdirSync(new URL('public/', root)).filter((f) => f.endsWith('.js.map'));
  assert.ok(maps.length >= 4, `the built bundles' source maps in public/ (run node web/build.mjs): ${maps}`);
  const packages = new Set();
  for (const map of maps) {
    for (const source of JSON.parse(read(`public/${map}`)).sources) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
      if (m) packages.add(m[1]);
    }
  }
  assert.ok(packages.has('chart.js'), 'the charts are bundled: chart.js among the sources');
  for (const name of packages) {
    const { version, license } = JSON.parse(read(`node_modules/${name}/package.json`));
    const title = TITLES[name];
    assert.ok(title, `${name} ${version} (${license}) is bundled but has no notice in THIRD_PARTY_NOTICES`);
    assert.ok(named(title, version), `THIRD_PARTY_NOTICES names ${title} ${version}`);
  }
});

test('the libraries compiled into the engine are in the notices, with the versions on this machine', () => {
  const define = (file, name) => new RegExp(`#define ${name}\\s+(\\d+)`).exec(readFileSync(file, 'utf8'))[1];
  const eigen = ['WORLD', 'MAJOR', 'MINOR'].map((p) => define('/usr/include/eigen3/Eigen/src/Core/util/Macros.h', `EIGEN_${p}_VERSION`)).join('.');
  const json = ['MAJOR', 'MINOR', 'PATCH'].map((p) => define('/usr/include/nlohmann/detail/abi_macros.hpp', `NLOHMANN_JSON_VERSION_${p}`)).join('.');
  const emscripten = readFileSync('/usr/share/emscripten/emscripten-version.txt', 'utf8').trim().replace(/"/g, '');
  assert.ok(named('Eigen', eigen), `Eigen ${eigen}`);
  assert.ok(named('JSON for Modern C++', json), `JSON for Modern C++ ${json}`);
  assert.ok(named('Emscripten', emscripten), `Emscripten ${emscripten}`);
  assert.match(notices, /Mozilla Public License Version 2\.0/);  // MPL-2.0's full text, for Eigen
  assert.match(notices, /Apache License\s+Version 2\.0/);        // for LLVM's libc++
  // The built-in data sets are scikit-learn's copies, under its BSD licence.
  const sets = readdirSync(new URL('engine/data/sets/', root)).filter((f) => f.endsWith('.csv')).map((f) => f.replace('.csv', '').replace('_', ' '));
  const section = notices.slice(notices.indexOf('scikit-learn 1.2.1 data sets'));
  for (const set of sets) assert.ok(section.includes(set), `the ${set} data set is credited`);
  assert.match(section, /Redistributions in binary form must reproduce the above copyright/);
});

test('the built site carries the licence, the notices, the schema and what it was built from', () => {
  assert.equal(read('public/LICENSE.txt'), read('LICENSE'));
  assert.equal(read('public/THIRD_PARTY_NOTICES.txt'), notices);
  assert.ok(existsSync(new URL('public/spec.schema.json', root)));
  const info = JSON.parse(read('public/build-info.json'));
  assert.equal(info.version, JSON.parse(read('package.json')).version);
  assert.match(read('LICENSE'), /^MIT License/);
  for (const page of ['index.html', 'embed.html', 'course.html']) assert.match(read(`public/${page}`), /<a href="about.html"[^>]*>About and licences<\/a>/, page);
});
