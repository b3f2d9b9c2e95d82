// A small W3C WebDriver client over fetch (Node 20+): just what the e2e tests use.
// tauri-driver (http://127.0.0.1:4444) forwards it to WebKitWebDriver; exported
// reports are driven in Chromium through chromedriver the same way.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const DRIVER = process.env.WEBDRIVER_URL ?? 'http://127.0.0.1:4444';

async function request(method, path, body, driver = DRIVER) {
  const res = await fetch(`${driver}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || json.value?.error) {
    const v = json.value ?? {};
    throw new Error(`${method} ${path}: ${v.error ?? res.status} ${v.message ?? ''}`);
  }
  return json.value;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a truthy value or `timeout` ms pass. */
export async function waitFor(probe, what, timeout = 15000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await sleep(150);
  }
}

/** A WebDriver session driving one launch of the app (or another browser). */
export class Session {
  static async start(application, args = []) {
    const value = await request('POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application, args } } },
    });
    return new Session(value.sessionId);
  }

  /** A session of the browser behind another driver (e.g. chromedriver). */
  static async open(driver, capabilities) {
    const value = await request('POST', '/session', { capabilities: { alwaysMatch: capabilities } }, driver);
    return new Session(value.sessionId, driver);
  }

  constructor(id, driver = DRIVER) {
    this.id = id;
    this.driver = driver;
  }

  cmd(method, path, body) {
    return request(method, `/session/${this.id}${path}`, body, this.driver);
  }

  async close() {
    await this.cmd('DELETE', '');
  }

  async $$(css) {
    const found = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return found.map((e) => e[ELEMENT]);
  }

  async $(css) {
    const found = await this.$$(css);
    if (!found.length) throw new Error(`no element matches ${css}`);
    return found[0];
  }

  /** Waits until `css` matches something and returns the first match. */
  async wait(css, timeout) {
    return waitFor(async () => (await this.$$(css))[0], css, timeout);
  }

  click(el) {
    return this.cmd('POST', `/element/${el}/click`, {});
  }

  async type(el, text) {
    await this.cmd('POST', `/element/${el}/value`, { text });
  }

  clear(el) {
    return this.cmd('POST', `/element/${el}/clear`, {});
  }

  text(el) {
    return this.cmd('GET', `/element/${el}/text`);
  }

  attr(el, name) {
    return this.cmd('GET', `/element/${el}/attribute/${encodeURIComponent(name)}`);
  }

  /** Runs a function body in the page; `arguments` are passed through. */
  exec(script, ...args) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Picks an option of a <select> by its visible text (sets it and fires change). */
  selectByText(css, label) {
    return this.exec(
      `const s = document.querySelector(arguments[0]);
       const o = [...s.options].find((o) => o.textContent.trim() === arguments[1]);
       if (!o) return false;
       s.value = o.value;
       s.dispatchEvent(new Event('change', { bubbles: true }));
       return true;`,
      css,
      label,
    );
  }

  /** Saves a screenshot of the window to `file`. Without a GPU the app draws
   * without compositing (src-tauri/src/rendering.rs), and then WebKit takes the
   * shot at the page's next paint, which a still page never makes: a pixel in
   * the corner, all but transparent, changes every frame until the shot is taken. */
  async screenshot(file) {
    await this.exec(`const dot = document.createElement('div');
      dot.id = 'e2e-repaint';
      dot.style = 'position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none;z-index:2147483647';
      document.body.appendChild(dot);
      let on = false;
      const tick = () => { if (!dot.isConnected) return; on = !on; dot.style.background = on ? 'rgba(0,0,0,0.01)' : 'transparent'; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);`);
    let b64;
    try {
      b64 = await this.cmd('GET', '/screenshot');
    } finally {
      await this.exec(`document.getElementById('e2e-repaint')?.remove();`);
    }
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, Buffer.from(b64, 'base64'));
  }

  /** Sends keys to the focused element via the Actions API (for shortcuts). */
  async keys(...sequence) {
    const actions = [];
    for (const k of sequence) actions.push({ type: 'keyDown', value: k });
    for (const k of [...sequence].reverse()) actions.push({ type: 'keyUp', value: k });
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'kbd', actions }] });
    await this.cmd('DELETE', '/actions');
  }
}

/** WebDriver key codes. */
export const Key = { Control: '\uE009', Shift: '\uE008', Enter: '\uE007', Escape: '\uE00C', Tab: '\uE004' };
