// What every e2e file shares: where the built app and CLI are, a scratch folder,
// demo maps made with the CLI, and launching the app on a map (no native dialogs).

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Session } from './webdriver.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const APP = process.env.COALITION_APP ?? join(ROOT, 'target/debug/coalition-app');
export const CLI = process.env.COALITION_CLI ?? join(ROOT, 'target/debug/coalition');
export const SCREENS = join(ROOT, 'target/e2e-screens');
mkdirSync(SCREENS, { recursive: true });

/** A fresh scratch folder for one test file. */
export function scratch() {
  return mkdtempSync(join(tmpdir(), 'coalition-e2e-'));
}

/** Writes the demo map to `dir/name.coalition` with the CLI. */
export function demoMap(dir, name) {
  const path = join(dir, `${name}.coalition`);
  execFileSync(CLI, ['demo', path]);
  return path;
}

/** Starts the app on `map` with its own data folder and waits for the network. */
export async function launch(map, dataDir) {
  const s = await Session.start(APP, [map, '--data-dir', dataDir]);
  await s.wait('[data-testid="network"][data-ready-ms]', 60000);
  return s;
}

/** Clicks with the mouse at page coordinates (x, y), as a user does. */
export async function clickAt(s, x, y) {
  await s.cmd('POST', '/actions', {
    actions: [
      {
        type: 'pointer',
        id: 'mouse',
        parameters: { pointerType: 'mouse' },
        actions: [
          { type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.round(x), y: Math.round(y) },
          { type: 'pointerDown', button: 0 },
          { type: 'pointerUp', button: 0 },
        ],
      },
    ],
  });
  await s.cmd('DELETE', '/actions');
}
