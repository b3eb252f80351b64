// The site runs under `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`:
// no script compiles a string (Embind's default glue would: the engine links with
// -sDYNAMIC_EXECUTION=0), and no page carries inline script, handlers or style.
//   node --test tests/web/
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { codeOnly, dynamicCodeCalls } from './js-code.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const nodeGlue = `${root}build/wasm/node/engine-node.cjs`;
const publicFiles = (ext) => readdirSync(`${root}public`).filter((f) => f.endsWith(ext)).map((f) => `${root}public/${f}`);
const scripts = [...publicFiles('.js'), nodeGlue];

test('the scanner finds dynamic code in code and ignores it in strings, comments and regexes', () => {
  const fixture = [
    'var a = "new Function(x)", b = \'eval(y)\'; // eval(z)',
    '/* new Function("w") */ var r = /eval\\(/g, d = a / 2 / 3;',
    'var t = `new Function(${ {k: "eval("}.k } eval(`;',
  ].join('\n');
  assert.deepEqual(dynamicCodeCalls(fixture), []);
  for (const call of ['new Function("return 1")', 'Function("a", "b")', 'eval(src)', '(0, eval)(src)',
    'var t = `${ new Function("x") }`;', 'var q = a / 2; eval(b) / 3']) {
    assert.equal(dynamicCodeCalls(`var z = 1;\n${call}\n`).length, 1, call);
  }
  assert.equal(dynamicCodeCalls('x.eval(y); isFunction(f); Function.prototype;').length, 0);
});

for (const file of scripts) {
  test(`${file.slice(root.length)} never compiles a string: no eval, no new Function`, () => {
    assert.ok(existsSync(file), `${file} is missing: build it first`);
    const source = readFileSync(file, 'utf8');
    assert.deepEqual(dynamicCodeCalls(source), []);
    // Blanking literals kept the code a program, so the search above read real code.
    const code = codeOnly(source);
    assert.ok(code.length > 0.6 * source.length, `${code.length} of ${source.length} characters kept`);
    const dir = mkdtempSync(join(tmpdir(), 'descent-csp-'));
    const copy = join(dir, file.endsWith('.cjs') ? 'code.cjs' : 'code.mjs');
    writeFileSync(copy, code);
    const check = spawnSync(process.execPath, ['--check', copy], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
  });
}

test('the engine glue really is Embind with dynamic execution off', () => {
  for (const file of [`${root}public/engine.js`, nodeGlue]) {
    const source = readFileSync(file, 'utf8');
    assert.match(source, /throwBindingError/);  // Embind is there; its invokers are closures
    assert.match(source, /WebAssembly\.instantiate/);
  }
});

test('the engine trains in Node with code generation from strings disallowed', () => {
  // V8 refuses eval and new Function under this flag, as Chromium does under the CSP.
  const script = `
    const { readFileSync } = require('node:fs');
    require(${JSON.stringify(nodeGlue)})({ wasmBinary: readFileSync(${JSON.stringify(nodeGlue.replace(/\.cjs$/, '.wasm'))}) })
      .then((engine) => {
        try { new Function('return 1'); console.log('generation allowed'); process.exit(3); } catch {}
        const session = new engine.Session();
        const first = JSON.parse(session.load('{"epochs": 10}')).epochs[0];
        let r; do { r = JSON.parse(session.step(1000)); } while (!r.finished);
        console.log(JSON.stringify({ first: first.train_loss, last: r.epochs.at(-1).train_loss, epoch: r.epochs.at(-1).epoch }));
      });`;
  const run = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const { first, last, epoch } = JSON.parse(run.stdout.trim());
  assert.equal(epoch, 10);
  assert.ok(last < 0.9 * first, `train loss ${first} -> ${last}`);
});

// Tags with their quoted attribute values blanked, so text inside a title="" cannot match.
const tags = (html) => [...html.matchAll(/<([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)]
  .map(([, name, attrs]) => ({ name: name.toLowerCase(), attrs: attrs.replace(/"[^"]*"|'[^']*'/g, '""') }));

for (const file of publicFiles('.html')) {
  test(`${file.slice(root.length)} has no inline script, event handler or style`, () => {
    const html = readFileSync(file, 'utf8');
    const all = tags(html);
    assert.ok(all.length > 5, `${all.length} tags read`);
    for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      assert.match(attrs, /\ssrc=/, `a <script> without src: ${attrs}`);
      assert.equal(body.trim(), '', 'inline script content');
    }
    assert.deepEqual(all.filter((t) => t.name === 'style').map((t) => t.name), [], 'a <style> element');
    const handlers = all.flatMap((t) => [...t.attrs.matchAll(/\s(on[a-z]+)\s*=/gi)].map((m) => `<${t.name} ${m[1]}>`));
    assert.deepEqual(handlers, []);
    const styled = all.filter((t) => /\sstyle\s*=/i.test(t.attrs)).map((t) => `<${t.name} style>`);
    assert.deepEqual(styled, []);
    assert.doesNotMatch(html, /javascript:/i);
  });
}
