// The playground's ways in and out of a spec: export metrics, the chart, the weights and the
// spec; load a spec or weights; choose a CSV file (its text, label column and task are
// written into the spec's data); copy the link. Every spec goes through the controller whole.
import { download, downloadCanvas, metricsCsv, readFile } from './exports.js';
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

  // The CSV file: its text, label column and task are the spec's data.csv, .label and .task.
  async function readCsv() {
    const file = $('csv-file').files[0];
    const data = { ...spec().data, label: $('csv-label').value.trim(), task: $('csv-task').value };
    try {
      if (file) data.csv = await readFile(file, MAX_CSV_BYTES);
      controller.setSpec({ ...spec(), data });
    } catch (err) {
      controller.controls.showError('dataset', String(err.message || err));
    }
  }
  $('csv-file').addEventListener('change', readCsv);
  $('csv-label').addEventListener('change', readCsv);
  $('csv-task').addEventListener('change', readCsv);

  $('copy-link').addEventListener('click', async () => {
    const { url, text } = await link.copy(spec(), { speed: controller.speed });
    $('link-text').value = url;
    $('link-text').hidden = false;
    $('link-status').textContent = text;
  });

  return {
    weights: (weights) => download('descent-weights.json', JSON.stringify(weights, null, 1)),
    // The CSV box shows the spec's label column and task (a spec may come with a CSV in it).
    refresh(s) {
      if (s.data.source !== 'csv') return;
      $('csv-label').value = s.data.label ?? '';
      $('csv-task').value = s.data.task ?? 'classification';
    },
  };
}
