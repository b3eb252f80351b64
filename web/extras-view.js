// "Also set by this spec": the spec's fields that no control shows (spec/extras.js), each
// with its value and a button that clears it. Hidden when there are none.
import { extras } from './spec/extras.js';

const el = (tag, props = {}) => Object.assign(document.createElement(tag), props);

export class ExtrasView {
  // parent: where the box goes; onClear(path) when a field's Clear is pressed.
  constructor(parent, onClear) {
    this.box = el('section', { className: 'extras', hidden: true });
    this.box.setAttribute('aria-labelledby', 'extras-heading');
    this.list = el('ul', { className: 'extras-list' });
    this.box.append(el('h3', { id: 'extras-heading', textContent: 'Also set by this spec' }),
      el('p', { className: 'caption', textContent: 'Fields without a control of their own; the run uses them as they are.' }), this.list);
    parent.append(this.box);
    this.onClear = onClear;
  }

  refresh(spec) {
    const items = extras(spec);
    this.box.hidden = items.length === 0;
    this.list.replaceChildren(...items.map(({ path, text }) => {
      const clear = el('button', { type: 'button', textContent: 'Clear', title: `Remove ${path}: the engine’s default applies` });
      clear.setAttribute('aria-label', `Clear ${path}`);
      clear.addEventListener('click', () => this.onClear(path));
      const li = el('li');
      li.append(el('code', { textContent: path }), clear, el('span', { textContent: text }));
      return li;
    }));
  }

  // The paths listed, for tests and the console.
  paths() {
    return [...this.list.querySelectorAll('code')].map((c) => c.textContent);
  }
}
