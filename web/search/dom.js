// The search panel's element builder (web/dom.js) and its ids.
import { h, idMaker } from '../dom.js';

export { h };
export const uid = idMaker('sr');

// Text for assistive technology only (part of a label's name that the layout shows otherwise).
export const hidden = (text) => h('span', { className: 'sr-only', textContent: text });
