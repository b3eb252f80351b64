// course.html's iframe section: the page drives a lesson framed from embed.html through
// postMessage, as a course site on another origin would, sizes the frame to its content from
// its 'resize' events (no inner scrollbar), and logs the events it receives.
const $ = (id) => document.getElementById(id);
const frame = $('demo-frame');
const origin = new URL(frame.src, location.href).origin;  // commands go to the frame's origin only
const log = $('demo-log');
const MAX_LOG = 60;
const counts = { messages: 0, epochs: 0 };

const send = (body) => frame.contentWindow.postMessage({ descent: 1, ...body }, origin);
const percent = (x) => (typeof x === 'number' ? `${(x * 100).toFixed(1)}%` : '–');
const number = (x) => (typeof x === 'number' ? x.toPrecision(3) : String(x ?? '–'));

function describe(m) {
  switch (m.type) {
    case 'ready': return `ready · commands: ${m.commands.join(', ')}`;
    case 'loaded': return `loaded · “${m.title}”${m.lesson ? ` (${m.lesson.id}/${m.lesson.run}, ${m.lesson.label})` : ''} · epoch 0 of ${m.spec.epochs}`;
    case 'epoch': return `epoch · ${m.epochs.length} record${m.epochs.length === 1 ? '' : 's'} · epoch ${m.epoch} · train loss ${number(m.train_loss)} · train error ${percent(m.train_error)}`;
    case 'finished': return `finished · ${m.summary.epochs_run} epochs · train accuracy ${percent(m.summary.train_accuracy)}`;
    case 'state': return `state · ${m.state}`;
    case 'resize': return `resize · ${m.height} px high`;
    default: return `${m.type} · ${m.message}`;
  }
}

window.addEventListener('message', (e) => {
  if (e.source !== frame.contentWindow || e.origin !== origin || e.data?.descent !== 1) return;
  const m = e.data;
  if (m.type === 'resize') frame.style.height = `${m.height}px`;
  counts.messages += 1;
  if (m.type === 'epoch') counts.epochs += m.epochs.length;
  const item = document.createElement('li');
  item.className = `log-${m.type}`;
  const type = document.createElement('span');
  type.className = 'log-type';
  type.textContent = m.type;
  item.append(type, ` ${describe(m).slice(m.type.length + 3)}`);
  log.append(item);
  while (log.children.length > MAX_LOG) log.firstElementChild.remove();
  log.scrollTop = log.scrollHeight;
  $('demo-count').textContent = `${counts.messages} messages received, ${counts.epochs} epoch records`;
});

$('demo-train').addEventListener('click', () => send({ type: 'train' }));
$('demo-pause').addEventListener('click', () => send({ type: 'pause' }));
$('demo-reset').addEventListener('click', () => send({ type: 'reset' }));
$('demo-lr').addEventListener('click', () => send({ type: 'set', name: 'lr', value: 0.01 }));
$('demo-bad').addEventListener('click', () => send({ type: 'fly', id: 'demo' }));
$('demo-clear').addEventListener('click', () => {
  log.replaceChildren();
  Object.assign(counts, { messages: 0, epochs: 0 });
  $('demo-count').textContent = 'No messages yet';
});
