// Bundles tfjs-entry.js with esbuild, in memory: the server serves the result as
// /bench/browser/tfjs.bundle.js (built once per server, on first request).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const TFJS_BUNDLE_PATH = '/bench/browser/tfjs.bundle.js';

export async function buildTfjsBundle() {
  const { outputFiles } = await build({
    entryPoints: [fileURLToPath(new URL('./tfjs-entry.js', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome100'],
    minify: true,
    write: false,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return outputFiles[0].text;
}
