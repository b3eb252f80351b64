// Lessons (the course's experiments, each a list of runs): the built-in ones from lessons/ in
// the asset folder, fetched by id, with a problem naming the ids there are when one is
// missing; and a course's own, fetched by URL, with a problem naming the URL and what went
// wrong (its HTTP status, not JSON, no runs, too large, or the fetch itself refused).
import { assetUrl } from './assets.js';
import { problem } from './options.js';

export const MAX_LESSON_BYTES = 5e6;
const isPlain = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);

// Why a lesson object is not one, or '' when it is: a lesson has runs, each with a spec object.
export function lessonShapeProblem(lesson) {
  if (!isPlain(lesson)) return 'it is not a JSON object';
  if (!Array.isArray(lesson.runs) || !lesson.runs.length) return 'it has no runs';
  const bad = lesson.runs.findIndex((run) => !isPlain(run) || !isPlain(run.spec));
  return bad >= 0 ? `its run ${bad} has no spec object` : '';
}

// { lesson, run, problems }: a run index out of range is a problem and falls back to run 0.
function pick(lesson, run, given) {
  if (lesson.runs[run]) return { lesson, run, problems: [] };
  return { lesson, run: 0, problems: [problem('lesson', given, `a run index from 0 to ${lesson.runs.length - 1}`)] };
}

// { lesson, run, problems }: lesson is null (and a problem says why) when it cannot be had.
export async function fetchLessonRun(id, run) {
  try {
    const response = await fetch(assetUrl(`lessons/${id}.json`));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const lesson = await response.json();
    if (lessonShapeProblem(lesson)) throw new Error(lessonShapeProblem(lesson));
    return pick(lesson, run, `${id}/${run}`);
  } catch {
    let ids = 'the ids in lessons/index.json';
    try {
      ids = (await (await fetch(assetUrl('lessons/index.json'))).json()).map((l) => l.id).join(', ');
    } catch { /* keep the generic text */ }
    return { lesson: null, run: 0, problems: [problem('lesson', id, `a lesson id: ${ids}`)] };
  }
}

const ALLOWED = 'the URL of a lesson JSON file, { "title", "text", "runs": [{ "label", "spec": { ... } }] }, ' +
  `of at most ${MAX_LESSON_BYTES / 1e6} MB, that this page may fetch`;
const failure = (url, why) => ({ field: 'lesson', given: url, allowed: ALLOWED, message: `The lesson at ${url} could not be loaded: ${why}.` });

// A course's own lesson file. url: absolute, or relative to base (the document's URL: for
// embed.html its own location, for <descent-lesson> the course page's). Returns
// { lesson, run, problems } as fetchLessonRun; lesson.url is the absolute URL.
export async function fetchLessonUrl(url, run = 0, base = globalThis.document?.baseURI) {
  let href;
  try {
    href = new URL(url, base).href;
  } catch {
    return { lesson: null, run: 0, problems: [failure(url, 'it is not a URL')] };
  }
  if (!/^https?:$/.test(new URL(href).protocol)) return { lesson: null, run: 0, problems: [failure(href, 'only http(s) URLs are fetched')] };
  const fail = (why) => ({ lesson: null, run: 0, problems: [failure(href, why)] });
  let response;
  try {
    response = await fetch(href, { credentials: 'same-origin' });
  } catch {
    const origin = globalThis.location?.origin ?? 'this page';
    return fail(`the request was refused before any answer (a network error). Likely causes: the file's site does not allow ${origin} to read it (it must send Access-Control-Allow-Origin: ${origin} or *), or this page's Content-Security-Policy connect-src does not allow ${new URL(href).origin}`);
  }
  if (!response.ok) return fail(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  if (Number(response.headers.get('content-length')) > MAX_LESSON_BYTES) return fail(`it is larger than ${MAX_LESSON_BYTES / 1e6} MB`);
  let lesson;
  try {
    const text = await response.text();
    if (text.length > MAX_LESSON_BYTES) return fail(`it is larger than ${MAX_LESSON_BYTES / 1e6} MB`);
    lesson = JSON.parse(text);
  } catch {
    return fail('it is not JSON');
  }
  const shape = lessonShapeProblem(lesson);
  if (shape) return fail(shape);
  return pick({ ...lesson, url: href }, run, `${url}?run=${run}`);
}
