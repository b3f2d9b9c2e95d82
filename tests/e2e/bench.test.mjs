// `make bench-app`: the release app on generated organisations (2,000, 10,000 and
// 50,000 people by default; BENCH_PEOPLE=2000,10000 to choose), driven as a user
// would through tauri-driver. Reports; asserts nothing about time. Skipped unless
// BENCH_APP is set, so `make test` never runs it.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, sleep, waitFor } from './webdriver.mjs';
import { APP, CLI, ROOT, SCREENS, clickAt, scratch } from './support.mjs';

const SIZES = (process.env.BENCH_PEOPLE ?? '2000,10000,50000').split(',').map(Number);
/** The most people the app draws one by one (its Everyone button). */
const EVERYONE_UP_TO = 20000;
/** How many stance edits are timed on each map. */
const EDITS = 20;
/** How long a map may take to open before its row says it did not. */
const OPEN_LIMIT_MS = 180000;
const work = scratch();
const results = [];

/** The p-th percentile of `xs` (0..100), rounded to 0.1. */
function percentile(xs, p) {
  if (!xs.length) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[at] * 10) / 10;
}

/** Memory of the app and every process it started (the web view's), in MB:
 * `rss` adds up each process's resident memory, so the libraries the app and
 * the web view share (WebKit, GTK) count twice; `pss` counts each shared page
 * once, split between the processes that map it (smaps_rollup). */
function memoryMb() {
  const pid = execFileSync('pgrep', ['-n', '-f', APP]).toString().trim();
  let all = [pid];
  for (let i = 0; i < all.length; i++) {
    try {
      all.push(...execFileSync('pgrep', ['-P', all[i]]).toString().trim().split('\n').filter(Boolean));
    } catch {
      // no children
    }
  }
  let [rss, pss] = [0, 0];
  const each = [];
  for (const p of all) {
    const status = existsSync(`/proc/${p}/status`) ? readFileSync(`/proc/${p}/status`, 'utf8') : '';
    rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const rollup = existsSync(`/proc/${p}/smaps_rollup`) ? readFileSync(`/proc/${p}/smaps_rollup`, 'utf8') : '';
    const own = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    pss += own;
    const name = /Name:\s+(\S+)/.exec(status)?.[1] ?? p;
    if (own > 0) each.push(`${name.replace(/^WebKit/, '').replace(/Proces+$/, '')} ${Math.round(own / 1024)}`);
  }
  return { rss: Math.round(rss / 1024), pss: Math.round(pss / 1024), each: each.join(' / ') };
}

/** Starts recording the gaps between frames in the page. */
function recordFrames(s) {
  return s.exec(`window.__gaps = []; window.__stop = false; let last = performance.now();
    const tick = (t) => { window.__gaps.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);`);
}

/** Stops recording and returns the frame gaps (ms), the first one dropped. */
function frames(s) {
  return s.exec(`window.__stop = true; return window.__gaps.slice(1);`);
}

/** Drags the map's background with the mouse, as a user pans. */
async function pan(s) {
  const box = await s.exec(`const r = document.querySelector('[data-testid="network"]').getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height - 140 };`);
  const moves = [];
  for (let i = 1; i <= 30; i++) {
    moves.push({ type: 'pointerMove', duration: 33, origin: 'viewport', x: Math.round(box.x + i * 6), y: Math.round(box.y - i * 3) });
  }
  await s.cmd('POST', '/actions', {
    actions: [
      {
        type: 'pointer',
        id: 'mouse',
        parameters: { pointerType: 'mouse' },
        actions: [
          { type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.round(box.x), y: Math.round(box.y) },
          { type: 'pointerDown', button: 0 },
          ...moves,
          { type: 'pointerUp', button: 0 },
        ],
      },
    ],
  });
  await s.cmd('DELETE', '/actions');
}

/** Zooms in and out with the mouse wheel over the map (synthetic wheel events
 * where the driver has no wheel). */
async function zoom(s) {
  const box = await s.exec(`const r = document.querySelector('[data-testid="network"]').getBoundingClientRect();
    return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) };`);
  const scrolls = [];
  for (let i = 0; i < 20; i++) {
    scrolls.push({ type: 'scroll', duration: 33, origin: 'viewport', x: box.x, y: box.y, deltaX: 0, deltaY: i < 10 ? -120 : 120 });
  }
  try {
    await s.cmd('POST', '/actions', { actions: [{ type: 'wheel', id: 'wheel', actions: scrolls }] });
    await s.cmd('DELETE', '/actions');
  } catch {
    await s.exec(`const c = document.querySelector('[data-testid="network"] canvas:last-of-type');
      for (let i = 0; i < 20; i++) setTimeout(() => c.dispatchEvent(new WheelEvent('wheel',
        { deltaY: i < 10 ? -120 : 120, clientX: arguments[0], clientY: arguments[1], bubbles: true })), i * 33);`, box.x, box.y);
    await sleep(800);
  }
}

/** Clicks a stance button of the person shown and times it to the frame after
 * the edited map is on screen (ms, in the page): in all, and split into the wait
 * before the call was sent, the call, and the page's work after its answer. */
function editStance(s, value) {
  return s.cmd('POST', '/execute/async', {
    script: `const done = arguments[arguments.length - 1];
      const want = arguments[0];
      const calls = window.__coalitionIpc.byCommand.set_field ?? 0;
      const t0 = performance.now();
      document.querySelector('[data-testid="stance-buttons-stance"] button[data-value="' + want + '"]').click();
      const check = () => {
        const on = document.querySelector('[data-testid="stance-buttons-stance"] [aria-checked="true"]');
        if ((window.__coalitionIpc.byCommand.set_field ?? 0) > calls && on && on.dataset.value === want)
          requestAnimationFrame(() => {
            const now = performance.now();
            const [sent, answered] = window.__coalitionIpc.lastAt?.set_field ?? [t0, now];
            done({ total: now - t0, queued: sent - t0, call: answered - sent, after: now - answered });
          });
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);`,
    args: [String(value)],
  });
}

/** Clicks the drawn person nearest the middle of the map with the mouse;
 * resolves when the panel shows them. */
async function clickPerson(s) {
  const at = await s.exec(`return document.querySelector('[data-testid="network"]').personAt();`);
  assert.ok(at, 'someone is drawn');
  const t0 = Date.now();
  await clickAt(s, at.x, at.y);
  await waitFor(async () => (await s.$$('[data-testid="detail-name"]')).length > 0, `${at.name} shown`, 60000);
  return { ms: Date.now() - t0, name: at.name };
}

describe('the app on big organisations (make bench-app)', { skip: !process.env.BENCH_APP }, () => {
  after(() => {
    const path = join(ROOT, 'target/bench-app.json');
    writeFileSync(path, JSON.stringify(results, null, 2));
    const rows = Object.keys(results[0] ?? {});
    const width = Math.max(...rows.map((r) => r.length));
    console.log(`\nThe app on generated organisations (${APP}):`);
    for (const row of rows) {
      console.log(`${row.padEnd(width)}  ${results.map((r) => String(r[row] ?? '–').padStart(10)).join('  ')}`);
    }
    console.log(`(also in ${path})`);
  });

  for (const people of SIZES) {
    test(`${people} people`, async () => {
      const map = join(work, `org-${people}.coalition`);
      execFileSync(CLI, ['generate', map, '--people', String(people)]);
      const row = { people };
      const t0 = Date.now();
      const s = await Session.start(APP, [map, '--data-dir', join(work, `data-${people}`)]);
      try {
        try {
          await s.wait('[data-testid="network"][data-ready-ms]', OPEN_LIMIT_MS);
        } catch {
          row.firstPaintMs = `>${OPEN_LIMIT_MS}`;
          results.push(row);
          console.log(`bench-app ${people}: not drawn within ${OPEN_LIMIT_MS / 1000} s`);
          return;
        }
        // When the frame with the map was drawn, by the page's clock: a busy page
        // answers the driver's polling later than it drew.
        const drawnAt = await s.exec(`return performance.timeOrigin + Number(document.querySelector('[data-testid="network"]').dataset.readyMs);`);
        row.firstPaintMs = Math.round(drawnAt - t0);
        await s.wait('[data-testid="network"][data-ties-ms]', 600000);
        row.allTiesMs = Math.round((await s.exec(`const n = document.querySelector('[data-testid="network"]');
          return performance.timeOrigin + Number(n.dataset.mapMs) + Number(n.dataset.tiesMs);`)) - t0);
        // A big map's groups are drawn before its view comes: everything after
        // waits for the whole map (the table, the panels, a click on a person).
        await waitFor(async () => (await s.$$('[data-testid="network-opening"]')).length === 0, 'the map open', OPEN_LIMIT_MS);
        row.openMs = Date.now() - t0;
        row.openPssMb = memoryMb().pss;
        // Where the opening went: the map's view and its picture by group, from call to answer.
        const opening = (await s.exec('return window.__coalitionIpc.lastMs;')) ?? {};
        row.viewCallMs = opening.current_map ?? opening.open_map ?? '–';
        row.groupsCallMs = opening.group_map ?? '–';
        row.groupLevel = (await s.$$('[data-testid="crumbs"]')).length > 0 ? 'yes' : 'no';
        await sleep(500);
        await s.screenshot(join(SCREENS, `30-bench-${people}.png`));

        await recordFrames(s);
        await pan(s);
        const panned = await frames(s);
        row.panP50Ms = percentile(panned, 50);
        row.panP95Ms = percentile(panned, 95);
        await recordFrames(s);
        await zoom(s);
        const zoomed = await frames(s);
        row.zoomP50Ms = percentile(zoomed, 50);
        row.zoomP95Ms = percentile(zoomed, 95);

        // Select someone: at group level, open the first group first, the whole
        // map in view (the pan above may have moved it off the canvas).
        if (row.groupLevel === 'yes') {
          await s.click(await s.$('button[title="Show everyone"]'));
          await sleep(500);
          const key = await s.exec(`return document.querySelector('[data-testid="network"]').drawnGroups()[0];`);
          const at = await s.exec(`return document.querySelector('[data-testid="network"]').groupAt(arguments[0]);`, key);
          await clickAt(s, at.x, at.y);
          await waitFor(async () => (await s.$$('[data-testid="crumb"]')).length > 0, 'the group open', 60000);
          await sleep(1000);
        }
        const picked = await clickPerson(s);
        row.selectMs = picked.ms;

        const edits = [];
        await s.cmd('POST', '/timeouts', { script: 600000 });
        // Twenty edits, so p95 is not simply the slowest of a handful.
        for (let i = 0; i < EDITS; i++) {
          // Always a real change: the other of two stances from the one shown.
          const now = await s.exec(`return document.querySelector('[data-testid="stance-buttons-stance"] [aria-checked="true"]')?.dataset.value;`);
          edits.push(await editStance(s, now === '2' ? -1 : 2));
        }
        row.editP50Ms = percentile(edits.map((e) => e.total), 50);
        row.editP95Ms = percentile(edits.map((e) => e.total), 95);
        row.editQueuedP50Ms = percentile(edits.map((e) => e.queued), 50);
        row.editCallP50Ms = percentile(edits.map((e) => e.call), 50);
        row.editAfterAnswerP50Ms = percentile(edits.map((e) => e.after), 50);

        await s.click(await s.$('[data-testid="side-plan"]'));
        await recordFrames(s);
        const p0 = Date.now();
        await s.click(await s.$('[data-testid="plan-run"]'));
        await s.wait('[data-testid="plan-step"]', 600000);
        row.planMs = Date.now() - p0;
        row.planMaxFrameGapMs = Math.round(Math.max(0, ...(await frames(s))));

        const w0 = Date.now();
        await s.click(await s.$('[data-testid="whatif-start"]'));
        await s.wait('[data-testid="whatif-score"]', 600000);
        row.whatIfMs = Date.now() - w0;
        ({ rss: row.memoryMb, pss: row.memoryPssMb, each: row.memoryPssByProcessMb } = memoryMb());
        // And once the app has been left alone for five seconds, as a user sees
        // it in a system monitor between tasks: JavaScriptCore's timers collect
        // some of the garbage of the edits and the what-if by then.
        await sleep(5000);
        ({ pss: row.memoryAtRestPssMb, each: row.memoryAtRestByProcessMb } = memoryMb());
        results.push(row);
        console.log(`bench-app ${people}: ${JSON.stringify(row)}`);

        // The same map with everyone drawn (the view before group level), where
        // the app offers it.
        if (row.groupLevel === 'yes' && people <= EVERYONE_UP_TO) {
          const before = await s.attr(await s.$('[data-testid="network"]'), 'data-map-ms');
          const e0 = Date.now();
          await s.click(await s.$('[data-testid="level-everyone"]'));
          await waitFor(async () => {
            const n = await s.$('[data-testid="network"]');
            return (await s.attr(n, 'data-map-ms')) !== before && (await s.attr(n, 'data-ties-ms')) !== null;
          }, 'everyone drawn', 600000);
          await waitFor(async () => (await s.exec(`return document.querySelector('[data-testid="network"]').positions().length;`)) === people, 'everyone drawn', 600000);
          row.everyoneDrawnMs = Date.now() - e0;
          await recordFrames(s);
          await pan(s);
          const all = await frames(s);
          row.everyonePanP95Ms = percentile(all, 95);
          row.everyoneMemoryMb = memoryMb().rss;
          console.log(`bench-app ${people}, everyone: ${JSON.stringify(row)}`);
        }
      } finally {
        await s.close().catch(() => {});
      }
    });
  }
});
