// The network view: the inputs, each layer's units and the output left to right, the
// weights as lines, each unit drawn as what it computes (model.js says what, draw.js draws
// it on one canvas). Each unit is also a transparent button over the canvas, in tab order
// layer by layer, named by its statistics; a click (or Enter) selects it, a click on a line
// selects that weight, and details.js shows the selection. Redraws at most once a frame,
// when a snapshot arrives (the worker sends a few a second).
import { el, h } from '../dom.js';
import { NetworkDetails } from './details.js';
import { Painter } from './draw.js';
import {
  canvasSize, fmt, hitLine, layout, selectLines, unitLabel, weightLabel,
} from './model.js';

const WAITING = 'The network is drawn when the run starts.';

export class NetworkView {
  // root: the panel's box; actions: { history(query), setWeight(l, j, i, v), visible(on) }, layers
  // counted from 1 as the trainer does (the view's own selection counts them from 0).
  constructor(root, actions) {
    Object.assign(this, { root, actions, snapshot: null, lay: null, drawn: null, selection: null, hover: null, frame: 0 });
    this.status = el('p', 'nv-status', WAITING);
    this.status.setAttribute('role', 'status');
    this.scroller = h('div', { className: 'nv-scroll', tabIndex: -1 });
    this.stage = el('div', 'nv-stage');
    this.canvas = h('canvas', { className: 'nv-canvas', role: 'img', 'aria-label': 'Network diagram: units and weights' });
    this.units = h('div', { className: 'nv-units', role: 'group', 'aria-label': 'Units, layer by layer' });
    this.tip = el('div', 'nv-tip');
    this.tip.hidden = true;
    this.stage.append(this.canvas, this.units, this.tip);
    this.stage.hidden = true;  // until the first snapshot
    this.scroller.append(this.stage);
    this.hint = el('p', 'nv-note', 'Scroll sideways to see the whole network.');
    this.hint.hidden = true;
    this.note = el('p', 'nv-note nv-limited');
    this.note.hidden = true;
    this.legend = legend();
    const details = el('div');
    root.append(this.status, this.scroller, this.hint, this.note, this.legend, details);
    this.painter = new Painter(this.canvas);
    this.details = new NetworkDetails(details, {
      select: (s) => this.select(s),
      history: (q) => actions.history({ ...q, layer: q.layer + 1 }),        // the engine counts layers from 1
      setWeight: (l, j, i, v) => actions.setWeight(l + 1, j, i, v),
    });
    this.width = this.scroller.clientWidth || 400;
    if (typeof ResizeObserver !== 'undefined') {
      new ResizeObserver(([entry]) => {
        const w = entry.contentRect.width;
        if (Math.abs(w - this.width) < 1) return;
        this.width = w;
        this.relayout();
      }).observe(this.scroller);
    }
    if (typeof IntersectionObserver !== 'undefined' && actions.visible) {
      new IntersectionObserver(([entry]) => actions.visible(entry.isIntersecting), { rootMargin: '200px' }).observe(root);
    }
    this.canvas.addEventListener('mousemove', (e) => this.pointer(e, false));
    this.canvas.addEventListener('mouseleave', () => this.setHover(null));
    this.canvas.addEventListener('click', (e) => this.pointer(e, true));
  }

  // A NetworkSnapshot from the worker (see web/network-snapshot.js).
  update(snapshot) {
    const shape = (s) => s && [s.features, ...s.layers.map((l) => l.units)].join();
    const rebuilt = shape(snapshot) !== shape(this.snapshot);
    this.snapshot = snapshot;
    this.drawn = selectLines(snapshot);
    if (rebuilt) {
      if (this.selection && !this.exists(this.selection)) this.selection = null;
      this.relayout();
    } else this.labelUnits();
    if (this.selection) this.selection = this.refreshed(this.selection);
    const limited = this.drawn.limited;
    this.note.hidden = !limited.length;
    this.note.textContent = limited.map((x) => `${x.column === snapshot.layers.length ? 'Output layer' : `Layer ${x.column}`}: showing the strongest ${x.k} of ${x.n} weights per unit.`).join(' ');
    this.status.textContent = `Epoch ${snapshot.epoch}, step ${snapshot.step}: ${snapshot.exact ? 'the weights as they are now' : 'live (redrawn a few times a second)'}.`;
    this.details.show(this.selection, snapshot);
    this.schedule();
  }

  // Nothing to show (a new run is loading): the message instead of a diagram.
  clear(message = WAITING) {
    Object.assign(this, { snapshot: null, lay: null, drawn: null, selection: null, hover: null });
    this.units.replaceChildren();
    this.status.textContent = message;
    this.note.hidden = true;
    this.details.show(null, null);
    this.stage.hidden = this.hint.hidden = true;
  }

  relayout() {
    if (!this.snapshot) return;
    const size = canvasSize(this.snapshot, this.width);
    this.lay = layout(this.snapshot, size.width, size.height);
    this.stage.hidden = false;
    Object.assign(this.stage.style, { width: `${size.width}px`, height: `${size.height}px` });
    Object.assign(this.canvas.style, { width: `${size.width}px`, height: `${size.height}px` });
    this.hint.hidden = size.width <= Math.ceil(this.width) + 1;
    this.units.replaceChildren(...this.lay.columns.flatMap((col) => col.map((u) => this.unitButton(u))));
    this.labelUnits();
    this.schedule();
  }

  unitButton(u) {
    const pad = Math.max(0, (24 - u.size) / 2);  // small units still get a 24 px target
    const b = h('button', { type: 'button', className: 'nv-unit' });
    Object.assign(b.style, { left: `${u.x - pad}px`, top: `${u.y - pad}px`, width: `${u.size + 2 * pad}px`, height: `${u.size + 2 * pad}px` });
    const pick = { kind: 'unit', layer: u.column - 1, unit: u.index };
    b.addEventListener('click', () => this.select(pick));
    b.addEventListener('mouseenter', () => this.setHover(pick));
    b.addEventListener('focus', () => this.setHover(pick));
    b.addEventListener('mouseleave', () => this.setHover(null));
    b.addEventListener('blur', () => this.setHover(null));
    return b;
  }

  labelUnits() {
    const buttons = this.units.children;
    let k = 0;
    this.lay.columns.forEach((col, c) => col.forEach((u) => {
      const b = buttons[k++], label = unitLabel(this.snapshot, c, u.index);
      if (b.getAttribute('aria-label') !== label) b.setAttribute('aria-label', label);
      const selected = this.selection?.kind === 'unit' && this.selection.layer === c - 1 && this.selection.unit === u.index;
      b.setAttribute('aria-pressed', String(selected));
    }));
  }

  pointer(e, click) {
    if (!this.lay) return;
    const r = this.canvas.getBoundingClientRect(), x = e.clientX - r.left, y = e.clientY - r.top;
    const line = hitLine(this.lay, this.drawn.lines, x, y);
    const pick = line && { kind: 'weight', layer: line.column - 1, unit: line.unit, input: line.input, value: line.w };
    this.canvas.style.cursor = line ? 'pointer' : 'default';
    if (click) { if (pick) this.select(pick); } else this.setHover(pick);
  }

  setHover(pick) {
    this.hover = pick;
    const s = this.snapshot;
    this.tip.hidden = !pick || !s;
    if (pick && s) {
      this.tip.textContent = pick.kind === 'unit' ? unitLabel(s, pick.layer + 1, pick.unit)
        : `${weightLabel(s, pick.layer, pick.unit, pick.input)}: ${fmt(this.refreshed(pick).value)}`;
      const u = this.lay.columns[pick.layer + 1][pick.unit], right = u.x + u.size + 260 < this.lay.width;
      Object.assign(this.tip.style, { top: `${Math.max(0, u.y)}px`, left: right ? `${u.x + u.size + 10}px` : 'auto',
        right: right ? 'auto' : `${this.lay.width - u.x + 10}px` });
    }
    this.schedule();
  }

  // Selects a unit, weight or bias: { kind: 'unit' | 'weight' | 'bias', layer (-1: an input), unit, input }.
  select(selection) {
    this.selection = selection && this.refreshed(selection);
    if (this.lay) this.labelUnits();
    this.details.show(this.selection, this.snapshot);
    this.schedule();
  }

  // The selection with its value as of the current snapshot.
  refreshed(s) {
    const layer = this.snapshot?.layers[s.layer];
    if (!layer || s.kind === 'unit') return { ...s };
    return { ...s, value: s.kind === 'bias' ? layer.b[s.unit] : layer.W[s.unit * layer.fanIn + s.input] };
  }

  exists(s) {
    const count = s.layer < 0 ? this.snapshot.features : this.snapshot.layers[s.layer]?.units;
    return s.unit < (count ?? 0) && (s.kind !== 'weight' || s.input < this.snapshot.layers[s.layer].fanIn);
  }

  schedule() {
    if (this.frame || !this.lay) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.lay) this.painter.draw(this);
    });
  }

  // For tests and the console: the last snapshot, the layout (unit boxes in CSS pixels of
  // the canvas), the lines drawn and the selection.
  state() {
    return { snapshot: this.snapshot, layout: this.lay, lines: this.drawn?.lines ?? [], limited: this.drawn?.limited ?? [],
      selection: this.selection && { ...this.selection } };
  }
}

function legend() {
  const key = (cls, text) => h('li', {}, [el('span', `nv-key ${cls}`), document.createTextNode(text)]);
  return h('ul', { className: 'nv-legend', 'aria-label': 'How to read the diagram' }, [
    key('nv-key-pos', 'positive weight'), key('nv-key-neg', 'negative weight (thicker: larger)'),
    key('nv-key-dead', 'dead unit (ReLU, inactive on ≥ 99% of examples)'), key('nv-key-sat', 'saturated unit (≥ 90%)'),
    key('nv-key-drop', 'dropped by dropout'),
    h('li', { className: 'nv-legend-text' }, ['Each unit’s picture: its output over the input plane (orange high, blue low, each on its own scale) or its incoming weights.']),
  ]);
}
