// Each lesson walked through its guide, as a learner would: the preset opens the guide beside
// the chart, "Run all" trains every run in turn, and the guide's figures are the runs' own
// (the last epoch the page drew for each run); the values its text names are the runs'.
import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';

import { checkClaims, claimValue } from '../../web/lessons/claims.js';
import { fillSpec } from '../../web/spec/fill.js';
import { MEASURES, figures } from '../../web/lessons/measures.js';
import { status } from './page.js';

const dir = new URL('../../public/lessons/', import.meta.url);
const lessons = JSON.parse(readFileSync(new URL('index.json', dir), 'utf8'))
  .map(({ id }) => JSON.parse(readFileSync(new URL(`${id}.json`, dir), 'utf8')));

test.describe.configure({ timeout: 240_000 });

for (const lesson of lessons) {
  test(`lesson “${lesson.title}”: its guide trains every run and shows their own figures`, async ({ page }) => {
    await page.goto('./');
    await page.getByLabel('Speed').selectOption('max');
    await page.getByLabel('Lesson preset').selectOption({ label: `${lesson.title.split(':')[0]}: ${lesson.runs[0].label}` });
    const guide = page.getByRole('region', { name: lesson.title });
    await expect(guide).toBeVisible();
    await expect(guide).toContainText(lesson.text);
    await expect(guide).toContainText(lesson.question);
    expect(checkClaims(lesson)).toEqual([]);

    // Run by run: each run's figures in the guide are those of the run the page just drew.
    for (const [i, run] of lesson.runs.entries()) {
      await guide.getByRole('button', { name: `Run ${i + 1} · ${run.label}`, exact: true }).click();
      await expect.poll(() => page.evaluate((k) => window.descent.guide.figures()[k] !== null, i), { timeout: 120_000 }).toBe(true);
      await expect(status(page)).toContainText('Finished');
      const { spec, epochs, shown } = await page.evaluate((k) => ({ spec: window.descent.loadedSpec, epochs: window.descent.epochs,
        shown: window.descent.guide.figures()[k] }), i);
      expect(spec, run.label).toEqual(fillSpec(run.spec));
      for (const c of lesson.claims) if (!c.runs || c.runs.includes(i)) expect(lesson.text).toContain(claimValue(spec, c.path));
      const expected = figures(lesson.measure, epochs);
      for (const key of ['first_loss', 'train_loss', 'train_error', 'dev_error', 'test_error', 'measure']) {
        // Computed in the page and here in Node: Math.pow may differ in the last bit.
        if (Number.isFinite(expected[key])) expect(shown[key], `${run.label}: ${key}`).toBeCloseTo(expected[key], 12);
        else expect(shown[key], `${run.label}: ${key}`).toEqual(expected[key]);
      }
    }
    await expect(guide.getByRole('status')).toContainText(`${MEASURES[lesson.measure].label}:`);
    const rows = guide.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(lesson.runs.length + 1);
    await expect(guide.getByRole('table')).not.toContainText('not run yet');
  });
}

test('“Run all” trains every run of a lesson, one after another', async ({ page }) => {
  const lesson = lessons.find((l) => l.id === 'regularization');
  await page.goto('./');
  await page.getByLabel('Speed').selectOption('max');
  await page.getByLabel('Lesson preset').selectOption({ label: 'Regularisation: L2' });
  const guide = page.getByRole('region', { name: lesson.title });
  await guide.getByRole('button', { name: 'Run all' }).click();
  await expect(guide.getByRole('status')).toContainText('Gap between dev and train error: no regularisation', { timeout: 120_000 });
  await expect(guide.getByRole('table')).not.toContainText('not run yet');
  const shown = await page.evaluate(() => window.descent.guide.figures());
  expect(shown.map((f) => f.epoch)).toEqual([400, 400, 400]);
  expect(shown[1].measure).toBeLessThan(shown[0].measure);  // L2 narrows the gap, as the lesson says
  expect(await page.evaluate(() => window.descent.loadedSpec.layers[0].keep_prob)).toBe(0.8);  // the last run is dropout
});
