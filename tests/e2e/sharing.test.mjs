// Bringing files in and sending maps out, in the real app: the import preview,
// one undo step, an org chart, every export format checked by the program that
// reads it, and the menu's accelerators. Native file dialogs are bypassed by
// handing the app the paths (window.__coalitionPaths), as the open tests pass maps.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Key, sleep, waitFor } from './webdriver.mjs';
import { CLI, ROOT, SCREENS, demoMap, launch, scratch } from './support.mjs';

const work = scratch();
after(() => rmSync(work, { recursive: true, force: true }));

/** People and ties in the map, as the toolbar shows them. */
async function counts(s) {
  return s.exec(`const b = document.querySelector('[data-testid="map-details"]');
    return { people: Number(b.dataset.people), ties: Number(b.dataset.ties) };`);
}

/** Hands the app the paths its next file dialog would have asked for. */
function handPaths(s, paths) {
  return s.exec('window.__coalitionPaths = arguments[0];', paths);
}

async function closed(s, testid) {
  await waitFor(
    async () => (await s.$$(`[data-testid="${testid}"]`)).length === 0,
    `the ${testid} to close`,
  );
}

/** Chooses files in the open import dialog and waits for the preview. */
async function choose(s, paths) {
  await handPaths(s, paths);
  await s.click(await s.$('[data-testid="import-choose"]'));
  return waitFor(async () => {
    const busy = (await s.$$('[data-testid="import-busy"]')).length > 0;
    const summary = (await s.$$('[data-testid="import-summary"]'))[0];
    return !busy && summary ? s.text(summary) : null;
  }, 'the import preview');
}

/** A screenshot once the page has painted what the DOM now holds. */
async function shot(s, name) {
  await sleep(400);
  await s.screenshot(join(SCREENS, name));
}

function python(script, ...args) {
  return execFileSync('python3', ['-c', script, ...args], { encoding: 'utf8' });
}

describe('import and export in the app', () => {
  const map = demoMap(work, 'share');
  let s;

  before(async () => {
    s = await launch(map, join(work, 'data'));
  });

  after(async () => {
    await s?.close().catch(() => {});
  });

  test('Ctrl+I opens the import dialog, and Escape closes it', async () => {
    await s.keys(Key.Control, 'i');
    await s.wait('[data-testid="import-dialog"]');
    await s.keys(Key.Escape);
    await closed(s, 'import-dialog');
  });

  test('a CSV with one bad row is previewed with its row and changes nothing; fixed, it imports as one undo step', async () => {
    const before = await counts(s);
    const people = join(work, 'people.csv');
    writeFileSync(
      people,
      'name,role,group,stance\nDee Park,Controller,Finance,Supportive\nEli Moss,Buyer,Procurement,maybe\nFay Lin,Analyst,Finance,Neutral\n',
    );
    await s.click(await s.$('[data-testid="import"]'));
    await s.wait('[data-testid="import-dialog"]');
    const summary = await choose(s, [people]);
    assert.match(summary, /Nothing can be imported yet/);
    const problems = await s.text(await s.$('[data-testid="import-problems"]'));
    assert.match(problems, /people\.csv row 3/);
    assert.match(problems, /stance/);
    assert.equal(await s.exec(`return document.querySelector('[data-testid="import-apply"]').disabled;`), true);
    await shot(s, '30-import-problem.png');
    assert.deepEqual(await counts(s), before, 'nothing changed');

    writeFileSync(
      people,
      'name,role,group,stance\nDee Park,Controller,Finance,Supportive\nEli Moss,Buyer,Procurement,Neutral\nFay Lin,Analyst,Finance,Neutral\n',
    );
    const fixed = await choose(s, [people]);
    assert.match(fixed, /adds 3 people/);
    await shot(s, '31-import-preview.png');
    await s.click(await s.$('[data-testid="import-apply"]'));
    await closed(s, 'import-dialog');
    await waitFor(async () => (await counts(s)).people === before.people + 3, 'three more people');
    await s.click(await s.$('[data-testid="undo"]'));
    await waitFor(async () => (await counts(s)).people === before.people, 'one undo to remove all three');
  });

  test('an org chart of 200 people comes in with roles, groups and its reporting lines', async () => {
    const before = await counts(s);
    const rows = ['Employee ID,Full Name,Work Email,Manager ID,Job Title,Department'];
    for (let i = 1; i <= 200; i++) {
      const manager = i === 1 ? '' : String(Math.floor(i / 5) + 1);
      const dept = ['Finance', 'Operations', 'IT', 'Sales'][i % 4];
      rows.push(`${i},Worker ${String(i).padStart(3, '0')},w${i}@example.org,${manager},Title ${i % 7},${dept}`);
    }
    const chart = join(work, 'hr-export.csv');
    writeFileSync(chart, rows.join('\n') + '\n');
    await s.keys(Key.Control, 'i');
    await s.wait('[data-testid="import-dialog"]');
    const summary = await choose(s, [chart]);
    assert.match(summary, /adds 200 people/);
    assert.match(summary, /199 ties/);
    await shot(s, '32-import-orgchart.png');
    await s.click(await s.$('[data-testid="import-apply"]'));
    await closed(s, 'import-dialog');
    await waitFor(async () => (await counts(s)).ties === before.ties + 199, '199 reporting lines');
    await sleep(1500);
    await shot(s, '33-orgchart-network.png');
    await s.click(await s.$('[data-testid="undo"]'));
    await waitFor(async () => (await counts(s)).people === before.people, 'the org chart undone');
  });

  test('a big import shows how far it has come, and Cancel stops it with the map as it was', async () => {
    const before = await counts(s);
    // Enough rows that the import is still going when Cancel is clicked.
    const N = 150000;
    const people = ['name,role,group,stance'];
    const ties = ['from,kind,to,strength'];
    for (let i = 1; i <= N; i++) {
      people.push(`Big Person ${String(i).padStart(6, '0')},Analyst,Unit ${i % 40},Neutral`);
      ties.push(`Big Person ${String(i).padStart(6, '0')},influences,Big Person ${String((i % N) + 1).padStart(6, '0')},3`);
    }
    const [peopleCsv, tiesCsv] = [join(work, 'big-people.csv'), join(work, 'big-relations.csv')];
    writeFileSync(peopleCsv, people.join('\n') + '\n');
    writeFileSync(tiesCsv, ties.join('\n') + '\n');
    await s.keys(Key.Control, 'i');
    await s.wait('[data-testid="import-dialog"]');
    assert.match(await choose(s, [peopleCsv, tiesCsv]), /adds 150,000 people/);
    await s.click(await s.$('[data-testid="import-apply"]'));
    const busy = await waitFor(async () => {
      const text = await s.exec(`return document.querySelector('[data-testid="import-busy"]')?.textContent ?? '';`);
      return /Importing .*\d+%, [\d,]+ rows/.test(text) ? text : null;
    }, 'the import to say how far it has come', 60000);
    assert.match(busy, /big-people\.csv, big-relations\.csv/);
    await s.click(await s.$('[data-testid="import-cancel"]'));
    await closed(s, 'import-dialog');
    const told = await waitFor(async () => {
      const toasts = await s.$$('[data-testid="toast-info"]');
      for (const t of toasts) {
        const text = await s.text(t);
        if (/^Import cancelled/.test(text)) return text;
      }
      return null;
    }, 'the cancelled import to be told', 60000);
    assert.match(told, /nothing was imported, and the map is as it was/);
    assert.deepEqual(await counts(s), before);
    assert.equal((await s.$$('[data-testid="toast-error"]')).length, 0, 'no error shown');
  });

  test('every format exported from the app is a file its reader accepts', async () => {
    const out = join(work, 'exports');
    mkdirSync(out, { recursive: true });
    await s.keys(Key.Control, 'e');
    await s.wait('[data-testid="export-dialog"]');
    const removes = await s.text(await s.$('[data-testid="export-removes-pseudonymous"]'));
    assert.match(removes, /Names become a generalised role and a letter/);
    assert.match(removes, /\d+ conversation summaries/);
    await s.click(await s.$('[data-testid="export-profile-pseudonymous"]'));
    const generalised = await s.text(await s.wait('[data-testid="export-generalised-pseudonymous"]'));
    assert.match(generalised, /held by fewer than 3 people/, 'the dialog lists what the profile generalises');
    await shot(s, '34-export-dialog.png');
    await s.click(await s.$('[data-testid="export-profile-full"]'));
    const formats = await s.exec(
      `return [...document.querySelectorAll('[data-testid^="export-format-"]')].map((e) => e.value);`,
    );
    for (const key of ['html', 'png', 'svg', 'pdf', 'xlsx', 'csv', 'json', 'gexf', 'graphml']) {
      assert.ok(formats.includes(key), `the dialog offers ${key} (it offers ${formats})`);
    }
    const written = {};
    for (const key of formats) {
      await s.click(await s.$(`[data-testid="export-format-${key}"]`));
      await handPaths(s, [join(out, key === 'csv' ? 'csv-folder' : `share-${key}`)]);
      await s.click(await s.$('[data-testid="export-run"]'));
      const done = await waitFor(async () => {
        const el = (await s.$$('[data-testid="export-done"]'))[0];
        return el ? s.text(el) : null;
      }, `the ${key} export`, 60000);
      assert.match(done, /Saved /);
      written[key] = key === 'csv' ? join(out, 'csv-folder') : join(out, `share-${key}.${key}`);
      assert.ok(existsSync(written[key]), `${written[key]} was written`);
    }
    await s.keys(Key.Escape);

    // JSON: valid against the shipped schema.
    python(
      `import json, sys, jsonschema
schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
jsonschema.validate(doc, schema)`,
      join(ROOT, 'assets/map.schema.json'),
      written.json,
    );
    // GEXF and GraphML: networkx reads every person.
    const nodes = python(
      `import sys, networkx as nx
print(nx.read_gexf(sys.argv[1]).number_of_nodes(), nx.read_graphml(sys.argv[2]).number_of_nodes())`,
      written.gexf,
      written.graphml,
    );
    assert.equal(nodes.trim(), '34 34');
    // HTML: Chromium opens the report.
    const dom = execFileSync(
      'chromium',
      ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        `--user-data-dir=${join(work, 'chromium')}`, '--dump-dom', `file://${written.html}`],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    assert.match(dom, /<title>Project Keystone — Coalition report<\/title>/);
    // PDF, PNG, SVG: what their headers say.
    const pdf = readFileSync(written.pdf);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdf.subarray(-1024).toString('latin1'), /%%EOF/);
    assert.deepEqual([...readFileSync(written.png).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.match(readFileSync(written.svg, 'utf8'), /<svg[\s>]/);
    // CSV: three sheets in the folder.
    assert.deepEqual(readdirSync(written.csv).sort(), ['engagements.csv', 'people.csv', 'relations.csv']);
    // XLSX: read back through our importer, it is the same map.
    const again = join(work, 'from-xlsx.coalition');
    execFileSync(CLI, ['new', again, '--name', 'From XLSX']);
    execFileSync(CLI, ['import', again, written.xlsx]);
    const sheets = (m, dir) => {
      execFileSync(CLI, ['export', m, '--format', 'csv', '-o', dir]);
      return ['people.csv', 'relations.csv', 'engagements.csv'].map((f) => readFileSync(join(dir, f), 'utf8'));
    };
    assert.deepEqual(sheets(again, join(work, 'csv-again')), sheets(map, join(work, 'csv-original')));
  });

  test('a budget in the plan options keeps the plan within it', async () => {
    await s.click(await s.$('[data-testid="side-plan"]'));
    await s.exec(`document.querySelector('[data-testid="plan-options"]').open = true;`);
    const budget = await s.wait('[data-testid="plan-budget"]');
    await s.type(budget, '4');
    await s.exec(`document.querySelector('[data-testid="plan-budget"]').dispatchEvent(new Event('change', { bubbles: true }));`);
    await s.click(await s.$('[data-testid="plan-run"]'));
    const effort = await waitFor(async () => {
      const el = (await s.$$('[data-testid="plan-effort"]'))[0];
      return el ? Number(await s.attr(el, 'data-effort')) : null;
    }, 'the plan with a budget');
    assert.ok(effort >= 1 && effort <= 4, `the plan takes ${effort} effort points, within 4`);
    assert.match(await s.text(await s.$('[data-testid="plan-effort"]')), /of a budget of 4\./);
    await shot(s, '35-plan-options.png');
  });

  test('F1 shows how the plan is reached, shipped with the app', async () => {
    await s.click(await s.$('[data-testid="search"]'));
    await s.keys('\uE031');
    const help = await s.wait('[data-testid="help-dialog"]');
    assert.match(await s.text(help), /How Coalition reaches a recommendation/);
    await shot(s, '36-help.png');
    await s.keys(Key.Escape);
    await closed(s, 'help-dialog');
  });

  test('while the app has the map open, scripts can read it but not change it', async () => {
    const plan = execFileSync(CLI, ['plan', map, '--advocate', 'Priya Raman'], { encoding: 'utf8' });
    assert.match(plan, /Richard Ashdown|Rachel Osei/);
    const json = join(work, 'while-open.json');
    execFileSync(CLI, ['export', map, '--format', 'json', '-o', json]);
    assert.equal(JSON.parse(readFileSync(json, 'utf8')).stakeholders.length, 34);
    let refused = null;
    try {
      execFileSync(CLI, ['set', map, 'Priya Raman', 'stance', 'Neutral'], { stdio: 'pipe' });
    } catch (e) {
      refused = e;
    }
    assert.ok(refused, 'an edit from the CLI is refused');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr.toString(), /already open/);
  });

  test('map details are edited in the app and shown in the toolbar', async () => {
    await s.click(await s.$('[data-testid="map-details"]'));
    const name = await s.wait('[data-testid="details-name"]');
    await s.clear(name);
    await s.type(name, 'Keystone steering map');
    const change = await s.$('[data-testid="details-change"]');
    await s.clear(change);
    await s.type(change, 'One ERP for Leeds, Coventry and Gdańsk');
    await s.click(await s.$('[data-testid="details-save"]'));
    await closed(s, 'details-dialog');
    assert.equal(await s.text(await s.$('[data-testid="map-name"]')), 'Keystone steering map');
    assert.equal(await s.text(await s.$('[data-testid="map-change"]')), 'One ERP for Leeds, Coventry and Gdańsk');
    await s.click(await s.$('[data-testid="undo"]'));
    await waitFor(
      async () => (await s.text(await s.$('[data-testid="map-name"]'))) === 'Project Keystone',
      'the old name back',
    );
  });
});
