// The playground's ways in and out of a spec: export metrics, the chart, the weights, the spec
// and the model; load a spec, weights or a model; predict on a CSV file with the run's model;
// the data box (a CSV file, or separate files per set: data-files.js); copy the link. Every spec goes through the controller whole.
import { download, downloadCanvas, metricsCsv, parseModelFile, readFile } from './exports.js';
import { mountDataFiles } from './data-files.js';
import { parseSpec } from './embed/options.js';

const MAX_CSV_BYTES = 50e6;
const MAX_SPEC_BYTES = 60e6;

export function mountExportCard({ controller, link, $ }) {
  const showError = (text) => {
    $('error').textContent = text;
    $('error').hidden = false;
  };
  const spec = () => controller.spec;

  $('export-csv').addEventListener('click', () => download('descent-metrics.csv', metricsCsv(controller.run.epochs), 'text/csv'));
  $('export-json').addEventListener('click', () => download('descent-metrics.json', JSON.stringify(controller.run.epochs, null, 1)));
  $('export-png').addEventListener('click', () => downloadCanvas('descent-chart.png', $('metrics-chart')));
  $('export-weights').addEventListener('click', () => controller.trainer.exportWeights());
  $('export-spec').addEventListener('click', () => download('descent-spec.json', JSON.stringify(spec(), null, 2)));

  $('import-spec').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    const problems = [];
    try {
      const parsed = parseSpec(await readFile(file, MAX_SPEC_BYTES), problems, file.name);
      if (parsed) controller.setSpec(parsed, `Loaded the experiment spec from ${file.name}.`);
      else showError(`The spec file could not be read: ${problems[0].message}`);
    } catch (err) {
      showError(`The spec file could not be read: ${err.message || err}`);
    }
  });
  $('import-weights').addEventListener('change', async (e) => {
    try {
      controller.trainer.importWeights(await readFile(e.target.files[0], MAX_SPEC_BYTES));
    } catch (err) {
      showError(`The weights file could not be read: ${err.message || err}`);
    }
  });

  // The model: its document, its predictions on a CSV file, and a model file loaded back (its
  // spec as a spec file, then, once the engine runs it, its weights as Import weights).
  const status = (text) => { $('link-status').textContent = text; };
  $('export-model').addEventListener('click', async () => {
    const answer = await controller.trainer.model();
    if (answer.ok) download('descent-model.json', JSON.stringify(answer.model, null, 1));
    else status(`The model could not be exported: ${answer.error.message}`);
  });
  $('predict-file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    e.target.value = '';  // the same file may be chosen again
    try {
      if (!controller.ready) throw new Error('the experiment shown is not loaded yet; train it or wait for it to load');
      const answer = await controller.trainer.predict(await readFile(file, MAX_CSV_BYTES));
      if (!answer.ok) throw new Error(answer.error.message);
      download('predictions.csv', answer.csv, 'text/csv');
      const rows = answer.csv.trimEnd().split('\n').length - 1;
      status(`Predicted ${rows} ${rows === 1 ? 'row' : 'rows'} of ${file.name} with the current weights: predictions.csv.`);
    } catch (err) {
      status(`${file.name} was not predicted: ${err.message || err}`);
    }
  });
  $('import-model').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    e.target.value = '';
    try {
      const model = parseModelFile(await readFile(file, MAX_SPEC_BYTES), file.name);
      const problems = [];
      const parsed = parseSpec(model.spec, problems, `${file.name}: spec`);
      if (!parsed) throw new Error(problems[0].message);
      if (!controller.setSpec(parsed, `Loaded the model from ${file.name}: its experiment spec, then its weights.`))
        throw new Error('its experiment spec was refused (said beside Train)');
      await controller.trainer.model();  // answered after the load: the engine has the spec, or refused it
      if (!controller.ready) throw new Error(`its experiment spec was refused: ${controller.problem?.message ?? 'it did not load'}`);
      controller.trainer.importModel(model);  // weights and batch norm's running averages
      status(`Loaded the model from ${file.name}: its spec and its weights.`);
    } catch (err) {
      status(`The model file was not loaded: ${err.message || err}`);
    }
  });

  // The data box: the CSV file, or separate files per set (data-files.js).
  const dataFiles = mountDataFiles({ controller, $ });

  $('copy-link').addEventListener('click', async () => {
    const { url, text } = await link.copy(spec(), { speed: controller.speed });
    $('link-text').value = url;
    $('link-text').hidden = false;
    $('link-status').textContent = text;
  });

  return {
    weights: (weights) => download('descent-weights.json', JSON.stringify(weights, null, 1)),
    // The data box shows the spec's CSV data (a spec may come with CSV sets in it).
    refresh: (s) => dataFiles.refresh(s),
  };
}
