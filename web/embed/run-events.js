// A run's DOM events, one definition for the embedded lesson (lesson.js, on its root element)
// and the playground (main.js, on document), fed from the run controller's host hooks:
//   descent:loaded   { spec, epochs, lesson, title, reset }   a run is at epoch 0
//   descent:epoch    { epoch, train_loss, ..., epochs: [...] } at most 10 a second, batched
//   descent:finished the run's summary                         after its last epoch event
//   descent:state    { state: loading | idle | running | paused | finished | blocked | unavailable }
//   descent:error    { field, given, allowed, message }
// Each bubbles, so a page can listen on document for all of them.
import { EpochBatcher, compactEpoch } from './batcher.js';

export class RunEvents {
  constructor(target) {
    Object.assign(this, { target, finishedSent: false, stopped: false });
    this.batcher = new EpochBatcher((records) => this.emit('epoch', { ...records.at(-1), epochs: records }));
  }

  // onLoaded: spec is the spec as loaded; lesson ({ id, run, label } or null) and title
  // name what it is.
  loaded(msg, { spec, lesson = null, title = null }) {
    this.batcher.drop();
    this.finishedSent = false;
    this.emit('loaded', { spec, epochs: msg.epochs.map(compactEpoch), lesson, title, reset: !msg.spec });
  }

  // onProgress: the epochs (batched), then the summary once.
  progress(msg) {
    if (msg.epochs.length) this.batcher.push(msg.epochs);
    if (msg.summary && !this.finishedSent) {
      this.finishedSent = true;
      this.batcher.flush();
      this.emit('finished', msg.summary);
    }
  }

  // onRunState: the epochs that led to the state go first.
  state(state) {
    this.batcher.flush();
    this.emit('state', { state });
  }

  error(error) {
    this.emit('error', { field: error.field ?? '', given: error.given ?? '', allowed: error.allowed ?? '', message: error.message });
  }

  emit(type, detail) {
    if (!this.stopped) this.target.dispatchEvent(new CustomEvent(`descent:${type}`, { detail, bubbles: true }));
  }

  stop() {
    this.stopped = true;
    this.batcher.drop();
  }
}
