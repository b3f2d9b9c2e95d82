// The first hour, in the real app: a consultant builds a five-person map by hand
// (every click and keystroke counted), plans from it at once, edits a tie, and
// opens, prints and closes a conversation brief.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Key, sleep, waitFor } from './webdriver.mjs';
import { CLI, SCREENS, demoMap, launch, scratch } from './support.mjs';

const work = scratch();
after(() => rmSync(work, { recursive: true, force: true }));

/** Clicks and keystrokes, as a person would make them. A <select> costs two
 * clicks (open it, choose), typing one keystroke per character. */
class Counted {
  clicks = 0;
  keys = 0;
  constructor(s) {
    this.s = s;
  }
  async click(css) {
    await this.s.click(await this.s.wait(css));
    this.clicks += 1;
  }
  async type(css, text) {
    await this.s.type(await this.s.wait(css), text);
    this.keys += [...text].length;
  }
  async press(key) {
    await this.s.keys(key);
    this.keys += 1;
  }
  async pick(css, label) {
    await this.s.wait(css);
    assert.ok(await this.s.selectByText(css, label), `${label} is offered in ${css}`);
    this.clicks += 2;
  }
}

/** The name in the person panel. */
const shownName = (s) => s.exec(`return document.querySelector('[data-testid="detail-name"]')?.textContent ?? null;`);

/** Waits until the person panel shows `name`. */
function showing(s, name) {
  return waitFor(async () => (await shownName(s)) === name, `${name} in the person panel`);
}

async function shot(s, name) {
  await sleep(400);
  await s.screenshot(join(SCREENS, name));
}

describe('the first hour', () => {
  let s;
  const built = join(work, 'Harbour ERP.coalition');

  before(async () => {
    s = await launch(demoMap(work, 'start'), join(work, 'data'));
  });

  after(async () => {
    await s?.close().catch(() => {});
  });

  test('a five-person map built by hand, then planned, takes at most 30 clicks', async () => {
    const c = new Counted(s);
    // The map: its name and change in one form, the file named after it.
    await c.click('[data-testid="new-map"]');
    // Each keystroke lands where the user's would: the form is up and focused
    // before typing, the name is in before Tab moves on (WebKitWebDriver types
    // into whatever has the focus at that moment).
    await waitFor(async () => s.exec(`return document.activeElement?.dataset.testid === 'new-name';`), 'the name field focused');
    await c.type('[data-testid="new-name"]', 'Harbour ERP');
    await waitFor(async () => s.exec(`return document.querySelector('[data-testid="new-name"]').value === 'Harbour ERP';`), 'the name typed');
    await c.press(Key.Tab);
    await waitFor(async () => s.exec(`return document.activeElement?.dataset.testid === 'new-change';`), 'the change field focused');
    await c.type('[data-testid="new-change"]', 'One ERP for the three depots by spring');
    await waitFor(
      async () => s.exec(`return document.querySelector('[data-testid="new-change"]').value === 'One ERP for the three depots by spring';`),
      'the change typed',
    );
    await s.exec('window.__coalitionPaths = arguments[0];', [built]);
    await c.click('[data-testid="new-name-ok"]');
    await s.wait('[data-testid="empty-people"]', 20000);
    assert.equal(await s.text(await s.$('[data-testid="map-name"]')), 'Harbour ERP');
    assert.equal(await s.text(await s.$('[data-testid="map-change"]')), 'One ERP for the three depots by spring');
    assert.ok(existsSync(built), 'the map is saved where the dialog said');

    /** Adds a person, sets their stance with one click, and ties them to others. */
    const person = async (name, stance, ties = [], advocate = false) => {
      await c.click('[data-testid="add-stakeholder"]');
      await c.type('[data-testid="new-name"]', name);
      await c.press(Key.Enter);
      await showing(s, name);
      if (stance !== 'Neutral') {
        await c.click(`[data-testid="stance-buttons-stance"] button[title="${stance}"]`);
        await waitFor(
          async () =>
            (await s.exec(`return document.querySelector('[data-testid="stance-buttons-stance"] [aria-checked="true"]')?.title;`)) ===
            stance,
          `${name} ${stance}`,
        );
      }
      if (advocate) {
        await c.click('[data-testid="detail"] ~ form.fields input[aria-label="Advocate"]');
        await waitFor(
          async () => s.exec(`return document.querySelector('[data-testid="undo"]').title.includes('advocate');`),
          `${name} an advocate`,
        );
      }
      for (const other of ties) {
        const before = await s.exec(`return document.querySelectorAll('.list li').length;`);
        await c.pick('[data-testid="tie-other"]', other);
        await c.click('[data-testid="tie-add"]');
        await waitFor(async () => (await s.exec(`return document.querySelectorAll('.list li').length;`)) > before, `${name} → ${other}`);
      }
    };
    await person('Ines Park', 'Active resistance');
    await person('Mara Chen', 'Neutral');
    await person('Erik Lindqvist', 'Resistant', ['Ines Park']);
    await person('Tom Baker', 'Supportive', ['Mara Chen']);
    await person('Dana Ortiz', 'Champion', ['Erik Lindqvist', 'Tom Baker', 'Mara Chen'], true);

    // Everyone is on screen, at a readable size, as they were added.
    await shot(s, '40-built-by-hand.png');
    const canvas = await s.$('[data-testid="network"]');
    assert.equal(await s.attr(canvas, 'data-outside'), '0', 'nobody is drawn off the canvas');
    assert.ok(Number(await s.attr(canvas, 'data-zoom')) <= 1.25, 'people are not drawn huge');

    // The plan: from the one advocate, without choosing her.
    await c.click('[data-testid="side-plan"]');
    const picked = await s.exec(`const el = document.querySelector('[data-testid="plan-advocate"]');
      return el.options[el.selectedIndex]?.textContent ?? null;`);
    assert.equal(picked, 'Dana Ortiz', 'the advocate is picked as soon as there is one');
    await c.click('[data-testid="plan-run"]');
    const steps = await waitFor(async () => {
      const found = await s.exec(`return [...document.querySelectorAll('[data-testid="plan-step"]')].map((e) => e.dataset.name);`);
      return found.length > 0 ? found : null;
    }, 'the plan');
    assert.ok(steps.every((n) => ['Ines Park', 'Mara Chen', 'Erik Lindqvist', 'Tom Baker'].includes(n)), `${steps}`);
    await shot(s, '41-built-plan.png');

    console.log(`five-person build: ${c.clicks} clicks, ${c.keys} keystrokes`);
    assert.ok(c.clicks <= 30, `the five-person build took ${c.clicks} clicks`);
  });

  test('a tie is edited whole, naming both people: kind, direction, strength and note, in one undo step', async () => {
    await s.click(await s.$('[data-testid="side-person"]'));
    await showing(s, 'Dana Ortiz');
    const edit = await s.exec(
      `return [...document.querySelectorAll('[data-testid="tie-edit"]')].findIndex((b) => b.getAttribute('aria-label').includes('Erik Lindqvist'));`,
    );
    assert.ok(edit >= 0, 'the tie to Erik has an Edit button');
    await s.click((await s.$$('[data-testid="tie-edit"]'))[edit]);
    const dialog = await s.wait('[data-testid="tie-dialog"]');
    assert.equal(await s.text(await s.$('[data-testid="tie-title"]')), 'Dana Ortiz → Erik Lindqvist');
    assert.ok(await s.selectByText('[data-testid="tie-edit-kind"]', 'trusts'));
    await s.click(await s.$('[data-testid="tie-swap"]'));
    assert.equal(await s.text(await s.$('[data-testid="tie-from"]')), 'Erik Lindqvist');
    await s.type(await s.$('[data-testid="tie-edit-note"]'), 'Worked together at the Leeds depot');
    await shot(s, '42-tie-editor.png');
    assert.ok(dialog);
    await s.click(await s.$('[data-testid="tie-save"]'));
    await waitFor(async () => (await s.$$('[data-testid="tie-dialog"]')).length === 0, 'the tie editor to close');
    const line = await waitFor(async () => {
      const lines = await s.exec(`return [...document.querySelectorAll('.list li')].map((l) => l.textContent.replace(/\\s+/g, ' ').trim());`);
      return lines.find((l) => l.includes('Worked together at the Leeds depot')) ?? null;
    }, 'the note in the person panel');
    assert.match(line, /Erik Lindqvist trusts Dana Ortiz/);
    // The legend lists the kinds of tie in the map, and only those.
    const legend = () => s.exec(`return [...document.querySelectorAll('[data-testid="legend-tie"]')].map((e) => e.dataset.kind).sort();`);
    assert.deepEqual(await legend(), ['influences', 'trusts']);
    await shot(s, '43-legend.png');
    const undo = await s.exec(`return document.querySelector('[data-testid="undo"]').title;`);
    await s.click(await s.$('[data-testid="undo"]'));
    await waitFor(async () => {
      const lines = await s.exec(`return [...document.querySelectorAll('.list li')].map((l) => l.textContent.replace(/\\s+/g, ' ').trim());`);
      return lines.some((l) => l.includes('Dana Ortiz influences Erik Lindqvist')) && !lines.some((l) => l.includes('Leeds'));
    }, `one undo (${undo}) to put the tie back as it was`);
    assert.deepEqual(await legend(), ['influences']);
  });

  test('the brief closes on Escape, and Print opens the system print dialog', async () => {
    await s.click(await s.$('[data-testid="side-plan"]'));
    await s.click(await s.wait('[data-testid="step-brief"]'));
    await s.wait('[data-testid="brief"]');
    await s.keys(Key.Escape);
    await waitFor(async () => (await s.$$('[data-testid="brief"]')).length === 0, 'Escape to close the brief');

    await s.click(await s.wait('[data-testid="step-brief"]'));
    await s.wait('[data-testid="brief"]');
    await s.click(await s.$('[data-testid="brief-print"]'));
    const dialog = await waitFor(() => {
      try {
        return execFileSync('xdotool', ['search', '--name', '^Print$'], { encoding: 'utf8' }).trim().split('\n')[0] || null;
      } catch {
        return null;
      }
    }, 'the print dialog', 15000);
    execFileSync('import', ['-window', 'root', join(SCREENS, '44-print-dialog.png')]);
    execFileSync('xdotool', ['windowfocus', '--sync', dialog, 'key', 'Escape']);
    await waitFor(() => {
      try {
        execFileSync('xdotool', ['search', '--name', '^Print$']);
        return false;
      } catch {
        return true;
      }
    }, 'the print dialog to close', 15000);
    await s.keys(Key.Escape);
    await waitFor(async () => (await s.$$('[data-testid="brief"]')).length === 0, 'the brief to close');
  });
});

describe('one layout', () => {
  test('the app draws the demo map where its exported SVG does, and keeps it', async () => {
    const map = demoMap(work, 'layout');
    const data = join(work, 'data-layout');
    let s = await launch(map, data);
    const drawn = async () =>
      s.exec(`return document.querySelector('[data-testid="network"]').positions().filter((p) => typeof p.id === 'number');`);
    let app;
    try {
      app = await drawn();
    } finally {
      await s.close().catch(() => {});
    }
    assert.equal(app.length, 34, 'everyone is drawn');
    const svg = execFileSync(CLI, ['export', map, '--format', 'svg'], { encoding: 'utf8' });
    const exported = new Map(
      [...svg.matchAll(/<g class="node" data-id="(\d+)">.*?<circle cx="([-\d.]+)" cy="([-\d.]+)"/g)].map((m) => [
        Number(m[1]),
        { x: Number(m[2]), y: Number(m[3]) },
      ]),
    );
    assert.equal(exported.size, 34);
    // The SVG moves and scales the picture to fit its page: compare the shapes.
    const normal = (points) => {
      const xs = points.map((p) => p.x);
      const ys = points.map((p) => p.y);
      const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
      const size = Math.max(Math.max(...xs) - x0, Math.max(...ys) - y0);
      return points.map((p) => ({ x: (p.x - x0) / size, y: (p.y - y0) / size }));
    };
    const ids = app.map((p) => p.id);
    const a = normal(app);
    const e = normal(ids.map((id) => exported.get(id)));
    for (let i = 0; i < ids.length; i++) {
      assert.ok(Math.hypot(a[i].x - e[i].x, a[i].y - e[i].y) < 0.003, `person ${ids[i]} is drawn at the same place`);
    }
    // Opened again, the map is drawn as before: the layout was saved.
    s = await launch(map, data);
    try {
      const again = new Map((await drawn()).map((p) => [p.id, p]));
      for (const p of app) {
        const q = again.get(p.id);
        assert.ok(q && Math.hypot(p.x - q.x, p.y - q.y) < 0.01, `person ${p.id} stays where they were`);
      }
    } finally {
      await s.close().catch(() => {});
    }
  });
});

describe('reading the network', () => {
  test('people sized and coloured by a metric, and the table ranked by it', async () => {
    const map = demoMap(work, 'reading');
    const s = await launch(map, join(work, 'data-reading'));
    try {
      const metrics = JSON.parse(execFileSync(CLI, ['metrics', map, '--json'], { encoding: 'utf8' })).people;
      const top = [...metrics].sort((a, b) => b.pagerank - a.pagerank || a.name.localeCompare(b.name))[0].name;
      await s.wait('[data-testid="size-by"] option[value="pagerank"]:not([disabled])');
      assert.ok(await s.selectByText('[data-testid="size-by"]', 'Listened to (PageRank)'));
      assert.ok(await s.selectByText('[data-testid="colour-by"]', 'Broker (betweenness)'));
      await waitFor(
        async () => (await s.text(await s.$('[data-testid="legend-colour"]'))).includes('how much they broker'),
        'the legend to say what colour shows',
      );
      assert.match(await s.text(await s.$('[data-testid="legend-size"]')), /size = how much they are listened to/);
      await shot(s, '45-size-by-pagerank.png');
      await s.click(await s.$('[data-testid="tab-table"]'));
      await s.click(await s.wait('[data-testid="sort-pagerank"]'));
      const first = await waitFor(
        () => s.exec(`return document.querySelector('[data-testid="stakeholder-row"]')?.dataset.name ?? null;`),
        'the ranked table',
      );
      assert.equal(first, top, 'the most listened-to person is first');
      assert.equal(await s.exec(`return document.querySelector('[data-testid="stakeholder-row"] td.pagerank').textContent.trim();`), '#1');
    } finally {
      await s.close().catch(() => {});
    }
  });
});
