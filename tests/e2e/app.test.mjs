// End-to-end tests of the real built app: tauri-driver + WebKitWebDriver under
// Xvfb (see run.sh). Each launch gets its own data folder and maps made with the
// `coalition` CLI, passed on the command line (no native dialogs).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Key, Session, sleep, waitFor } from './webdriver.mjs';
import { APP, CLI, ROOT, SCREENS, scratch, demoMap as demoIn, launch as launchIn } from './support.mjs';

const HOSTILE = '<img src=x onerror=alert(1)>';

const work = scratch();

function demoMap(name) {
  return demoIn(work, name);
}

async function launch(map, dataDir = join(work, 'data')) {
  return launchIn(map, dataDir);
}

async function tab(s, key) {
  await s.click(await s.$(`[data-testid="tab-${key}"]`));
  await sleep(300);
}

async function rowNames(s) {
  return s.exec(
    `return [...document.querySelectorAll('[data-testid="stakeholder-row"]')].map((r) => r.dataset.name);`,
  );
}

async function supportScore(s) {
  return s.text(await s.wait('[data-testid="support-score"]'));
}

async function planSteps(s) {
  return s.exec(
    `return [...document.querySelectorAll('[data-testid="plan-step"]')].map((r) => r.textContent.trim());`,
  );
}

/** Waits until no plan is being computed, so the plan panel holds still. */
async function planSettled(s) {
  await waitFor(async () => !(await s.exec(`return document.querySelector('[data-testid="plan-run"]')?.disabled ?? false;`)), 'the plan to settle');
  await sleep(200);
}

async function runPlan(s, previous) {
  await s.click(await s.$('[data-testid="plan-run"]'));
  return waitFor(async () => {
    const score = await supportScore(s);
    const busy = await s.exec(`return document.querySelector('[data-testid="plan-run"]').disabled;`);
    return !busy && score !== previous ? score : null;
  }, 'the plan');
}

async function addPerson(s, name) {
  await s.click(await s.$('[data-testid="add-stakeholder"]'));
  const input = await s.wait('[data-testid="new-name"]');
  await s.type(input, name);
  await s.click(await s.$('[data-testid="new-name-ok"]'));
  await waitFor(
    async () => (await s.exec(`return document.querySelector('[data-testid="detail-name"]')?.textContent;`)) === name,
    `${name} in the detail panel`,
  );
}

after(() => rmSync(work, { recursive: true, force: true }));

describe('the demo map', () => {
  const map = demoMap('keystone');
  const data = join(work, 'data-demo');
  let s;

  before(async () => {
    s = await launch(map, data);
  });

  after(async () => {
    await s?.close().catch(() => {});
  });

  test('opens with the network drawn and everyone in the table', async () => {
    const nodes = await s.exec(`return document.querySelector('[data-testid="network"] canvas') !== null;`);
    assert.ok(nodes, 'the network canvas is there');
    await sleep(500);
    await s.screenshot(join(SCREENS, '01-network.png'));
    await tab(s, 'table');
    const names = await rowNames(s);
    assert.equal(names.length, 34);
    assert.ok(names.includes('Priya Raman'));
  });

  test('plans differ by advocate, aim at the coalition when asked and say how sure they are', async () => {
    await s.click(await s.$('[data-testid="side-plan"]'));
    const advocates = await s.exec(`return [...document.querySelectorAll('[data-testid="plan-advocate"] option')].map((o) => o.textContent.trim());`);
    assert.ok(advocates.length >= 2, 'the demo map has two advocates or more');
    const stepsOf = async (who) => {
      assert.ok(await s.selectByText('[data-testid="plan-advocate"]', who));
      await s.click(await s.$('[data-testid="plan-run"]'));
      return waitFor(async () => {
        const busy = await s.exec(`return document.querySelector('[data-testid="plan-run"]').disabled;`);
        const advocate = await s.exec(`return document.querySelector('[data-testid="plan-step"]') && document.querySelector('[data-testid="plan-advocate"]').selectedOptions[0].textContent.trim();`);
        return !busy && advocate === who ? planSteps(s) : null;
      }, `${who}'s plan`);
    };
    const [a, b] = [await stepsOf(advocates[0]), await stepsOf(advocates[1])];
    assert.notDeepEqual(a, b, `${advocates[0]} and ${advocates[1]} get different plans`);
    assert.match(await s.text(await s.$('[data-testid="plan-proof"]')), /^Aimed at the support score: the best possible plan/);
    assert.match(await s.text(await s.$('[data-testid="plan-range"]')), /^[+−±][\d.]+ to [+−±][\d.]+$/);
    for (const step of await s.$$('[data-testid="step-introducers"]')) {
      const names = (await s.text(step)).replace(/^Introduced by /, '').split(' → ');
      assert.ok(names.length <= 3, `at most three introducers: ${names}`);
    }

    assert.ok(await s.selectByText('[data-testid="plan-goal"]', 'Coalition'));
    await s.click(await s.$('[data-testid="plan-run"]'));
    const proof = await waitFor(async () => {
      const t = await s.text(await s.$('[data-testid="plan-proof"]'));
      return t.startsWith('Aimed at the coalition') ? t : null;
    }, 'the coalition plan');
    assert.match(proof, /the best (possible plan|plan found)/);
    await s.screenshot(join(SCREENS, '02-plan-coalition.png'));
    assert.ok(await s.selectByText('[data-testid="plan-goal"]', 'Support'));
    assert.ok(await s.selectByText('[data-testid="plan-advocate"]', advocates[0]));
  });

  test('add a person and a tie, see the plan change, undo', async () => {
    await s.click(await s.$('[data-testid="side-plan"]'));
    const first = await runPlan(s, '');
    const firstSteps = await planSteps(s);
    assert.ok(firstSteps.length > 0, 'the demo plan has steps');
    // The picture for the README: the first step picked, its introduction path lit.
    await s.click(await s.$('[data-testid="plan-step"]'));
    await sleep(600);
    await s.screenshot(join(SCREENS, '02-plan.png'));
    await s.click(await s.$('[data-testid="plan-step"]'));

    await addPerson(s, 'Zoe Quinn');
    await s.exec(
      `const set = (label, value) => {
         const el = [...document.querySelectorAll('[data-testid="detail"] ~ form.fields label')]
           .find((l) => l.firstElementChild.textContent === label).querySelector('select');
         el.value = value;
         el.dispatchEvent(new Event('change', { bubbles: true }));
       };
       document.querySelector('[data-testid="stance-buttons-stance"] button[data-value="2"]').click();
       set('Power', '5'); set('Openness', '1');`,
    );
    await waitFor(async () => (await s.exec(`return document.querySelector('[data-testid="undo"]').title;`)).includes('openness'), 'the edits');
    const drawnAs = (name) => s.exec(`return document.querySelector('[data-testid="network"]').drawnAs(arguments[0]);`, name);
    // The network redraws only what an edit changed: Zoe in a champion's colour, like Priya.
    const champion = (await drawnAs('Priya Raman')).colour;
    await waitFor(async () => (await drawnAs('Zoe Quinn'))?.colour === champion, 'Zoe drawn as a champion');
    await s.click(await s.$('[data-testid="side-plan"]'));
    const withZoe = await runPlan(s, first);

    await s.click(await s.$('[data-testid="side-person"]'));
    await s.selectByText('[data-testid="tie-kind"]', 'influences');
    assert.ok(await s.selectByText('[data-testid="tie-other"]', 'Nigel Brampton'), 'Nigel is in the list');
    await s.click(await s.$('[data-testid="tie-add"]'));
    await waitFor(async () => (await s.exec(`return document.body.textContent.includes('Ties (1)');`)), 'the new tie');
    await waitFor(async () => (await drawnAs('Zoe Quinn')).ties === 1, 'the new tie drawn');

    await s.click(await s.$('[data-testid="side-plan"]'));
    const withTie = await waitFor(async () => {
      const score = await supportScore(s);
      return score !== withZoe ? score : null;
    }, 'the plan to change after the new tie');
    assert.notEqual(withTie, withZoe);
    assert.notDeepEqual(await planSteps(s), firstSteps);
    await s.screenshot(join(SCREENS, '03-plan-after-edit.png'));

    await s.click(await s.$('[data-testid="undo"]'));
    const undone = await waitFor(async () => {
      const score = await supportScore(s);
      return score === withZoe ? score : null;
    }, 'the plan to return after undo');
    assert.equal(undone, withZoe);
    await waitFor(async () => (await drawnAs('Zoe Quinn')).ties === 0, 'the undone tie no longer drawn');
  });

  test('hostile text is stored and shown as text', async () => {
    await addPerson(s, HOSTILE);
    await tab(s, 'table');
    const names = await rowNames(s);
    assert.ok(names.includes(HOSTILE));
    const shown = await s.exec(
      `const row = [...document.querySelectorAll('[data-testid="stakeholder-row"]')].find((r) => r.dataset.name === arguments[0]);
       return { text: row.querySelector('td.name').textContent.trim(), imgs: document.querySelectorAll('img').length };`,
      HOSTILE,
    );
    assert.equal(shown.text, HOSTILE);
    assert.equal(shown.imgs, 0, 'no element was created from the name');
    await assert.rejects(s.cmd('GET', '/alert/text'), /no such alert/i);
  });

  test('edits persist after closing and reopening the app', async () => {
    await s.close();
    s = await launch(map, data);
    await tab(s, 'table');
    const names = await rowNames(s);
    assert.ok(names.includes('Zoe Quinn'));
    assert.ok(names.includes(HOSTILE));
    const ties = await s.exec(
      `const row = [...document.querySelectorAll('[data-testid="stakeholder-row"]')].find((r) => r.dataset.name === 'Zoe Quinn');
       row.click(); return null;`,
    );
    assert.equal(ties, null);
    await waitFor(async () => (await s.exec(`return document.body.textContent.includes('Ties (0)');`)), 'the undone tie to stay undone');
  });

  test('what-if predicts support without changing the map', async () => {
    await s.click(await s.$('[data-testid="side-plan"]'));
    await planSettled(s);
    await s.click(await s.wait('[data-testid="whatif-start"]'));
    const before = await s.text(await s.wait('[data-testid="whatif-score"]'));
    await s.exec(
      `const row = [...document.querySelectorAll('.wi-row')].find((r) => r.textContent.includes('Graham Tulloch'));
       row.querySelector('input[type=checkbox]').click();`,
    );
    const after = await waitFor(async () => {
      const t = await s.text(await s.$('[data-testid="whatif-score"]'));
      return t !== before ? t : null;
    }, 'the predicted support to change');
    const delta = Number(after.match(/\(([+-][\d.]+)\)/)?.[1]);
    assert.ok(delta > 0, `talking to Graham Tulloch adds support (${after})`);
    await tab(s, 'network');
    await s.screenshot(join(SCREENS, '12-whatif.png'));
    await s.click(await s.$('.buttons button'));
    await tab(s, 'table');
    assert.equal((await rowNames(s)).length, 36, 'the what-if changed nothing');
  });

  test('an edit makes exactly the calls its stale list asks for', async () => {
    // What is shown decides the follow-ups: a plan (run here), the advocate's
    // progress and today's metrics; no what-if, no brief. Before edits said what
    // they made stale, every edit was followed by metrics, progress and the plan:
    // 4 calls each here (5 with the what-if on).
    await s.click(await s.$('[data-testid="side-plan"]'));
    await runPlan(s, '');
    await waitFor(async () => (await planSteps(s)).length > 0, 'the plan');
    await tab(s, 'table');
    await s.exec(
      `[...document.querySelectorAll('[data-testid="stakeholder-row"]')].find((r) => r.dataset.name === 'Zoe Quinn').click();`,
    );
    await waitFor(
      async () => (await s.exec(`return document.querySelector('[data-testid="detail-name"]')?.textContent;`)) === 'Zoe Quinn',
      'Zoe Quinn in the detail panel',
    );
    const ipc = () => s.exec(`return JSON.parse(JSON.stringify(window.__coalitionIpc));`);
    const undoTitle = () => s.exec(`return document.querySelector('[data-testid="undo"]').title;`);
    const untouched = await undoTitle();
    /** The commands sent for one edit, sorted: counted from the app's IPC counter
     * until the edit has answered (its follow-ups are sent as it answers). */
    const callsOf = async (what, edit, answered) => {
      const [before, title] = [await ipc(), await undoTitle()];
      await edit();
      await waitFor(async () => {
        const t = await undoTitle();
        return t !== title && answered(t);
      }, what);
      await sleep(500); // a stray follow-up would have been sent by now
      const after = await ipc();
      const made = Object.entries(after.byCommand)
        .flatMap(([cmd, n]) => Array(n - (before.byCommand[cmd] ?? 0)).fill(cmd))
        .sort();
      console.log(`IPC calls for ${what}: ${made.length} (${made.join(', ')}); 4 before edits said what they made stale`);
      return made;
    };
    /** Sets a field of the selected person to `value`, or to `other` if it has it. */
    const setField = (label, value, other) =>
      s.exec(
        `const el = document.querySelector('[data-testid="detail"] ~ form.fields select[aria-label="' + arguments[0] + '"]');
         el.value = el.value === arguments[1] ? arguments[2] : arguments[1];
         el.dispatchEvent(new Event('change', { bubbles: true }));`,
        label,
        value,
        other,
      );

    // Interest feeds no derived result.
    const interest = await callsOf('an interest edit', () => setField('Interest', '4', '2'), (t) => t.includes('interest of Zoe Quinn'));
    assert.deepEqual(interest, ['set_field']);
    // Stance feeds the plan and the progress, not the graph metrics.
    const setStance = (value, other) =>
      s.exec(
        `const on = document.querySelector('[data-testid="stance-buttons-stance"] [aria-checked="true"]');
         const want = on && on.dataset.value === arguments[0] ? arguments[1] : arguments[0];
         document.querySelector('[data-testid="stance-buttons-stance"] button[data-value="' + want + '"]').click();`,
        value,
        other,
      );
    const stance = await callsOf('a stance edit', () => setStance('1', '0'), (t) => t.includes('stance of Zoe Quinn'));
    assert.deepEqual(stance, ['plan', 'plan_progress', 'set_field']);

    // A drag on the network moves her and nothing else. Focusing on her (she has
    // no ties) puts her in the middle of the canvas, where the drag starts.
    await tab(s, 'network');
    await s.exec(`[...document.querySelectorAll('.tools button')].find((b) => b.textContent.trim() === 'Focus on selection').click();`);
    await sleep(600);
    const canvas = await s.$('[data-testid="network"]');
    const drag = async () => {
      const steps = [
        { type: 'pointerMove', duration: 0, origin: { 'element-6066-11e4-a52e-4f735466cecf': canvas }, x: 0, y: 0 },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerMove', duration: 150, origin: 'pointer', x: 30, y: 15 },
        { type: 'pointerMove', duration: 150, origin: 'pointer', x: 30, y: 15 },
        { type: 'pointerUp', button: 0 },
      ];
      await s.cmd('POST', '/actions', { actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: steps }] });
      await s.cmd('DELETE', '/actions');
    };
    const moved = await callsOf('a drag on the network', drag, (t) => t.includes('Move person'));
    assert.deepEqual(moved, ['move_people']);
    await s.exec(`[...document.querySelectorAll('.tools button')].find((b) => b.textContent.trim() === 'Show all').click();`);

    // Undo may have changed anything: everything shown is refetched.
    const undone = await callsOf('an undo', async () => s.click(await s.$('[data-testid="undo"]')), (t) => t.includes('stance of Zoe Quinn'));
    assert.deepEqual(undone, ['metrics', 'plan', 'plan_progress', 'undo']);

    // Leave the map as it was for the tests after this one.
    await s.click(await s.$('[data-testid="undo"]'));
    await waitFor(async () => (await undoTitle()).includes('interest of Zoe Quinn'), 'the stance edit undone');
    await s.click(await s.$('[data-testid="undo"]'));
    await waitFor(async () => (await undoTitle()) === untouched, 'the interest edit undone');
  });

  test('dragging a person on the grid re-rates them, in one undo step', async () => {
    await tab(s, 'grid');
    const moved = await s.exec(
      `const chip = [...document.querySelectorAll('[data-testid="grid-point"]')].find((c) => c.dataset.name === 'Hannah Cho');
       const cell = document.querySelector('[aria-label^="Power 5, interest 5"]');
       const dt = new DataTransfer();
       chip.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: dt }));
       cell.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
       cell.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
       return true;`,
    );
    assert.ok(moved);
    await waitFor(
      async () =>
        s.exec(`return [...document.querySelectorAll('[aria-label^="Power 5, interest 5"] [data-testid="grid-point"]')].some((c) => c.dataset.name === 'Hannah Cho');`),
      'Hannah Cho in the manage-closely corner',
    );
    const undo = await s.exec(`return document.querySelector('[data-testid="undo"]').title;`);
    assert.match(undo, /power and interest of Hannah Cho/);
    await s.click(await s.$('[data-testid="undo"]'));
    await waitFor(
      async () =>
        !(await s.exec(`return [...document.querySelectorAll('[aria-label^="Power 5, interest 5"] [data-testid="grid-point"]')].some((c) => c.dataset.name === 'Hannah Cho');`)),
      'the undo to move her back',
    );
  });

  test('Ctrl+F focuses the search, which filters the table', async () => {
    await tab(s, 'table');
    await s.keys(Key.Control, 'f');
    const focused = await s.exec(`return document.activeElement?.dataset.testid;`);
    assert.equal(focused, 'search');
    await s.type(await s.$('[data-testid="search"]'), 'Priya');
    await waitFor(async () => (await rowNames(s)).length === 1, 'one row');
    assert.deepEqual(await rowNames(s), ['Priya Raman']);
    await s.clear(await s.$('[data-testid="search"]'));
    await s.exec(`const i = document.querySelector('[data-testid="search"]'); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true }));`);
    await waitFor(async () => (await rowNames(s)).length === 36, 'everyone back');
  });

  test('screenshots of every view, in both themes', async () => {
    for (const [i, key] of ['table', 'grid', 'commitment', 'salience', 'conversations'].entries()) {
      await tab(s, key);
      await s.screenshot(join(SCREENS, `${String(i + 4).padStart(2, '0')}-${key}.png`));
    }
    const points = await s.$$('[data-testid="grid-point"]');
    assert.ok(points.length === 0, 'the grid is not on screen now');
    await tab(s, 'grid');
    assert.ok((await s.$$('[data-testid="grid-point"]')).length >= 30);
    await tab(s, 'network');
    await s.click(await s.$('[data-testid="theme"]'));
    await sleep(500);
    await s.screenshot(join(SCREENS, '09-network-dark.png'));
    await tab(s, 'table');
    await s.screenshot(join(SCREENS, '10-table-dark.png'));
    await s.click(await s.$('[data-testid="theme"]'));
  });
});

describe('an empty map', () => {
  test('says what to do first', async () => {
    const map = join(work, 'empty.coalition');
    execFileSync(CLI, ['new', map, '--name', 'Nothing yet']);
    const s = await Session.start(APP, [map, '--data-dir', join(work, 'data-empty')]);
    try {
      const empty = await s.wait('[data-testid="empty-people"]');
      assert.match(await s.text(empty), /\+ Person/);
      await s.screenshot(join(SCREENS, '13-empty-map.png'));
    } finally {
      await s.close().catch(() => {});
    }
  });
});

describe('a map that cannot be opened safely', () => {
  test('is refused with the reason, and recovered into a new map in one click', async () => {
    const dir = join(work, 'sent');
    mkdirSync(dir, { recursive: true });
    const map = join(dir, 'sent.coalition');
    copyFileSync(join(ROOT, 'tests/fixtures/hostile/01-trigger-stakeholders-update.coalition'), map);
    const before = readFileSync(map);
    const s = await Session.start(APP, [map, '--data-dir', join(work, 'data-damaged')]);
    try {
      const why = await s.wait('[data-testid="damaged-message"]', 20000);
      assert.match(await s.text(why), /trigger 'evil_update' that Coalition did not write/);
      await sleep(500); // let the dialog paint before the picture
      await s.screenshot(join(SCREENS, '17-damaged-map.png'));
      await s.click(await s.$('[data-testid="recover"]'));
      const summary = await s.text(await s.wait('[data-testid="recovered-summary"]', 20000));
      assert.match(summary, /\d+ people, \d+ ties and \d+ conversations came back from sent\.coalition/);
      await s.wait('[data-testid="network"][data-ready-ms]', 20000);
      await s.screenshot(join(SCREENS, '18-recovered-map.png'));
      assert.ok(existsSync(join(dir, 'sent (recovered).coalition')), 'the recovered map is beside the original');
      assert.deepEqual(readFileSync(map), before, 'the damaged file is unchanged');
    } finally {
      await s.close().catch(() => {});
    }
  });
});

describe('a 2,000-person map', () => {
  test('draws everyone and plans, reporting how long each took', async () => {
    const dir = join(work, 'big');
    mkdirSync(dir, { recursive: true });
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = (n) => Math.floor(rand() * n);
    const N = 2000;
    const people = ['name,group,stance,target,power,interest,openness,advocate'];
    for (let i = 0; i < N; i++) {
      people.push(`Person ${i},Unit ${i % 40},${pick(5) - 2},2,${1 + pick(5)},${1 + pick(5)},${1 + pick(5)},${i === 0 ? 'yes' : 'no'}`);
    }
    const kinds = ['influences', 'reports_to', 'trusts', 'allied', 'conflict'];
    const seen = new Set();
    const relations = ['from,kind,to,strength'];
    for (let i = 1; i < N; i++) {
      const boss = Math.floor((i - 1) / 8);
      relations.push(`Person ${i},reports_to,Person ${boss},${2 + pick(4)}`);
      seen.add(`${i}-reports_to-${boss}`);
      for (let k = 0; k < 4; k++) {
        const j = pick(N);
        const kind = kinds[pick(5)];
        const key = `${i}-${kind}-${j}`;
        const back = `${j}-${kind}-${i}`;
        if (j === i || seen.has(key) || seen.has(back)) continue;
        seen.add(key);
        relations.push(`Person ${i},${kind},Person ${j},${1 + pick(5)}`);
      }
    }
    writeFileSync(join(dir, 'people.csv'), people.join('\n'));
    writeFileSync(join(dir, 'relations.csv'), relations.join('\n'));
    const map = join(dir, 'big.coalition');
    execFileSync(CLI, ['new', map, '--name', 'Two thousand']);
    execFileSync(CLI, ['import', map, '--people', join(dir, 'people.csv'), '--relations', join(dir, 'relations.csv')]);

    const t0 = Date.now();
    const s = await Session.start(APP, [map, '--data-dir', join(work, 'data-big')]);
    const sessionMs = Date.now() - t0;
    try {
      await s.wait('[data-testid="network"][data-ready-ms]', 30000);
      const wallMs = Date.now() - t0;
      const readyMs = Number(await s.attr(await s.$('[data-testid="network"]'), 'data-ready-ms'));
      const layoutMs = Number(await s.attr(await s.$('[data-testid="network"]'), 'data-layout-ms'));
      const mapMs = Number(await s.attr(await s.$('[data-testid="network"]'), 'data-map-ms'));
      await s.wait('[data-testid="network"][data-ties-ms]', 30000);
      const wallTiesMs = Date.now() - t0;
      const tiesMs = Number(await s.attr(await s.$('[data-testid="network"]'), 'data-ties-ms'));
      // Interactive: the page answers, and a click on the canvas selects nothing quickly.
      const roundTrip = Date.now();
      await s.exec('return 1;');
      const roundTripMs = Date.now() - roundTrip;
      await s.screenshot(join(SCREENS, '11-network-2000.png'));

      await s.click(await s.$('[data-testid="side-plan"]'));
      await s.exec(
        `window.__gaps = []; let last = performance.now();
         const tick = (t) => { window.__gaps.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
         requestAnimationFrame(tick);`,
      );
      const p0 = Date.now();
      await s.click(await s.$('[data-testid="plan-run"]'));
      await s.wait('[data-testid="support-score"]', 60000);
      const planMs = Date.now() - p0;
      const maxGap = await s.exec(`window.__stop = true; return Math.max(...window.__gaps);`);
      const report = { people: N, relations: relations.length - 1, sessionMs, wallMs, mapArrivedMs: mapMs, readyMs, allTiesMs: mapMs + tiesMs, wallTiesMs, layoutMs, roundTripMs, planMs, maxFrameGapMs: Math.round(maxGap) };
      console.log(`2000-person timing: ${JSON.stringify(report)}`);
      writeFileSync(join(ROOT, 'target/e2e-timings.json'), JSON.stringify(report, null, 2));
      // The figures above are reported, never asserted: a timing is a benchmark
      // figure (make bench-app), and a busy machine must not fail the suite. The
      // behaviour is: everyone drawn, the ties drawn (the strongest 3,000 of
      // its ~9,000, see bigmap.test.mjs), a plan shown.
      const counts = await s.exec(`return document.querySelector('.map .muted')?.textContent ?? '';`);
      assert.match(counts, new RegExp(`^${N} people`), `the toolbar counts everyone: ${counts}`);
      assert.ok((await planSteps(s)).length > 0, 'the plan lists its steps');
    } finally {
      await s.close().catch(() => {});
    }
  });
});

// Conversations and change over time: log a conversation from a plan step and see
// the saved plan tick, step the map back in time, compare two days, open the brief.

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


const grahamStance = `[data-testid="stakeholder-row"][data-name="Graham Tulloch"] td.stance`;

describe('conversations and time on the demo map', () => {
  const map = demoMap('keystone-time');
  let s;

  before(async () => {
    s = await launch(map, join(work, 'data-time'));
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
    const score = (t) => t.match(/support score ([−-]?\d+) → ([−-]?\d+)/).slice(1).map((x) => Number(x.replace('−', '-')));
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
    assert.match(
      (await text(s, '[data-testid="diff"] .diff-head')).replace(/\s+/g, ' '),
      /support score −?\d+ → −?\d+ \([+−±]\d+\.\d\)/,
      'the comparison speaks in support score points',
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
    await s.wait('[data-testid="step-brief"]');
    await planSettled(s);
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
