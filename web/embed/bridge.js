// The postMessage bridge between an embedded lesson (embed.html) and the page that frames
// it. Commands are taken only from the parent window and only from the allowed origins;
// anything else is ignored and never answered. Events go only to the allowed origins (each
// as the targetOrigin; '*' only when the author allowed any origin). The frame's content
// height goes too ('resize'), so that the parent can size the iframe to it.
import { VERSION, EVENTS, checkCommand, event } from './messages.js';

export const originAllowed = (origin, origins) => origins.includes('*') || origins.includes(origin);

export class Bridge {
  // lesson: a Lesson; origins: the allowed origins; parent: the window to talk to.
  constructor(lesson, { origins, parent = window.parent, self = window }) {
    Object.assign(this, { lesson, origins, parent, self });
    if (parent === self) return;  // not in a frame: nobody to talk to (and no echo of our own events)
    this.onMessage = (e) => this.receive(e);
    self.addEventListener('message', this.onMessage);
    // The lesson's DOM events, forwarded (epoch events are already batched, 10 a second at most).
    this.forward = (e) => this.post(e.type.slice('descent:'.length), e.detail);
    for (const type of EVENTS) lesson.root.addEventListener(`descent:${type}`, this.forward);
    this.post('ready', { version: VERSION, commands: ['load', 'train', 'pause', 'reset', 'set'], events: EVENTS });
    this.watchHeight(self.document.documentElement);
  }

  // Posts { height } (CSS pixels, rounded up) once now and whenever it changes. The height
  // is the root element's, which is its content's: it does not follow the frame's height
  // (scrollHeight would never shrink below the frame's), so a frame sized to it is stable.
  watchHeight(root) {
    const measure = () => {
      const height = Math.ceil(root.getBoundingClientRect().height);
      if (height === this.height) return;
      this.height = height;
      this.post('resize', { height });
    };
    measure();
    this.resizeObserver = new this.self.ResizeObserver(measure);
    this.resizeObserver.observe(root);
  }

  receive(e) {
    if (e.source !== this.parent || !originAllowed(e.origin, this.origins)) return;  // not ours to answer
    const checked = checkCommand(e.data);
    if (!checked.ok) {
      this.post('rejected', { ...checked.error, ...(checked.id === undefined ? {} : { id: checked.id }) });
      return;
    }
    const { type, id, spec, lesson, settings, name, value } = checked.command;
    this.currentId = id;  // errors raised while the command runs name it
    try {
      if (type === 'load') {
        if (spec) this.lesson.load(spec);
        else if (lesson) this.lesson.loadLesson(lesson);
        else this.lesson.loadSettings(settings);
      } else if (type === 'set') this.lesson.set(name, value);
      else this.lesson[type]();
    } finally {
      this.currentId = undefined;
    }
  }

  post(type, detail) {
    let body;
    if (type === 'finished') body = { summary: detail };
    else body = detail && typeof detail === 'object' ? { ...detail } : {};
    if ((type === 'error' || type === 'rejected') && this.currentId !== undefined && body.id === undefined) body.id = this.currentId;
    const message = event(type, body);
    for (const origin of this.origins) this.parent.postMessage(message, origin);
  }

  destroy() {
    if (this.parent === this.self) return;
    this.resizeObserver.disconnect();
    this.self.removeEventListener('message', this.onMessage);
    for (const type of EVENTS) this.lesson.root.removeEventListener(`descent:${type}`, this.forward);
  }
}
