// The Run panel's reading: which buttons can be pressed, the epoch progress bar and the
// status line (state, epoch, errors, speed, elapsed time).
const percent = (x) => (typeof x === 'number' ? `${(x * 100).toFixed(1)}%` : '–');
const WORDS = { idle: 'Ready', running: 'Training', paused: 'Paused', finished: 'Finished', loading: 'Loading' };
// blocked: the engine refused the spec the controls show; nothing can train until it is fixed.
// unavailable: the engine cannot run here at all; the problem element says why and what to do.

export class RunView {
  constructor({ buttons, progress, status, problem = null }) {
    Object.assign(this, { buttons, progress, status, problem, trainTitle: buttons.train.title });
    this.started = 0;
    this.elapsed = 0;
  }

  // Draws at most ten times a second while training (the status line is text: each change
  // costs a layout), at once when the run's state changes.
  render(reading) {
    this.reading = reading;
    const now = performance.now();
    if (reading.runState === this.lastState && now - (this.lastDraw || 0) < 100) {
      if (!this.timer) this.timer = setTimeout(() => { this.timer = 0; this.render(this.reading); }, 100);
      return;
    }
    this.lastState = reading.runState;
    this.lastDraw = now;
    this.draw(reading);
  }

  draw({ runState, latest, totalEpochs, stepsPerSecond, stopMessage, regression, problem, unavailable }) {
    if (runState === 'unavailable') return this.drawUnavailable(unavailable);
    const busy = runState === 'running' || runState === 'loading' || runState === 'blocked';
    const done = runState === 'finished';
    this.buttons.train.disabled = busy;
    // After a finished run, Train trains again from the same initial weights.
    this.buttons.train.textContent = done ? 'Train again' : 'Train';
    this.buttons.train.title = done ? 'Back to epoch 0 with the same initial weights, and train' : this.trainTitle;
    this.buttons.pause.disabled = runState !== 'running';
    for (const step of [this.buttons.stepBatch, this.buttons.step]) if (step) step.disabled = busy || done;  // lessons have none
    this.buttons.reset.disabled = runState === 'loading';
    if (runState === 'running' && !this.started) this.started = performance.now() - this.elapsed * 1000;
    if (runState !== 'running' && this.started) {
      this.elapsed = (performance.now() - this.started) / 1000;
      this.started = 0;
    }
    const seconds = this.started ? (performance.now() - this.started) / 1000 : this.elapsed;
    if (runState === 'blocked') {
      this.progress.value = 0;
      // The reason is said beside Train and beside its control; the status line says the state.
      this.status.textContent = problem ? 'Not ready · these settings cannot train, as said beside Train' : 'Not ready';
      return;
    }
    this.progress.max = totalEpochs;
    this.progress.value = latest ? latest.epoch : 0;
    if (!latest) {
      this.status.textContent = runState === 'loading' ? 'Loading…' : 'Loading the engine…';
      return;
    }
    const measure = regression
      ? `train MSE ${latest.train_error?.toPrecision?.(3) ?? '–'} · dev MSE ${latest.dev_error?.toPrecision?.(3) ?? '–'}`
      : `train error ${percent(latest.train_error)} · dev error ${percent(latest.dev_error)}`;
    const speed = runState === 'running' && stepsPerSecond ? ` · ${stepsPerSecond.toLocaleString('en')} steps/s` : '';
    const time = seconds > 0 ? ` · ${seconds.toFixed(1)} s` : '';
    const why = done && stopMessage ? ` · ${stopMessage}` : '';
    this.status.textContent = `${WORDS[runState] || ''} · epoch ${latest.epoch} of ${totalEpochs} · ${measure}${speed}${time}${why}`;
  }

  // Every run button disabled for good, titled with the reason and described by the message.
  drawUnavailable(error) {
    const reason = error?.summary || error?.message || 'the engine could not be loaded';
    for (const button of Object.values(this.buttons)) {
      if (!button) continue;
      button.disabled = true;
      button.title = `Engine unavailable: ${reason}`;
      if (this.problem?.id) button.setAttribute('aria-describedby', this.problem.id);
    }
    this.progress.value = 0;
    this.status.textContent = `Engine unavailable · ${reason}`;
  }

  // Stops a pending redraw (the view's element is going away).
  dispose() {
    clearTimeout(this.timer);
    this.timer = 0;
  }

  resetClock() {
    this.started = 0;
    this.elapsed = 0;
  }
}
