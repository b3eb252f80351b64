// Where the lesson's assets live: worker.js (which imports engine.js, which finds engine.wasm
// beside it), lesson.css and lessons/. By default the folder of the bundle itself
// (import.meta.url), so the site works under any sub-path. A course page that bundles
// `descent` into its own script (esbuild, Vite, webpack) sets the folder where it copied
// the package's assets, as onnxruntime-web's env.wasm.wasmPaths and TF.js's setWasmPaths do:
//   import { setAssetPath, mount } from 'descent';
//   setAssetPath('/static/descent/');   // before the first mount()
// Workers must come from the page's own origin, so the folder must too.
const BUNDLE = import.meta.url;
let base = null;  // null: beside the bundle

// base: a folder URL, absolute or relative to the document ('/static/descent/', './vendor/descent').
export function setAssetPath(folder) {
  if (folder === null || folder === undefined) {
    base = null;
    return;
  }
  if (typeof folder !== 'string' && !(folder instanceof URL)) {
    throw new TypeError(`setAssetPath: a folder URL (string or URL) is allowed; got ${typeof folder}`);
  }
  const text = String(folder);
  const url = new URL(text.endsWith('/') ? text : `${text}/`, document.baseURI);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`setAssetPath: an http(s) folder is allowed; got "${text}"`);
  }
  base = url.href;
}

// The folder in use, as an absolute URL ending in '/'.
export const assetPath = () => base ?? new URL('./', BUNDLE).href;

// An asset's URL: assetUrl('worker.js'), assetUrl('lessons/index.json').
export const assetUrl = (relative) => new URL(relative, assetPath());
