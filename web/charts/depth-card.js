// The Per layer card: one statistic of every layer, over the epochs (a line per layer,
// layers-chart.js) or by depth (against the layer index at one epoch, depth-chart.js, the
// latest epoch unless the learner picks another), with a caption that says what the chart by
// depth shows, or, in place of a chart with nothing on it, why there is nothing to draw.
// A one-epoch run (the vanishing/exploding lesson's) opens by depth on the activations'
// spread; otherwise the learner's choices of view and statistic hold from run to run.
import { DepthChart } from './depth-chart.js';
import { depthPoints, emptyReason, growthText, openingStat, openingView } from './depth-data.js';
import { LayersChart, STATS } from './layers-chart.js';
import { typedBox } from '../typed-box.js';

const VIEWS = ['depth', 'epochs'];

export class LayersCard {
  // root: the card's <section>; runEpochs(): the number of epochs of the run loaded.
  constructor(root, { runEpochs }) {
    const $ = (id) => root.querySelector(`#${id}`);
    this.el = {
      stat: $('layer-stat'), views: [...root.querySelectorAll('input[name="layer-view"]')],
      epoch: $('layer-epoch'), epochValue: $('layer-epoch-value'), epochTools: $('layer-epoch-tools'),
      boxes: { epochs: $('layers-over-epochs'), depth: $('layers-by-depth') },
      empty: $('layers-empty'), caption: $('layers-caption'),
    };
    this.overEpochs = new LayersChart($('layers-chart'));
    this.depth = new DepthChart($('depth-chart'));
    this.runEpochs = runEpochs;
    this.chosen = { view: null, stat: null };  // what the learner picked, if anything
    this.records = [];                         // epoch records with layer statistics, in order
    this.pinned = null;                        // the index in records shown by depth; null: the latest
    this.view = 'epochs';
    this.stat = 'grad_norm';
    this.el.stat.addEventListener('change', () => {
      this.chosen.stat = this.el.stat.value;
      this.setStat(this.el.stat.value);
    });
    for (const radio of this.el.views) {
      radio.addEventListener('change', () => {
        this.chosen.view = radio.value;
        this.setView(radio.value);
      });
    }
    this.el.epoch.addEventListener('input', () => this.setEpoch(Number(this.el.epoch.value)));
    // The epoch can be typed too: the slider's position is an index into the records.
    this.typedEpoch = typedBox(this.el.epoch, { label: 'Epoch', whole: true, id: 'layer-epoch-value',
      toValue: (i) => this.records[i]?.epoch ?? i,
      fromValue: (epoch) => Math.max(0, this.records.findIndex((r) => r.epoch >= epoch)) });
    this.el.epochValue.replaceWith(this.typedEpoch.box);
    this.show();
  }

  // A new run: its records go; the view and the statistic are the ones it opens with.
  clear() {
    this.overEpochs.clear();
    this.records = [];
    this.pinned = null;
    const epochs = this.runEpochs();
    this.view = openingView(epochs, this.chosen.view);
    this.setStat(openingStat(epochs, this.chosen.stat));
  }

  // epochs: records from the engine, each with `layers: [{ grad_norm, act_std, ... }]`.
  append(epochs) {
    this.overEpochs.append(epochs);
    for (const e of epochs) if (Array.isArray(e.layers) && e.layers.length) this.records.push(e);
    this.show();
  }

  // 'grad_norm' | 'weight_norm' | 'act_std' | 'act_mean' | 'saturated' | 'dead'.
  setStat(stat) {
    if (!(stat in STATS)) throw new RangeError(`LayersCard.setStat: stat must be one of ${Object.keys(STATS).join(', ')}; got ${stat}`);
    this.stat = stat;
    this.overEpochs.setStat(stat);
    this.show();
  }

  // 'depth' (against the layer index) or 'epochs' (a line per layer).
  setView(view) {
    if (!VIEWS.includes(view)) throw new RangeError(`LayersCard.setView: view must be 'depth' or 'epochs'; got ${view}`);
    this.view = view;
    this.show();
  }

  // The record shown by depth, by its index among the records; the last (or null) follows
  // the latest epoch as the run goes on.
  setEpoch(index) {
    if (index !== null && !Number.isInteger(index)) throw new RangeError(`LayersCard.setEpoch: index must be a whole number or null; got ${index}`);
    this.pinned = index === null || index >= this.records.length - 1 ? null : Math.max(0, index);
    this.show();
  }

  setSmoothing(beta) {
    this.overEpochs.setSmoothing(beta);
  }

  // What the chart by depth draws, read from the chart: { epoch, stat, scale, points: [{ x, y }] }.
  byDepth() {
    const data = this.depth.chart.data.datasets[0]?.data ?? [];
    return {
      epoch: this.shownRecord()?.epoch ?? null,
      stat: this.depth.stat,
      scale: this.depth.chart.scales.y?.type ?? null,
      points: data.map(({ x, y }) => ({ x, y })),
    };
  }

  // The caption or the reason for an empty view, as the page shows it.
  get caption() {
    return this.el.empty.hidden ? this.el.caption.textContent : this.el.empty.textContent;
  }

  shownRecord() {
    return this.records[this.pinned ?? this.records.length - 1];
  }

  // The controls, the view shown, and its caption, from the card's state.
  show() {
    const { view, stat, el } = this;
    const { log } = STATS[stat];
    const record = this.shownRecord();
    const points = depthPoints(record, stat, log);
    if (view === 'depth') this.depth.show(stat, points, record?.epoch);
    const why = emptyReason({ view, records: this.records.length, points, stat, log, epoch: record?.epoch });
    el.stat.value = stat;
    for (const radio of el.views) radio.checked = radio.value === view;
    for (const [name, box] of Object.entries(el.boxes)) {
      box.hidden = name !== view;
      box.classList.toggle('is-empty', Boolean(why));
    }
    setText(el.empty, why);
    el.empty.hidden = !why;
    setText(el.caption, view === 'depth' && !why && log ? growthText(stat, points, record.epoch) : '');
    el.caption.hidden = !el.caption.textContent;
    el.epochTools.hidden = view !== 'depth';
    const last = Math.max(0, this.records.length - 1);
    el.epoch.max = String(last);
    el.epoch.value = String(this.pinned ?? last);
    el.epoch.disabled = this.records.length < 2;
    this.typedEpoch.show(record ? `${record.epoch}${this.pinned === null ? ' (latest)' : ''}` : '–');
  }
}

// Writes text only when it changes (the card is shown again with every progress message).
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}
