// Lessons from lessons/ beside the bundle (the course's experiments, each a list of runs):
// fetched by id, with a problem naming the ids there are when one is missing.
import { problem } from './options.js';

const HERE = import.meta.url;  // the bundle's own URL: the lessons sit beside it

// { lesson, run, problems }: lesson is null (and a problem says why) when it cannot be had;
// a run index out of range is a problem and falls back to run 0.
export async function fetchLessonRun(id, run) {
  try {
    const response = await fetch(new URL(`./lessons/${id}.json`, HERE));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const lesson = await response.json();
    if (!Array.isArray(lesson.runs) || !lesson.runs.length) throw new Error('it has no runs');
    if (lesson.runs[run]) return { lesson, run, problems: [] };
    return { lesson, run: 0, problems: [problem('lesson', `${id}/${run}`, `a run index from 0 to ${lesson.runs.length - 1}`)] };
  } catch {
    let ids = 'the ids in lessons/index.json';
    try {
      ids = (await (await fetch(new URL('./lessons/index.json', HERE))).json()).map((l) => l.id).join(', ');
    } catch { /* keep the generic text */ }
    return { lesson: null, run: 0, problems: [problem('lesson', id, `a lesson id: ${ids}`)] };
  }
}
