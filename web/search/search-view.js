// The search card: the settings form, the buttons (Run search, Cancel, Refine around best k,
// Apply best, Export CSV, Export for a cluster, Import results), the progress bar, the status
// line, the error box, the scatter charts, the ranking and the results table. It renders a
// SearchModel and wires the buttons to it; the playground is reached through lab
// ({ spec(), apply(spec, note) }).
import { download, readFile } from '../exports.js';
import { SearchCharts } from './charts.js';
import { PLAN_NAME, exportedText, planFile } from './cluster.js';
import { h, uid } from './dom.js';
import { LIMITS, SearchForm } from './form.js';
import { MAX_RESULTS_BYTES, parseResults } from './import.js';
import { defaultPoolSize } from './pool.js';
import { toCsv } from './results.js';
import { SensitivityView } from './sensitivity.js';
import { ResultsTable } from './table.js';

const button = (text, title, className = '') => h('button', { type: 'button', textContent: text, title, className });

export class SearchView {
  constructor(container, model, lab) {
    this.model = model;
    this.lab = lab;
    container.classList.add('search');
    const controls = h('div', { className: 'sr-controls' });
    container.append(controls);
    this.form = new SearchForm(controls, { workers: defaultPoolSize() });
    container.append(this.buildActions(), ...this.buildStatus());
    this.charts = new SearchCharts(container);
    this.sensitivity = new SensitivityView(container);
    this.table = new ResultsTable(container);
    this.shownRanking = null;
    model.listen({
      changed: () => this.render(),
      besideControl: (error) => this.form.showEngineError(error),
      narrowed: (params) => this.form.setRanges(params),
    });
    this.render();
  }

  buildActions() {
    this.run = button('Run search', 'Plan the trials and train them, in parallel', 'primary');
    this.cancel = button('Cancel', 'Stop every worker now; the trials finished so far are kept');
    this.k = h('input', { type: 'number', value: '3', min: '1', max: String(LIMITS.k[1]), step: '1', id: uid('k'),
      title: 'How many of the best trials the narrowed ranges must cover' });
    this.refine = button('Refine around best k', 'Coarse to fine: narrow every range around the k best trials and run another round');
    this.apply = button('Apply best', 'Load the best trial’s experiment into the playground');
    this.exportCsv = button('Export CSV', 'Download the table as a CSV file');
    this.exportPlan = button('Export for a cluster', 'Download descent-plan.json: these settings and the playground’s experiment, for descent search on another machine');
    this.importButton = button('Import results', 'Load the results.json or results.csv collected by descent search (or a CSV from Export CSV) into this card');
    this.importFile = h('input', { type: 'file', accept: '.json,.csv,application/json,text/csv', hidden: true, id: uid('import'),
      'aria-label': 'Import results (results.json or results.csv)' });
    this.kError = h('p', { className: 'sr-error', hidden: true, role: 'alert', id: uid('err') });
    this.run.addEventListener('click', () => this.start());
    this.cancel.addEventListener('click', () => this.model.cancel());
    this.refine.addEventListener('click', () => this.refineRound());
    this.apply.addEventListener('click', () => this.applyBest());
    this.exportCsv.addEventListener('click', () => download('descent-search.csv', toCsv(this.model.rows, this.model.names()), 'text/csv'));
    this.exportPlan.addEventListener('click', () => this.exportForCluster());
    this.importButton.addEventListener('click', () => this.importFile.click());
    this.importFile.addEventListener('change', () => this.importChosen());
    return h('div', { className: 'sr-actions' }, [
      this.run, this.cancel,
      h('span', { className: 'sr-refine' }, [h('label', { htmlFor: this.k.id, textContent: 'k', title: this.k.title }), this.k, this.refine]),
      this.apply, this.exportCsv, this.exportPlan, this.importButton, this.importFile, this.kError]);
  }

  buildStatus() {
    this.progress = h('progress', { max: 1, value: 0, className: 'sr-progress', 'aria-label': 'Search progress' });
    this.status = h('p', { className: 'sr-status', role: 'status' });
    this.errorBox = h('p', { className: 'sr-error sr-error-box', hidden: true, role: 'alert' });
    this.hints = h('ul', { className: 'sr-hints', 'aria-label': 'Ranges to widen', hidden: true });
    return [this.progress, this.status, this.errorBox, this.hints];
  }

  render() {
    const { model } = this;
    const best = model.best();
    const names = model.names();
    this.table.update(model.rows, names, best);
    this.charts.update(model.rows, names, best);
    this.progress.max = Math.max(1, model.rows.length);
    this.progress.value = model.finished();
    this.status.textContent = model.status;
    this.errorBox.textContent = model.error;
    this.errorBox.hidden = !model.error;
    const hints = model.busy ? [] : model.edgeHints();  // once a round has finished
    this.hints.replaceChildren(...hints.map((hint) => h('li', { className: 'sr-hint', textContent: hint.text })));
    this.hints.hidden = !hints.length;
    this.run.disabled = model.busy;
    this.cancel.disabled = !model.busy;
    this.refine.disabled = model.busy || !best || !model.config;  // imported results have no search to refine
    this.k.disabled = model.busy;
    this.apply.disabled = !best;
    this.exportCsv.disabled = !model.rows.length;
    if (model.ranking && model.ranking !== this.shownRanking) {
      this.shownRanking = model.ranking;
      if (model.ranking.ranking) this.sensitivity.show(model.ranking.ranking, model.ranking.trials, model.ranking.distinct);
      else this.sensitivity.showMessage(model.ranking.message);
    }
  }

  async start() {
    this.model.showError('');
    const config = this.form.read();
    if (!config) {
      this.model.say('The search did not start: fix the settings marked below.');
      return;
    }
    await this.model.start(config, this.lab.spec());
  }

  // k, checked beside its box; null when it is not a whole number in range.
  readK() {
    const { k, kError } = this;
    kError.hidden = true;
    k.removeAttribute('aria-invalid');
    const value = Number(k.value);
    if (Number.isInteger(value) && value >= 1 && value <= LIMITS.k[1]) return value;
    kError.textContent = `k is “${k.value}”; allowed: a whole number from 1 to ${LIMITS.k[1]} (the best trials to refine around).`;
    kError.hidden = false;
    k.setAttribute('aria-invalid', 'true');
    k.setAttribute('aria-describedby', kError.id);
    return null;
  }

  async refineRound() {
    this.model.showError('');
    const k = this.readK();
    if (k !== null) await this.model.refine(k);
  }

  async applyBest() {
    if (!this.model.imported) {
      const best = this.model.bestApplication();
      if (best) this.lab.apply(best.spec, best.note);
      return;
    }
    this.model.showError('');
    const best = await this.model.importedApplication(this.lab.spec());
    if (best) this.lab.apply(best.spec, best.note);
  }

  // The plan of the form's settings, as Run search would start it (seed 1, one round; k for
  // refine_best), downloaded for `descent search` on another machine.
  exportForCluster() {
    this.model.showError('');
    const config = this.form.read();
    const k = this.readK();
    if (!config || k === null) {
      this.model.say('Nothing was exported: fix the settings marked below.');
      return;
    }
    const plan = planFile(config, this.lab.spec(), k);
    download(PLAN_NAME, `${JSON.stringify(plan, null, 2)}\n`);
    this.model.say(exportedText(plan));
  }

  // The file chosen under Import results: its rows replace the card's; a file that cannot be
  // read changes nothing but the error box.
  async importChosen() {
    const file = this.importFile.files[0];
    if (!file) return;
    this.importFile.value = '';  // the same file may be chosen again
    let parsed;
    try {
      parsed = parseResults(await readFile(file, MAX_RESULTS_BYTES), file.name);
    } catch (err) {
      parsed = { error: `${file.name} could not be read: ${err.message || err}` };
    }
    if (parsed.error) {
      this.model.showError(`Nothing was imported (the card is as it was): ${parsed.error}`);
      return;
    }
    await this.model.importResults(parsed);
  }
}
