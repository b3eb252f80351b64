// Keeps the page's link (location.hash) and the stored settings in step with the spec, and
// copies the link for sharing. Encoding may be asynchronous (the compressed form); the
// latest change always wins.
import { LINK_MAX, encodeLink } from './spec/hash.js';
import { KEYS, write } from './persist.js';

export class LinkKeeper {
  constructor(storage, onProblem) {
    Object.assign(this, { storage, onProblem, version: 0, omitted: null, hash: location.hash });
  }

  // Writes the link for spec and view ({ speed }); resolves when it is written.
  async save(spec, view) {
    const version = ++this.version;
    const { hash, omitted } = await encodeLink(spec, view);
    if (version !== this.version) return;
    Object.assign(this, { hash, omitted });
    window.history.replaceState(null, '', hash === '#' ? location.pathname + location.search : hash);
    const problem = write(this.storage, KEYS.settings, hash);
    if (problem) this.onProblem(problem);
  }

  // Copies the current link; returns what to tell the person who copied it.
  async copy(spec, view) {
    await this.save(spec, view);
    const url = location.href.split('#')[0] + (this.hash === '#' ? '' : this.hash);
    let copied = true;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      copied = false;
    }
    const head = copied ? 'Link copied' : 'Copy this link';
    if (this.omitted) {
      return { url, text: `${head}, without the data: ${this.omitted} is too large for a link (at most ${LINK_MAX.toLocaleString('en')} characters). `
        + 'Whoever opens it is asked for the file; to share everything, send the spec file (Spec JSON).' };
    }
    return { url, text: `${head}: it holds the whole experiment (${url.length.toLocaleString('en')} characters).` };
  }
}
