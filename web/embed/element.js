// descent.js: lessons on a course page without an iframe.
//   <descent-lesson lesson="optimization" controls="optimizer,lr" locked="epochs" charts="metrics">
// (attributes as the options of lesson.js, read when the element is connected), or from
// a script: mount(element, options) returns the Lesson. The lesson's stylesheet (lesson.css,
// in the asset folder: beside this file, or where setAssetPath() says) is linked into the
// page once.
import { assetPath, assetUrl, setAssetPath } from './assets.js';
import { Lesson } from './lesson.js';
import { fromAttributes } from './options.js';

function linkStylesheet(doc) {
  const href = assetUrl('lesson.css').href;
  if ([...doc.querySelectorAll('link[rel="stylesheet"]')].some((link) => link.href === href)) return;
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  doc.head.append(link);
}

export function mount(element, options = {}) {
  linkStylesheet(element.ownerDocument);
  return new Lesson(element, options);
}

export class DescentLesson extends HTMLElement {
  connectedCallback() {
    if (!this.lesson) this.lesson = mount(this, fromAttributes(this));
  }

  // A lesson moved elsewhere in the page stays; one removed stops its worker.
  disconnectedCallback() {
    queueMicrotask(() => {
      if (this.isConnected || !this.lesson) return;
      this.lesson.destroy();
      this.lesson = null;
    });
  }
}

if (!customElements.get('descent-lesson')) customElements.define('descent-lesson', DescentLesson);

export { Lesson, assetPath, setAssetPath };
