// The report a client receives, in a real browser (Chromium through
// chromedriver): the plan for the sponsor, the network zoomed and panned under
// the report's CSP, the views beyond the pictures, and its printed pages.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Session, sleep, waitFor } from './webdriver.mjs';
import { CLI, SCREENS, demoMap, scratch } from './support.mjs';

const work = scratch();
const PORT = 9517;
const DRIVER = `http://127.0.0.1:${PORT}`;
const CHROME_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

describe('the exported report in Chromium', () => {
  const map = demoMap(work, 'report');
  const report = join(work, 'report.html');
  execFileSync(CLI, ['export', map, '--format', 'html', '-o', report]);
  let driver;
  let s;

  before(async () => {
    driver = spawn('chromedriver', [`--port=${PORT}`], { stdio: 'ignore' });
    await waitFor(async () => (await fetch(`${DRIVER}/status`)).ok, 'chromedriver');
    s = await Session.open(DRIVER, {
      browserName: 'chrome',
      'goog:chromeOptions': { args: [...CHROME_ARGS, '--window-size=1280,900', `--user-data-dir=${join(work, 'chrome')}`] },
    });
    await s.cmd('POST', '/url', { url: `file://${report}` });
    await s.wait('body.js');
  });

  after(async () => {
    await s?.close().catch(() => {});
    driver?.kill();
    rmSync(work, { recursive: true, force: true });
  });

  test('it plans for the sponsor, as the app does, and shows every view', async () => {
    assert.equal(await s.text(await s.$('#plan h2')), 'Plan for Priya Raman');
    await s.screenshot(join(SCREENS, '50-report-top.png'));
    for (const id of ['plan', 'network', 'grid', 'commitment', 'salience', 'conversations', 'people']) {
      assert.ok((await s.$$(`section#${id}`)).length === 1, `the report has its ${id} section`);
    }
    const summary = await s.text(await s.$('#commitment p'));
    assert.match(summary, /^\d+ of 34 people are where the change needs them; \d+ not yet/);
    const rows = await s.exec(`return document.querySelectorAll('#conversations tbody tr').length;`);
    assert.equal(rows, 12, 'the twelve conversations of the demo');
    const classes = await s.exec(`return [...document.querySelectorAll('#salience dt')].map((d) => d.dataset.class);`);
    assert.ok(classes.includes('definitive'), `${classes}`);
  });

  test('the network zooms and pans inside the page, and Fit shows it whole', async () => {
    const box = () => s.exec(`return document.querySelector('#network svg').getAttribute('viewBox').split(' ').map(Number);`);
    const whole = await box();
    await s.click(await s.$('#network .zoom [data-zoom="in"]'));
    const closer = await box();
    assert.ok(closer[2] < whole[2] * 0.8, `zoomed in: ${closer} from ${whole}`);
    // Drag with the mouse: the view moves, the size stays.
    await s.exec(`document.querySelector('#network svg').scrollIntoView({ block: 'center' });`);
    await sleep(200);
    const svg = await s.$('#network svg');
    await s.cmd('POST', '/actions', {
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', duration: 0, origin: { 'element-6066-11e4-a52e-4f735466cecf': svg }, x: 0, y: 0 },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerMove', duration: 200, origin: 'pointer', x: 120, y: 60 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
    await s.cmd('DELETE', '/actions');
    const moved = await box();
    assert.ok(moved[0] < closer[0] - 10 && moved[1] < closer[1] - 5, `panned: ${moved} from ${closer}`);
    assert.equal(moved[2], closer[2]);
    await s.screenshot(join(SCREENS, '51-report-network-zoomed.png'));
    await s.click(await s.$('#network .zoom [data-zoom="fit"]'));
    assert.deepEqual(await box(), whole);
  });

  test('it prints as clean pages, without the page tools', () => {
    const pdf = join(work, 'report.pdf');
    execFileSync('chromium', [...CHROME_ARGS, `--user-data-dir=${join(work, 'chrome-print')}`, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${report}`], {
      stdio: 'ignore',
    });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
    assert.ok(pages >= 4 && pages <= 12, `${pages} pages`);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    assert.match(text, /Plan for Priya Raman/);
    assert.doesNotMatch(text, /Find a person/, 'the search box is not printed');
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '3', pdf, join(SCREENS, '52-report-print')]);
    assert.ok(readdirSync(SCREENS).some((f) => f.startsWith('52-report-print')));
  });
});
