// Notices when the training worker dies, however it dies, and says why once. Two signs:
// - the worker's Web Lock: a supervised worker holds the lock named after it for as long as
//   it lives (worker.js); the page asks for the same lock, and the request is granted the
//   moment the worker ends (terminated, closed after an engine abort, killed by the browser).
//   A ping would not do: a worker in a long mini-batch cannot answer, yet it is alive.
// - its 'error' event: an error nothing caught (the script failed to load, a crash).
// A page that restarts workers needs a brake too (RestartBudget): a worker that dies at once
// every time must not be restarted for ever. And a worker that dies before it ever loaded the
// engine (its script is missing, blocked by the CSP or broken) is not restarted at all: the
// trainer says at once that the engine is unavailable (trainer.js restart).

// At most `max` restarts in any `windowMs` milliseconds. Pure: the caller passes the clock.
export class RestartBudget {
  constructor(max = 3, windowMs = 60_000) {
    if (!(Number.isInteger(max) && max >= 1)) throw new RangeError(`RestartBudget: max must be a whole number >= 1; got ${max}`);
    if (!(windowMs > 0)) throw new RangeError(`RestartBudget: windowMs must be > 0; got ${windowMs}`);
    Object.assign(this, { max, windowMs, times: [] });
  }

  // Whether a restart at time `now` is allowed; an allowed one is counted.
  allow(now) {
    this.times = this.times.filter((t) => now - t < this.windowMs);
    if (this.times.length >= this.max) return false;
    this.times.push(now);
    return true;
  }
}

let workers = 0;
// A lock name no other tab or worker uses.
export const lockName = () => `descent-trainer-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${++workers}`;

// Watches one worker; onDeath(reason) is called at most once, reason in plain words.
// holding() is called when the worker says it holds its lock; stop() before the page ends the
// worker itself, so that its own terminate() is not taken for a death.
export function watch(worker, name, onDeath) {
  let over = false;
  const die = (reason) => {
    if (over) return;
    over = true;
    onDeath(reason);
  };
  worker.addEventListener('error', (event) => {
    event.preventDefault?.();  // reported here, not as an uncaught error on the page
    die(`it failed: ${event.message || 'an error it did not catch'}`);
  });
  return {
    holding() {
      navigator.locks?.request(name, () => die('it stopped'));
    },
    stop() {
      over = true;
    },
  };
}
