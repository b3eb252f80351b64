// A box beside a slider where its value can be typed. It shows what the slider says; a number
// typed within the slider's range moves the slider as a drag would (input and change events),
// anything else is refused in place (aria-invalid, and the title says what is allowed).
//   toValue: slider position -> value (default: the same); fromValue: value -> position.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function typedBox(range, { label, toValue = Number, fromValue = Number, whole = false, id }) {
  const box = document.createElement('input');
  Object.assign(box, { type: 'text', inputMode: 'decimal', autocomplete: 'off', spellcheck: false, className: 'typed-value' });
  if (id) box.id = id;
  box.setAttribute('aria-label', `${label}, typed`);
  const bounds = () => [toValue(Number(range.min)), toValue(Number(range.max))].sort((a, b) => a - b);
  box.addEventListener('change', () => {
    const text = box.value.trim();
    const v = Number(text);
    const [lo, hi] = bounds();
    if (!NUMBER.test(text) || v < lo || v > hi || (whole && !Number.isInteger(v))) {
      box.setAttribute('aria-invalid', 'true');
      box.title = `${label}: ${whole ? 'a whole number' : 'a number'} from ${lo} to ${hi}`;
      return;
    }
    box.removeAttribute('aria-invalid');
    range.value = String(fromValue(v));
    range.dispatchEvent(new Event('input', { bubbles: true }));
    range.dispatchEvent(new Event('change', { bubbles: true }));
  });
  return {
    box,
    show(text) {
      box.value = text;
      box.removeAttribute('aria-invalid');
    },
  };
}
