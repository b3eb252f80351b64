// The release as a course author uses it (.ci/pack.mjs, the packing step of .ci/release):
// - the site zip, unpacked under a sub-path of one origin with the strict CSP, framed by a
//   course page on another origin that drives it with postMessage and sizes it from 'resize';
// - the npm package, installed with npm into a scratch project, bundled with esbuild into the
//   author's page, its assets copied where setAssetPath() says; its types checked by tsc.
// Both train a real lesson in the real engine.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect } from '@playwright/test';
import { build } from 'esbuild';

import { pack } from '../../.ci/pack.mjs';
import { test } from './serve-fixture.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const LESSON = 'input-normalization/1';  // 200 epochs: a few seconds at full speed

let scratch;
let release;
test.beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'descent-release-test-'));
  release = pack(join(scratch, 'dist'));
});
test.afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Errors of the page and its frames, and failed requests, are failures of the release.
function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  return errors;
}

test('the site zip, under a sub-path, is framed by a course page on another origin, sized and driven by it', async ({ page, serve }) => {
  const { version, zip } = release;
  expect(zip).toMatch(new RegExp(`descent-${version.replace(/\./g, '\\.')}-site\\.zip$`));
  const www = join(scratch, 'www');
  mkdirSync(join(www, 'tools'), { recursive: true });
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, join(www, 'tools')]);
  const folder = join(www, 'tools', `descent-${version}`);
  for (const file of ['LICENSE.txt', 'THIRD_PARTY_NOTICES.txt', 'spec.schema.json', 'build-info.json', 'engine.wasm', 'embed.html', 'README.txt']) {
    expect(existsSync(join(folder, file)), file).toBe(true);
  }
  const notices = readFileSync(join(folder, 'THIRD_PARTY_NOTICES.txt'), 'utf8');
  for (const name of ['Eigen', 'JSON for Modern C++', 'Chart.js', 'Emscripten', 'scikit-learn', 'Mozilla Public License']) expect(notices).toContain(name);
  const info = JSON.parse(readFileSync(join(folder, 'build-info.json'), 'utf8'));
  expect(info.version).toBe(version);
  expect(info.commit).toMatch(/^[0-9a-f]{40}$/);

  const site = await serve({ root: www, csp: true });
  const siteUrl = `${site.url}tools/descent-${version}/`;
  // The course: another port, so another origin; its script sizes the frame from 'resize'.
  const course = join(scratch, 'course');
  mkdirSync(course, { recursive: true });
  writeFileSync(join(course, 'favicon.ico'), '');  // the browser asks for one
  const courseServer = await serve({ root: course, isolate: false });  // a course page as most hosts serve it
  const courseOrigin = new URL(courseServer.url).origin;
  const embed = `${siteUrl}embed.html?lesson=${LESSON}&speed=max&origins=${encodeURIComponent(courseOrigin)}`;
  writeFileSync(join(course, 'index.html'), `<!doctype html><meta charset="utf-8"><title>A course</title>
<h1>Week 1</h1><iframe id="frame" title="Descent lesson" src="${embed}" style="width: 640px; border: 0"></iframe>
<script src="course.js"></script>`);
  const siteOrigin = new URL(siteUrl).origin;
  writeFileSync(join(course, 'course.js'), `
const frame = document.getElementById('frame');
window.received = [];
window.addEventListener('message', (e) => {
  if (e.origin !== ${JSON.stringify(siteOrigin)} || e.data?.descent !== 1) return;
  window.received.push(e.data);
  if (e.data.type === 'resize') frame.style.height = e.data.height + 'px';
  if (e.data.type === 'loaded') frame.contentWindow.postMessage({ descent: 1, type: 'train' }, ${JSON.stringify(siteOrigin)});
});`);
  const errors = watchErrors(page);
  await page.goto(courseServer.url);
  const types = () => page.evaluate(() => window.received.map((m) => m.type));
  await expect.poll(types, { timeout: 45_000 }).toContain('finished');
  const { summary } = await page.evaluate(() => window.received.find((m) => m.type === 'finished'));
  expect(summary.epochs_run).toBe(200);
  expect(summary.train_accuracy).toBeGreaterThan(0.8);

  // Sized from 'resize': the frame is as tall as its content, with nothing to scroll.
  const frame = page.frameLocator('#frame');
  await expect(frame.getByRole('button', { name: /^Train/ })).toBeVisible();
  await expect.poll(async () => {
    const content = await page.frames()[1].evaluate(() => document.documentElement.scrollHeight);
    const box = await page.locator('#frame').boundingBox();
    return Math.abs(box.height - content);
  }).toBeLessThanOrEqual(1);
  const sizes = await page.evaluate(() => window.received.filter((m) => m.type === 'resize').map((m) => m.height));
  expect(sizes.length).toBeGreaterThan(0);
  expect(sizes.every((h) => Number.isInteger(h) && h > 200)).toBe(true);
  expect(site.violations).toEqual([]);
  expect(errors).toEqual([]);
});

test('the npm package installs with npm, bundles with esbuild and trains a lesson from its copied assets', async ({ page, serve }) => {
  const project = join(scratch, 'project');
  mkdirSync(join(project, 'src'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-course', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', release.tgz], { cwd: project, stdio: 'inherit' });
  const installed = join(project, 'node_modules', 'descent');
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  expect(manifest.version).toBe(release.version);
  expect(manifest.license).toBe('MIT');
  expect(manifest.dependencies ?? {}).toEqual({});  // everything it needs is inside
  for (const file of ['LICENSE', 'THIRD_PARTY_NOTICES', 'descent.d.ts', 'spec.d.ts', 'spec.schema.json', 'dist/embed.html', 'dist/engine.wasm', 'dist/lessons/index.json']) {
    expect(existsSync(join(installed, file)), file).toBe(true);
  }
  // The installed types resolve from the package's own manifest (descent.d.ts re-exporting
  // spec.d.ts): tsc accepts a typed spec and refuses a misspelt optimizer.
  writeFileSync(join(project, 'types.ts'), `import type { ExperimentSpec, Lesson } from 'descent';
export const spec: ExperimentSpec = { layers: [{ units: 4, activation: 'relu' }], optimizer: { name: 'adam' } };
export const pause = (lesson: Lesson) => lesson.pause();
// @ts-expect-error: 'adamw' is not an optimizer
export const wrong: ExperimentSpec = { optimizer: { name: 'adamw' } };
`);
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'es2022',
    lib: ['dom', 'es2022'], module: 'esnext', moduleResolution: 'bundler', types: [] }, files: ['types.ts'] }));
  execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', project], { stdio: 'inherit' });

  // The author's page: their own script, bundled; the package's assets copied under /vendor/descent/.
  writeFileSync(join(project, 'src', 'main.js'), `
import { mount, setAssetPath, assetPath } from 'descent';
import lessons from 'descent/lessons/index.json';
setAssetPath('/vendor/descent/');
const root = document.getElementById('lesson');
window.lessonIds = lessons.map((l) => l.id);
window.events = [];
for (const type of ['loaded', 'epoch', 'finished', 'error']) root.addEventListener('descent:' + type, (e) => window.events.push({ type, detail: e.detail }));
window.assets = assetPath();
window.lesson = mount(root, { lesson: ${JSON.stringify(LESSON)}, speed: 'max', controls: ['optimizer', 'lr'] });
`);
  const www = join(project, 'www');
  mkdirSync(www, { recursive: true });
  await build({ entryPoints: [join(project, 'src', 'main.js')], absWorkingDir: project, bundle: true, format: 'esm',
    outfile: join(www, 'main.js'), logLevel: 'warning' });
  cpSync(join(installed, 'dist'), join(www, 'vendor', 'descent'), { recursive: true });
  writeFileSync(join(www, 'favicon.ico'), '');  // the browser asks for one
  writeFileSync(join(www, 'index.html'), `<!doctype html><meta charset="utf-8"><title>A course</title>
<h1>Week 2</h1><div id="lesson"></div><script type="module" src="main.js"></script>`);
  const server = await serve({ root: www, csp: true });
  const errors = watchErrors(page);
  const fetched = [];
  page.context().on('request', (r) => fetched.push(new URL(r.url()).pathname));  // the worker's too
  await page.goto(server.url);

  expect(await page.evaluate(() => window.assets)).toBe(`${server.url}vendor/descent/`);
  expect(await page.evaluate(() => window.lessonIds)).toContain('input-normalization');
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled({ timeout: 15_000 });
  await train.click();
  await page.waitForFunction(() => window.events.some((e) => e.type === 'finished'), null, { timeout: 60_000 });
  const epochs = await page.evaluate(() => window.events.filter((e) => e.type === 'epoch').flatMap((e) => e.detail.epochs.map((r) => r.epoch)));
  expect(epochs.at(-1)).toBe(200);
  expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
  for (const asset of ['worker.js', 'engine.js', 'engine.wasm', 'lesson.css', `lessons/${LESSON.split('/')[0]}.json`]) {
    expect(fetched, asset).toContain(`/vendor/descent/${asset}`);
  }
  expect(server.violations).toEqual([]);
  expect(errors).toEqual([]);
});

test('the footer’s “About and licences” shows the version and commit and opens the notices', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();  // loaded: leaving aborts nothing
  await page.getByRole('contentinfo').getByRole('link', { name: 'About and licences' }).click();
  await expect(page.getByRole('heading', { name: 'About Descent' })).toBeVisible();
  const info = JSON.parse(readFileSync(new URL('../../public/build-info.json', import.meta.url), 'utf8'));
  await expect(page.getByText(/^Version /)).toHaveText(new RegExp(`^Version ${info.version.replace(/\./g, '\\.')}, commit ${info.commit.slice(0, 12)}`));
  const table = page.getByRole('table', { name: /under which licence/ });
  for (const name of ['Eigen', 'JSON for Modern C++', 'Chart.js', 'Emscripten', 'scikit-learn']) await expect(table.getByRole('row', { name: new RegExp(name.replace(/[+.]/g, '\\$&')) })).toBeVisible();
  const [notices] = await Promise.all([page.waitForResponse(/THIRD_PARTY_NOTICES\.txt$/), page.getByRole('link', { name: 'THIRD_PARTY_NOTICES' }).click()]);
  expect(notices.status()).toBe(200);
  expect(await notices.text()).toContain('Mozilla Public License Version 2.0');
  expect(errors).toEqual([]);
});
