// The data box under "Data set: CSV file": one file split by the split controls, or separate
// files, one per set (train, dev, test) and a number of train-dev examples held out of the
// training file. Every control is a view onto the spec's data (spec/data-kinds.js writes it).
// A file is checked by the engine before it loads: a refusal that names the set just chosen
// is said beside its file input and nothing changes, so neither the sets nor the run are lost. The sets' sizes come from the engine's points message.
import { readFile } from './exports.js';
import { SETS, SET_NAMES, isSeparate, missingCsv, toSeparate, toSingle, trainData, withSet } from './spec/data-kinds.js';
import { deepEqual } from './spec/path.js';

const MAX_CSV_BYTES = 50e6;
const FILE_SETS = ['train', 'dev', 'test'];
// Rows after the header; blank lines are none, as the engine reads a CSV.
const rowsOf = (csv) => Math.max(0, String(csv).split('\n').filter((line) => line.trim()).length - 1);
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function mountDataFiles({ controller, $ }) {
  const box = $('data-box'), upload = $('csv-upload'), files = $('data-files');
  const modes = [...box.querySelectorAll('input[name="data-mode"]')];
  const names = {};      // set ('single' for the one file) -> { name, csv } of the file chosen here
  let sizesOf = null;    // the data the sizes line was counted for
  // The box sits where the page put the CSV file input (after the data set), the input inside it.
  upload.before(box);
  box.querySelector('.data-mode').after(upload);

  const spec = () => controller.spec;
  const setError = (set, text) => {
    const p = $(`data-${set}-error`);
    p.textContent = text || '';
    p.hidden = !text;
    $(set === 'train_dev' ? 'data-train-dev' : `data-${set}-file`).setAttribute('aria-invalid', text ? 'true' : 'false');
  };
  const clearErrors = () => SETS.forEach((set) => setError(set, null));
  const csvSource = (csv) => ({ source: 'csv', csv, label: $('csv-label').value.trim(), task: $('csv-task').value });

  // Loads make(spec) once the engine has checked it in a session of its own: a refusal that
  // names the set being changed is said beside its input and nothing is loaded, so the run
  // goes on as it was. A refusal that names another set loads (and shows) as any spec does.
  async function apply(make, set, what, note = '') {
    setError(set, null);
    const checked = make(spec());
    if (!missingCsv(checked.data)) {
      const answer = await controller.trainer.check(checked);
      const field = String(answer?.error?.field ?? '');
      if (answer?.ok === false && field.startsWith(`data.${set}`)) {
        setError(set, `${what} was not used (the sets loaded before are kept): ${answer.error.message}`);
        return;
      }
    }
    controller.setSpec(make(spec()), note);  // the spec as it is now, should it have changed meanwhile
  }

  async function chooseFile(set, input) {
    const file = input.files[0];
    if (!file) return;
    let csv;
    try {
      csv = await readFile(file, MAX_CSV_BYTES);
    } catch (err) {
      setError(set, `${file.name} could not be read: ${err.message || err}`);
      return;
    }
    const before = names[set];
    names[set] = { name: file.name, csv };
    await apply((s) => withSet(s, set, csvSource(csv)), set, file.name);
    if (spec().data[set]?.csv === csv) return;
    names[set] = before;  // refused: the name of the file kept, and the same file may be chosen again
    input.value = '';
    refresh(spec());
  }
  for (const set of FILE_SETS) $(`data-${set}-file`).addEventListener('change', (e) => chooseFile(set, e.target));

  // The optional sets can be taken out again.
  for (const set of ['dev', 'test']) {
    const remove = Object.assign(document.createElement('button'), {
      type: 'button', className: 'remove-set', id: `data-${set}-remove`, textContent: 'Remove', title: `Train without a ${set} set`, hidden: true });
    remove.setAttribute('aria-label', `Remove the ${set} set`);
    $(`data-${set}-state`).after(remove);
    remove.addEventListener('click', () => {
      delete names[set];
      $(`data-${set}-file`).value = '';
      setError(set, null);
      controller.setSpec(withSet(spec(), set, undefined), `The ${set} set is removed.`);
    });
  }

  $('data-train-dev').addEventListener('change', (e) => {
    const text = e.target.value.trim();
    if (!/^\d+$/.test(text)) {
      setError('train_dev', `Train-dev examples "${text}" is not allowed: use a whole number of training examples, 0 for none.`);
      return;
    }
    const take = Number(text);
    apply((s) => withSet(s, 'train_dev', take ? { from: 'train', take } : undefined), 'train_dev', `${take} train-dev examples`);
  });

  for (const radio of modes) {
    radio.addEventListener('change', () => {
      clearErrors();
      if (radio.value === 'separate') {
        controller.setSpec(toSeparate(spec()), 'Separate files: the training set’s file (the CSV already chosen, if any), ' +
          'and a dev and a test file if you have them. The train/dev/test split is not used.');
      } else controller.setSpec(toSingle(spec()), 'One file: the training set’s file, split into train and dev (More settings, Data).');
    });
  }

  // The one file of the single form; the label column and task of every CSV set.
  async function readCsv() {
    const s = spec(), file = $('csv-file').files[0];
    const label = $('csv-label').value.trim(), task = $('csv-task').value;
    try {
      if (isSeparate(s.data)) {
        let next = s;
        for (const set of SETS) if (s.data[set]?.source === 'csv') next = withSet(next, set, { ...s.data[set], label, task });
        controller.setSpec(next);
        return;
      }
      const data = { ...s.data, label, task };
      if (file) {
        data.csv = await readFile(file, MAX_CSV_BYTES);
        names.single = { name: file.name, csv: data.csv };
      }
      controller.setSpec({ ...s, data });
    } catch (err) {
      controller.controls.showError('dataset', String(err.message || err));
    }
  }
  $('csv-file').addEventListener('change', readCsv);
  $('csv-label').addEventListener('change', readCsv);
  $('csv-task').addEventListener('change', readCsv);

  // What a set holds, beside its input: the file chosen here, or what the spec brought.
  function describe(key, given) {
    if (!given) return key === 'train' ? 'None yet: choose a file (required).' : 'None (optional).';
    if (given.source !== 'csv') return `${given.source}, from the spec`;
    if (!given.csv) return 'None yet: choose a file (required).';
    const rows = plural(rowsOf(given.csv), 'row');
    return names[key]?.csv === given.csv ? `${names[key].name}: ${rows}` : `Loaded from the spec (${rows}).`;
  }

  // The engine's sets: "Train 240 · Train-dev 60 · Dev 100 · Test 100" (empty sets left out).
  const host = controller.host, drawPoints = host.onPoints;
  host.onPoints = (msg) => {
    drawPoints?.(msg);
    const p = msg.points;
    sizesOf = controller.loaded?.data ?? null;
    const parts = SETS.filter((set) => set === 'train' || p[set]?.y?.length).map((set) => `${SET_NAMES[set]} ${p[set]?.y?.length ?? 0}`);
    $('data-sizes').textContent = `Examples: ${parts.join(' · ')}`;
    $('data-sizes').hidden = !deepEqual(sizesOf, spec().data);
  };

  // The box shows the spec's data (a spec, lesson or link may come with CSV sets in it).
  function refresh(s) {
    const separate = isSeparate(s.data), source = trainData(s.data)?.source;
    box.hidden = !separate && s.data.source !== 'csv';
    if (box.hidden) return;
    for (const radio of modes) radio.checked = radio.value === (separate ? 'separate' : 'single');
    files.hidden = !separate;
    const train = trainData(s.data);
    if (source === 'csv') {
      $('csv-label').value = train.label ?? '';
      $('csv-task').value = train.task ?? 'classification';
    }
    box.querySelector('.csv-options').hidden = source !== 'csv';
    if (!separate) $('csv-file-state').textContent = s.data.csv ? describe('single', s.data) : '';
    for (const set of FILE_SETS) $(`data-${set}-state`).textContent = separate ? describe(set, s.data[set]) : '';
    for (const set of ['dev', 'test']) $(`data-${set}-remove`).hidden = !separate || !s.data[set];
    const td = s.data.train_dev;
    $('data-train-dev').value = td?.from === 'train' ? String(td.take) : td ? `${td.source} (from the spec)` : '0';
    $('data-sizes').hidden = !deepEqual(sizesOf, s.data);
  }
  return { refresh };
}
