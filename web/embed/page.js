// embed.html: one lesson in a frame, its options from the query string
// (?lesson=regularization/1&controls=optimizer,lr&locked=epochs&charts=metrics&origins=...),
// driven by its parent page through postMessage (bridge.js). Bad options are shown in the
// frame and fall back to their defaults.
import { Bridge } from './bridge.js';
import { Lesson } from './lesson.js';
import { fromQuery, parseOrigins } from './options.js';

const { raw, rest, problems } = fromQuery(location.search, ['origins']);
const { origins, problems: originProblems } = parseOrigins(rest.origins, location.origin);
const lesson = new Lesson(document.getElementById('lesson'), raw);
const bridge = new Bridge(lesson, { origins });
// After the bridge listens, so that the parent hears about its own mistakes too.
queueMicrotask(() => lesson.notice([...problems, ...originProblems]));

// For test authors and the console.
window.descent = { lesson, bridge, origins };
