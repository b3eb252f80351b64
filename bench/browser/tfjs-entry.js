// What the TF.js worker loads: tfjs-core with its gradients, and the cpu and wasm backends,
// bundled into one module (one copy of tfjs-core) as a TF.js user's bundler would. The dist
// UMD bundles cannot be used alone: tf-core.min.js registers no gradients (the union package
// @tensorflow/tfjs does that, and it is not installed). Bundled by tfjs-bundle.mjs.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';

export * from '@tensorflow/tfjs-core';
export * as wasm from '@tensorflow/tfjs-backend-wasm';
