import { mount } from 'svelte';
import App from './App.svelte';
import { preferCpuCanvases } from './lib/canvas';
import './app.css';

// Before anything draws: see lib/canvas.ts.
preferCpuCanvases();

export default mount(App, { target: document.getElementById('app')! });
