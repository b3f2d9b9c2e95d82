// End-to-end tests of conversations and change over time on the real app: log a
// conversation from a plan step and see the saved plan tick, step the map back in
// time, compare two days, open the brief.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Session, sleep, waitFor } from './webdriver.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const APP = process.env.COALITION_APP ?? join(ROOT, 'target/debug/coalition-app');
const CLI = process.env.COALITION_CLI ?? join(ROOT, 'target/debug/coalition');
const SCREENS = join(ROOT, 'target/e2e-screens');

const work = mkdtempSync(join(tmpdir(), 'coalition-e2e-time-'));
mkdirSync(SCREENS, { recursive: true });
after(() => rmSync(work, { recursive: true, force: true }));

/** Sets a form control's value the way typing or picking would, for Svelte's bindings. */
async function setValue(s, css, value, events = ['input', 'change']) {
  await s.exec(
    `const el = document.querySelector(arguments[0]);
     el.value = arguments[1];
     for (const name of arguments[2]) el.dispatchEvent(new Event(name, { bubbles: true }));`,
    css,
    value,
    events,
  );
}

async function text(s, css) {
  return s.exec(`return document.querySelector(arguments[0])?.textContent.trim() ?? null;`, css);
}

async function tab(s, key) {
  await s.click(await s.$(`[data-testid="tab-${key}"]`));
  await sleep(300);
}

const grahamStance = `[data-testid="stakeholder-row"][data-name="Graham Tulloch"] td.stance`;

describe('conversations and time on the demo map', () => {
  const map = join(work, 'keystone.coalition');
  execFileSync(CLI, ['demo', map]);
  let s;

  before(async () => {
    s = await Session.start(APP, [map, '--data-dir', join(work, 'data')]);
    await s.wait('[data-testid="network"][data-ready-ms]', 20000);
  });

  after(async () => {
    await s?.close().catch(() => {});
  });

  test('log a conversation from a plan step: the saved plan ticks it and support rises', async () => {
    await s.click(await s.$('[data-testid="side-plan"]'));
    await s.click(await s.$('[data-testid="plan-run"]'));
    await s.wait('[data-testid="plan-step"]');
    await waitFor(async () => !(await s.exec(`return document.querySelector('[data-testid="plan-run"]').disabled;`)), 'the plan');
    await s.click(await s.wait('[data-testid="plan-save"]'));
    const before = await waitFor(() => text(s, '[data-testid="progress-summary"]'), 'the saved plan');
    assert.match(before, /^0 of \d+ conversations held/);
    const first = await s.exec(`return document.querySelector('[data-testid="progress-step"]').dataset.name;`);

    await s.click(await s.$('[data-testid="progress-log"]'));
    await s.wait('[data-testid="log-dialog"]');
    assert.equal(Number(await s.exec(`return document.querySelector('[data-testid="log-person"]').value;`)) > 0, true);
    await s.type(await s.$('[data-testid="log-summary"]'), 'Walked through the cutover plan; agreed to co-present it.');
    await setValue(s, '[data-testid="log-after"]', '2', ['change']);
    await s.type(await s.$('[data-testid="log-next"]'), 'Co-present at the steering group');
    await s.screenshot(join(SCREENS, '14-log-form.png'));
    await s.click(await s.$('[data-testid="log-save"]'));

    const after = await waitFor(async () => {
      const t = await text(s, '[data-testid="progress-summary"]');
      return t && t.startsWith('1 of') ? t : null;
    }, 'the step to be ticked');
    const held = await s.exec(
      `return document.querySelector('[data-testid="progress-step"][data-name="' + arguments[0] + '"]').dataset.held;`,
      first,
    );
    assert.equal(held, 'yes', `${first} is ticked`);
    const score = (t) => t.match(/support (-?[\d.]+) → (-?[\d.]+)/).slice(1).map(Number);
    const [then, now] = score(after);
    assert.ok(now > then, `support rose: ${after}`);
    assert.equal(score(before)[1], then, 'support then is the support at saving');

    await tab(s, 'conversations');
    await waitFor(
      async () => (await s.exec(`return document.querySelector('[data-testid="conversation"]')?.dataset.name;`)) === first,
      'the new conversation at the top of the log',
    );
    await s.screenshot(join(SCREENS, '14-log.png'));
  });

  test('the slider steps the map back: old stances, read-only, compare, back to today', async () => {
    await tab(s, 'table');
    assert.match(await text(s, grahamStance), /^(?!Active resistance)/);
    // 19 Aug 2026 (the history's first day) + 7 days = 26 Aug 2026.
    const first = await s.exec(`return document.querySelector('[data-testid="time-date"]').min;`);
    assert.equal(first, '2026-08-19');
    await setValue(s, '[data-testid="time-slider"]', '7');
    const banner = await s.wait('[data-testid="time-banner"]');
    assert.match(await s.text(banner), /Viewing 26 Aug 2026/);
    await waitFor(async () => (await text(s, grahamStance))?.startsWith('Active resistance'), 'Graham Tulloch as he stood on 26 Aug');

    await setValue(s, '[data-testid="time-slider"]', '8');
    await waitFor(async () => (await text(s, '[data-testid="time-banner"]'))?.includes('27 Aug 2026'), '27 Aug');
    await waitFor(async () => (await text(s, grahamStance))?.startsWith('Resistant'), 'Graham Tulloch Resistant after 27 Aug');

    await tab(s, 'conversations');
    assert.equal(await s.exec(`return document.querySelector('[data-testid="log-new"]').disabled;`), true, 'editing is off');
    await setValue(s, '[data-testid="compare-date"]', '2026-08-26');
    await s.click(await s.$('[data-testid="compare"]'));
    const moved = await waitFor(
      () => s.exec(`return [...document.querySelectorAll('[data-testid="moved"]')].map((m) => m.textContent.trim());`).then((m) => (m.length ? m : null)),
      'the comparison',
    );
    assert.ok(
      moved.some((m) => m.includes('Graham Tulloch') && m.includes('Active resistance → Resistant')),
      moved.join('; '),
    );
    await tab(s, 'network');
    await sleep(800);
    await s.screenshot(join(SCREENS, '15-timeline.png'));

    await s.click(await s.$('[data-testid="time-today"]'));
    await waitFor(async () => (await s.$$('[data-testid="time-banner"]')).length === 0, 'back to today');
    await tab(s, 'table');
    assert.match(await text(s, grahamStance), /^(?!Active resistance)/);
  });

  test('the brief of the next planned person is one printable screen', async () => {
    await s.click(await s.$('[data-testid="side-plan"]'));
    await s.click(await s.wait('[data-testid="step-brief"]'));
    const brief = await s.wait('[data-testid="brief"]');
    const body = await s.text(brief);
    assert.match(body, /Why now: step 1 of the plan/i);
    assert.match(body, /Who they listen to/i);
    assert.match(body, /Last conversations/i);
    await s.screenshot(join(SCREENS, '16-brief.png'));
    await s.click(await s.$('[data-testid="brief"] .actions .primary'));
    await waitFor(async () => (await s.$$('[data-testid="brief"]')).length === 0, 'the brief to close');
  });
});
