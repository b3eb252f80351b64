// The one definition of the messages between an embedded lesson (embed.html) and the page
// that frames it. Every message is { descent: 1, type, ... }. Commands come from the parent;
// events go to it. A command that is not well formed is answered with a 'rejected' event
// that names what was wrong and what is allowed.
import { LESSON_FORMS, parseLessonRef, parseSpec, problem } from './options.js';

export const VERSION = 1;

// Parent -> embed: the command's type and the keys it may carry (id is echoed back).
export const COMMANDS = Object.freeze({
  load: ['spec', 'lesson', 'settings'],  // exactly one of them; lesson as the lesson= option:
                                         // "optimization/2" or a lesson file's URL ("https://course.example/mine.json?run=1")
  train: [],
  pause: [],
  reset: [],
  set: ['name', 'value'],               // a control by its state name, e.g. { name: 'lr', value: 0.01 }
});

// Embed -> parent: ready { version, commands, events }, then the lesson's events (loaded,
// epoch, finished, state, error: see lesson.js), rejected (a malformed command) and
// resize { height }: the frame's content height in CSS pixels (an integer), sent once right
// after ready and again whenever it changes, so the parent can size the iframe to it:
//   if (e.data.type === 'resize') frame.style.height = `${e.data.height}px`;
export const EVENTS = Object.freeze(['ready', 'loaded', 'epoch', 'finished', 'state', 'error', 'rejected', 'resize']);

const isPlain = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
const MAX_ID = 200;

// Returns { ok: true, command: { type, id?, spec?, lesson?, settings?, name?, value? } } or
// { ok: false, id?, error: { field, given, allowed, message } }.
export function checkCommand(data) {
  const fail = (field, given, allowed, id) => ({ ok: false, ...(id === undefined ? {} : { id }), error: problem(field, given, allowed) });
  if (!isPlain(data)) return fail('message', data, 'an object { descent: 1, type, ... }');
  if (data.descent !== VERSION) return fail('descent', data.descent, `the protocol version ${VERSION}`);
  let id;
  if ('id' in data) {
    const okId = (typeof data.id === 'string' && data.id.length <= MAX_ID) || Number.isFinite(data.id);
    if (!okId) return fail('id', data.id, `a number or a string of at most ${MAX_ID} characters`);
    id = data.id;
  }
  const types = Object.keys(COMMANDS);
  if (!types.includes(data.type)) return fail('type', data.type, types.join(', '), id);
  const keys = COMMANDS[data.type];
  for (const key of Object.keys(data)) {
    if (key !== 'descent' && key !== 'type' && key !== 'id' && !keys.includes(key)) {
      return fail(key, key, `for "${data.type}": ${['descent', 'type', 'id', ...keys].join(', ')}`, id);
    }
  }
  const command = { type: data.type, ...(id === undefined ? {} : { id }) };
  if (data.type === 'load') {
    const given = keys.filter((k) => data[k] !== undefined);
    if (given.length !== 1) return fail('load', given.join(' and ') || 'nothing', 'exactly one of spec (an experiment spec), lesson ("optimization/2" or a lesson file\'s URL) or settings ("optimizer=adam&lr=0.001")', id);
    const key = given[0];
    if (key === 'spec') {
      const problems = [];
      const spec = parseSpec(data.spec, problems);
      if (!spec) return { ok: false, ...(id === undefined ? {} : { id }), error: problems[0] };
      command.spec = spec;
    } else if (key === 'lesson') {
      if (typeof data.lesson !== 'string' || !parseLessonRef(data.lesson)) return fail('lesson', data.lesson, LESSON_FORMS, id);
      command.lesson = data.lesson;
    } else {
      if (typeof data.settings !== 'string') return fail('settings', data.settings, 'playground settings as text: "optimizer=adam&lr=0.001"', id);
      command.settings = data.settings;
    }
  }
  if (data.type === 'set') {
    if (typeof data.name !== 'string') return fail('name', data.name, 'the state name of a control, e.g. "lr", "l2", "optimizer"', id);
    const v = data.value;
    const okValue = typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v) ||
      (Array.isArray(v) && v.length <= 64 && v.every((x) => typeof x === 'string' || Number.isFinite(x)));
    if (!okValue) return fail('value', v, 'a number, a string, true or false, or a list of them', id);
    Object.assign(command, { name: data.name, value: v });
  }
  return { ok: true, command };
}

// An event for the parent.
export const event = (type, body = {}) => ({ descent: VERSION, type, ...body });
