// The code of a JavaScript file with its comments, strings, template text and regular
// expressions blanked out, so a search for `new Function(` finds calls, not an error message
// that mentions one. A lexer, not a parser: enough for Emscripten's glue and esbuild's bundles.

// After these a `/` starts a regular expression; after anything else it divides.
const REGEX_AFTER_CHAR = new Set('(,=:[!&|?{};+-*%<>~^'.split(''));
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new',
  'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);

function regexAllowed(out) {
  let k = out.length - 1;
  while (k >= 0 && /^\s*$/.test(out[k])) k -= 1;  // chunks are short: a character or a literal
  if (k < 0) return true;
  const last = out[k][out[k].length - 1];
  if (REGEX_AFTER_CHAR.has(last)) return true;
  let word = '';
  while (k >= 0 && /^[\w$]$/.test(out[k])) word = out[k--] + word;
  return REGEX_AFTER_WORD.has(word);
}

// Returns `source` with every literal's content replaced: '...' -> '', /re/ -> /r/, comments -> ' '.
export function codeOnly(source) {
  const out = [];
  const templates = [];  // brace depth at each open `${`
  let depth = 0;
  let i = 0;
  const n = source.length;
  const skipQuoted = (quote) => {  // from after the opening quote to after the closing one
    while (i < n && source[i] !== quote) i += source[i] === '\\' ? 2 : 1;
    i += 1;
  };
  // Template text from after ` (or after the } that closes a ${); stops after ` or ${.
  const skipTemplate = () => {
    while (i < n) {
      if (source[i] === '\\') i += 2;
      else if (source[i] === '`') { i += 1; out.push('`'); return; }
      else if (source[i] === '$' && source[i + 1] === '{') {
        i += 2; out.push('${'); templates.push(depth); depth += 1; return;
      } else i += 1;
    }
  };
  while (i < n) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < n && source[i] !== '\n') i += 1;
      out.push(' ');
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      out.push(' ');
    } else if (c === '"' || c === "'") {
      i += 1; skipQuoted(c); out.push(c + c);
    } else if (c === '`') {
      i += 1; out.push('`'); skipTemplate();
    } else if (c === '/' && regexAllowed(out)) {
      i += 1;
      let inClass = false;
      while (i < n && (inClass || source[i] !== '/')) {
        if (source[i] === '\\') i += 1;
        else if (source[i] === '[') inClass = true;
        else if (source[i] === ']') inClass = false;
        i += 1;
      }
      i += 1;
      out.push('/r/');
    } else if (c === '{') {
      depth += 1; i += 1; out.push(c);
    } else if (c === '}') {
      depth -= 1; i += 1;
      if (templates.length && templates[templates.length - 1] === depth) {
        templates.pop(); out.push('}'); skipTemplate();
      } else out.push(c);
    } else {
      out.push(c); i += 1;
    }
  }
  return out.join('');
}

// What compiles a string at run time: eval (called or passed around), new Function(...), Function(...).
// A property named eval (`x.eval(`) is not the global one.
export function dynamicCodeCalls(source) {
  const code = codeOnly(source);
  const found = [];
  for (const re of [/(?<![\w$.])eval(?![\w$])/g, /(?<![\w$.])(?:new\s+)?Function\s*\(/g]) {
    for (const m of code.matchAll(re)) found.push(code.slice(Math.max(0, m.index - 30), m.index + 40));
  }
  return found;
}
