// The presets menu: the course's lessons from lessons/index.json, each run a preset.

export async function loadLessons(baseUrl) {
  const index = await (await fetch(new URL('lessons/index.json', baseUrl))).json();
  const lessons = [];
  for (const { id } of index) lessons.push(await (await fetch(new URL(`lessons/${id}.json`, baseUrl))).json());
  return lessons;
}

// Fills a <select> with one option per lesson run ("Initialisation: He"), grouped by lesson.
export function fillPresets(select, lessons) {
  for (const lesson of lessons) {
    const group = document.createElement('optgroup');
    group.label = lesson.title;
    lesson.runs.forEach((run, i) => {
      const option = new Option(`${lesson.title.split(':')[0]}: ${run.label}`, `${lesson.id}/${i}`);
      group.append(option);
    });
    select.append(group);
  }
}

export function presetSpec(lessons, value) {
  const [id, i] = String(value).split('/');
  const lesson = lessons.find((l) => l.id === id);
  return lesson?.runs[Number(i)] ? { lesson, run: lesson.runs[Number(i)] } : null;
}
