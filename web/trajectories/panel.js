// Optimizer trajectories: what momentum, RMSProp and Adam do, in two tabs: paths on classic
// test surfaces, and the loss landscape around the path of the run the learner trained.
// mountTrajectories(container, api) builds both into container and returns what tests and
// the console read (the page keeps it as window.descent.trajectories).
//   api.surface(request), api.landscape(request): Promises of the engine's answers
//   api.spec(): the page's experiment spec; api.optimizer(): its optimizer settings
import { h, uid } from './form.js';
import { LandscapeView } from './landscape-view.js';
import { SurfaceView } from './surface-view.js';

const TABS = [
  { id: 'surfaces', label: 'Classic surfaces' },
  { id: 'landscape', label: 'This network’s loss landscape' },
];

// A tab list with one panel per tab (arrow keys, Home and End move between tabs; the
// active tab alone is in the Tab order). Returns { panels, select(index), onSelect }.
function tabs(container) {
  const list = h('div', { role: 'tablist', className: 'tj-tabs', 'aria-label': 'Trajectory views' });
  const buttons = [], panels = [];
  const result = { panels, onSelect: null };
  const select = (index, focus = false) => {
    buttons.forEach((b, i) => {
      b.setAttribute('aria-selected', String(i === index));
      b.tabIndex = i === index ? 0 : -1;
      panels[i].hidden = i !== index;
    });
    if (focus) buttons[index].focus();
    result.onSelect?.(index);
  };
  TABS.forEach((tab, i) => {
    const tabId = uid(`tab-${tab.id}`), panelId = uid(`panel-${tab.id}`);
    const button = h('button', { type: 'button', role: 'tab', id: tabId, textContent: tab.label, className: 'tj-tab',
      'aria-controls': panelId, title: i === 0 ? 'Paths of the update rules on classic 2-D test functions'
        : 'The loss of this page’s network around the path your run took' });
    const panel = h('div', { role: 'tabpanel', id: panelId, className: `tj-panel tj-panel-${tab.id}`, 'aria-labelledby': tabId });
    panel.tabIndex = -1;
    button.addEventListener('click', () => select(i));
    button.addEventListener('keydown', (event) => {
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select((next + TABS.length) % TABS.length, true);
    });
    buttons.push(button);
    panels.push(panel);
    list.append(button);
  });
  container.append(list, ...panels);
  result.select = select;
  select(0);
  return result;
}

export function mountTrajectories(container, api) {
  container.classList.add('trajectories');
  const view = tabs(container);
  const surfaces = new SurfaceView(view.panels[0], api);
  const landscape = new LandscapeView(view.panels[1], api);
  view.onSelect = (index) => {
    if (index === 0) surfaces.start();
    else landscape.show();
  };

  // The first surface is computed when the view first comes into sight, not while the
  // page is still loading the engine and its first run.
  if (typeof IntersectionObserver !== 'undefined') {
    const seen = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      seen.disconnect();
      surfaces.start();
    }, { rootMargin: '200px' });
    seen.observe(container);
  } else surfaces.start();

  return {
    // [{ name, label, points: n, last: [x, y, f], steps (to tolerance, null: never), outcome,
    // surface, condition }] of the last surface drawing: its table of steps.
    surfacePaths: () => surfaces.surfacePaths(),
    // The note under the surface's table (what the default settings show).
    surfaceNote: () => surfaces.surfaceNote(),
    // [[x, y, f], ...] of the last drawing's path of one method ('gd', 'momentum', ...), or null.
    surfacePoints: (name) => surfaces.surfacePoints(name),
    // [{ label, points: n, firstLoss, lastLoss, finalLoss, lastStep }] of the last landscape:
    // the learner's run first, then the other optimizers' runs.
    landscapeRuns: () => landscape.landscapeRuns(),
    // [{ path, label, kind: 'start' | 'end', x, y, inside }]: the markers the landscape drew.
    landscapeMarkers: () => landscape.landscapeMarkers(),
    // { resolution, explained, finite, steps, epoch } of the last landscape's grid, or null.
    landscapeGrid: () => landscape.landscapeGrid(),
    // [{ t, loss }] of the loss along the line from the initial to the final weights.
    landscapeLine: () => landscape.line.series(),
    // The last error either view showed (null after a success), the landscape's first.
    lastError: () => landscape.error ?? surfaces.error ?? null,
    // Shows tab 0 (classic surfaces) or 1 (the network's landscape).
    showTab: (index) => view.select(index),
  };
}
