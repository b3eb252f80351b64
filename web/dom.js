// A small element builder shared by the panels: properties (className, textContent, type, ...)
// or attributes (anything with a dash, role, aria-*), and children. Text goes in through
// textContent only, never as markup.
export function h(tag, props = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null) continue;
    if (k.includes('-') || k === 'role') e.setAttribute(k, String(v));
    else e[k] = v;
  }
  e.append(...children);
  return e;
}

// The panels' shorthand: an element with a class and text (textContent, never markup).
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Unique element ids for one panel: idMaker('tj')('beta') -> "tj-beta-1", "tj-beta-2", ...
export function idMaker(prefix) {
  let count = 0;
  return (name) => `${prefix}-${name}-${++count}`;
}
