import { mount } from 'svelte';
import App from './ui/App.svelte';
import { connectEngine } from './ui/engine-client';
import { today } from './ui/format';
import { AppState, localSourceMemory } from './ui/state/app-state.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const app = new AppState({ api: connectEngine(), memory: localSourceMemory, today: () => today() });
void app.start();

export default mount(App, { target, props: { app } });
