// The "Threads" figure under the run's status: how many threads the engine trains on, and
// why. threads: the worker's { threaded, threads, reason } (engine-support.js engineThreads).

// The sentence, true of any network: the threaded engine splits only the products large
// enough to pay (core/gemm.h), so a small network trains on one thread whatever the count.
export function threadsText({ threaded, threads, reason }) {
  if (threaded) {
    return `Threads: ${threads} · large products are split across them; a small network trains on one`;
  }
  return `Threads: 1 · ${reason}`;
}

export function showThreads(element, threads) {
  if (!element || !threads) return;
  element.textContent = threadsText(threads);
  element.title = threads.threaded
    ? 'The page is cross-origin isolated, so the engine built with threads (WebAssembly threads) runs'
    : 'The single-threaded engine runs; a server that sends COOP and COEP headers allows threads (see the README)';
  element.hidden = false;
}
