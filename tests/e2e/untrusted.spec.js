// The URL hash, the embed's query string and postMessage are untrusted: whatever markup they
// carry is shown as text, never parsed, so no element and no script of theirs reaches the page.
import { expect, test } from '@playwright/test';

const MARKUP = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';

// Elements the markup above would create if it were ever parsed as HTML.
const injected = (page) => page.evaluate(() => ({
  pwned: window.pwned ?? null,
  img: [...document.querySelectorAll('img')].filter((i) => i.getAttribute('src') === 'x').length,
  script: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('pwned')).length,
}));
const NOTHING = { pwned: null, img: 0, script: 0 };

test('markup in the playground’s URL hash is reported as text, never parsed', async ({ page }) => {
  const hash = new URLSearchParams({ [MARKUP]: '1', lr: MARKUP, dataset: MARKUP }).toString();
  await page.goto(`./#${hash}`);
  const notice = page.getByText(/Some settings in the link were not valid and were reset to defaults/);
  await expect(notice).toBeVisible();
  expect(await notice.textContent()).toContain('<img src=x onerror="window.pwned=1">');  // as text
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveAttribute('aria-valuetext', '0.1');
  expect(await injected(page)).toEqual(NOTHING);
});

test('markup in the embed’s options is shown as text, never parsed', async ({ page }) => {
  const query = new URLSearchParams({ lesson: MARKUP, title: MARKUP, controls: 'lr' }).toString();
  await page.goto(`./embed.html?${query}`);
  await expect(page.getByRole('heading', { name: MARKUP })).toBeVisible();  // the author's title, as text
  await expect(page.getByText('<img src=x', { exact: false }).first()).toBeVisible();  // the bad lesson, quoted
  expect(await injected(page)).toEqual(NOTHING);
});

test('markup in postMessage commands is answered as text, never parsed', async ({ page }) => {
  await page.goto('./course.html');  // its iframe of embed.html allows its own origin, the page's
  const frame = page.frameLocator('iframe').first();
  await expect(frame.getByRole('status').filter({ hasText: /epoch \d+ of/ })).toBeVisible();
  const answers = await page.evaluate((markup) => new Promise((resolve) => {
    const target = document.querySelector('iframe').contentWindow;
    const got = [];
    addEventListener('message', (e) => {
      if (e.source === target && e.data?.descent === 1 && ['rejected', 'error'].includes(e.data.type)) got.push(e.data);
      if (got.length === 3) resolve(got);
    });
    target.postMessage({ descent: 1, type: 'set', name: markup, value: 1, id: 1 }, location.origin);
    target.postMessage({ descent: 1, type: 'set', name: 'lr', value: markup, id: 2 }, location.origin);
    target.postMessage({ descent: 1, type: markup, id: 3 }, location.origin);
    setTimeout(() => resolve(got), 5000);
  }), MARKUP);
  expect(answers.map((a) => a.id).sort()).toEqual([1, 2, 3]);
  for (const a of answers) expect(a.message).toMatch(/allowed/);
  expect(answers.find((a) => a.id === 3).message).toContain(MARKUP);  // quoted back as text
  expect(await injected(page)).toEqual(NOTHING);
  for (const f of page.frames()) expect(await injected(f)).toEqual(NOTHING);
});
