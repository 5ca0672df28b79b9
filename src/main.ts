import { mount } from 'svelte';
import App from './ui/App.svelte';
import { connectEngine } from './ui/engine-client';
import { today } from './ui/format';
import { AppState, localSourceMemory } from './ui/state/app-state.svelte';
import { i18n } from './ui/i18n.svelte';
import { defaultPlaybooksIn } from './ui/playbooks/default-playbooks';
import { taskEvents } from './ui/tasks/task-list.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const api = connectEngine();
const app = new AppState({ api, memory: localSourceMemory, today: () => today() });
// For support and the browser benchmark (`npm run bench:browser`): how long the worker's last steps took.
Object.assign(globalThis, { pulsoTimings: () => api.timings() });
// The default playbooks, in the user's language, are stored on first use (then tasks follow the data).
void app
  .start()
  .then(() => api.ensureDefaultPlaybooks(defaultPlaybooksIn(i18n.t)))
  .then((seeded) => seeded && taskEvents.ran())
  .catch(() => undefined);

export default mount(App, { target, props: { app } });
