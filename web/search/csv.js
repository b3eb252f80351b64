// CSV records for text the engine is not asked to read (a search's results: names and
// messages, not only numbers), split by Papa Parse (RFC 4180: quoted cells may hold commas,
// quotes as "" and line ends). Blank lines are skipped, a UTF-8 byte-order mark is dropped,
// spaces and tabs around a cell are trimmed as the engine's own reader trims them. Pure.
import Papa from 'papaparse';

const LINE_END = /\r\n|\r|\n/g;
const count = (text) => (text.match(LINE_END) || []).length;

// The records of text: { records: [{ cells: [string], line }] } (line: 1-based, where the
// record starts) or { error, line } for a quote that never closes.
export function csvRecords(text) {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records = [];
  let error = null;
  let cursor = 0;  // where the row after the last one starts
  let line = 1;    // the line at cursor
  Papa.parse(source, {
    step({ data, errors, meta }, parser) {
      const raw = source.slice(cursor, meta.cursor);
      const start = line;
      line += count(raw);
      cursor = meta.cursor;
      if (/^[ \t\r\n]*$/.test(raw)) return;  // a blank line (a quoted empty cell is not blank)
      if (errors.some((e) => e.code === 'MissingQuotes')) {
        error = { error: `a quote opened on line ${start} never closes`, line: start };
        parser.abort();
        return;
      }
      records.push({ cells: data.map((cell) => cell.replace(/^[ \t]+|[ \t]+$/g, '')), line: start });
    },
  });
  return error ?? { records };
}
