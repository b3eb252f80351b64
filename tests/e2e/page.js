// What the end-to-end tests read from the page, in one place.

// The points of a chart series, as the page holds them: [{ x: epoch, y }].
export const series = (page, label) => page.evaluate((l) => window.descent.metrics.series(l), label);

// The playground's experiment form: its controls, apart from the cards' own (the search card
// has a "Decay rate" and a "Mini-batch size" of its own).
export const settings = (page) => page.getByRole('form', { name: 'Experiment settings' });

// The run's status line (the page has other live regions too).
export const status = (page) => page.getByRole('status').filter({ hasText: /epoch \d+ of/ });

// Animation frames the main thread drew per second over `ms` milliseconds.
export async function framesPerSecond(page, ms) {
  const frames = await page.evaluate((duration) => new Promise((resolve) => {
    let count = 0;
    const start = performance.now();
    const tick = () => {
      count += 1;
      if (performance.now() - start < duration) requestAnimationFrame(tick);
      else resolve(count);
    };
    requestAnimationFrame(tick);
  }), ms);
  return frames / (ms / 1000);
}

// Opens "More settings" (the controls beyond the first screen's), as a person would.
export async function openMoreSettings(page) {
  const open = await page.evaluate(() => document.querySelector('details.more-settings')?.open);
  if (!open) await page.getByText('More settings', { exact: true }).click();
}
