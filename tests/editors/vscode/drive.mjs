// Drives code-server (VS Code in a browser) with the skill-lsp extension installed, in Debian's
// Chromium through playwright-core. Called by run.sh with URL, FILE, ARTIFACTS and AGENT_LOG set.
//
// Mouse hover does not reach the editor in this set-up, so everything goes through the keyboard:
// Ctrl+P to open the file, Ctrl+G to go to the tip, Ctrl+K Ctrl+I for the hover, Ctrl+. for the
// code actions. One line per check, "N passed, N failed" at the end; exit 1 on any failure.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const { URL, ARTIFACTS, AGENT_LOG, FILE, MODE, SETTINGS, AGENT_PORT, SERVER_LOG } = process.env;
const ORIGINAL = fs.readFileSync(FILE, 'utf8');
const TIMEOUT = 30000;
let passed = 0;
let failed = 0;
let page;

const out = (s) => process.stdout.write(s + '\n');

async function shot(name) {
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file });
  out(`     screenshot ${file}`);
}

async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    out(`ok   - vscode: ${name} (${Date.now() - t0} ms)`);
    return true;
  } catch (err) {
    failed++;
    out(`FAIL - vscode: ${name} (${Date.now() - t0} ms): ${err && err.stack ? err.stack : err}`);
    try {
      await shot(`failure-${passed + failed}.png`);
    } catch {}
    return false;
  }
}

/** The text of the active editor's rendered lines, in line order (Monaco reuses line nodes, so
 * their DOM order is not the line order; each has its `top`). Spaces come as non-breaking. */
async function editorText() {
  const lines = page.locator('.editor-group-container.active .editor-instance .monaco-editor .view-lines').filter({ visible: true });
  const rows = await lines.first().evaluate((el) =>
    [...el.querySelectorAll(':scope > .view-line')].map((l) => [parseFloat(l.style.top) || 0, l.innerText]),
  );
  rows.sort((a, b) => a[0] - b[0]);
  return rows.map((r) => r[1]).join('\n').replace(/\u00a0/g, ' ');
}

async function waitFor(what, fn, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last: ${String(last).slice(0, 300)})` : ''}`);
}

const QUICK_INPUT = '.quick-input-widget input';

/** True when the quick input is on screen and has the keyboard focus. */
async function quickInputFocused() {
  const input = page.locator(QUICK_INPUT);
  return (await input.isVisible()) && input.evaluate((el) => el === document.activeElement);
}

/**
 * Puts TEXT into the open quick input after its mode prefix (`>` in the command palette, `:` in
 * Go to Line) and checks it is there. The text is set with fill, never typed: a key typed while the
 * editor takes the focus back (just after a tab click) closes the quick input and lands in the file,
 * which once turned `pass` into `pass2:5` and failed a later test for a reason that was not its own.
 * False when the quick input lost the focus before or just after.
 */
async function fillQuickInput(text) {
  const input = page.locator(QUICK_INPUT);
  const deadline = Date.now() + TIMEOUT;
  while (!(await quickInputFocused())) {
    // Closed already (the editor took the focus back): say so now, so the caller reopens it at
    // once instead of after the whole timeout.
    if (!(await input.isVisible()) || Date.now() > deadline) return false;
    await page.waitForTimeout(50);
  }
  const prefix = ((await input.inputValue()).match(/^[>:]?/) ?? [''])[0];
  await input.fill(prefix + text);
  await page.waitForTimeout(150); // a focus change already on its way shows by now
  return (await quickInputFocused()) && (await input.inputValue()) === prefix + text;
}

/** Opens a quick input with KEYS and fills in TEXT; opens it again when the focus was taken away. */
async function quickInput(keys, text) {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(keys);
    await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: TIMEOUT });
    if (await fillQuickInput(text)) return;
    if (attempt === 3) throw new Error(`the quick input (${keys}) kept losing the focus before "${text}" was in it`);
    if (await page.locator('.quick-input-widget').filter({ visible: true }).count()) await page.keyboard.press('Escape');
  }
}

/** Moves the cursor with Go to Line (`12:5`) and waits for the status bar to show it there. */
async function goTo(spec) {
  const [line, col] = spec.split(':');
  await quickInput('Control+G', spec);
  await page.keyboard.press('Enter');
  const want = col ? `Ln ${line}, Col ${col}` : `Ln ${line},`;
  await waitFor(`the cursor at ${spec}`, async () => {
    const text = await page.locator('.statusbar').innerText();
    return text.includes(want) ? text : false;
  });
}

/** Answers the open input box (an instruction to the agent) with TEXT and Enter. */
async function answerInput(text) {
  await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: TIMEOUT });
  if (!(await fillQuickInput(text))) throw new Error(`the input box lost the focus before "${text}" was in it`);
  await page.keyboard.press('Enter');
}

function agentEvents(kind) {
  if (!fs.existsSync(AGENT_LOG)) return [];
  return fs
    .readFileSync(AGENT_LOG, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((e) => e.event === kind);
}

/** Runs a command from the command palette by its title. */
async function runCommand(title) {
  // No Escape here: in the editor it would drop the selection the command is about.
  if (await page.locator('.quick-input-widget').filter({ visible: true }).count()) await page.keyboard.press('Escape');
  await quickInput('Control+Shift+P', title);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
}

/** The text of the notification toasts on screen. */
async function toasts() {
  const list = page.locator('.notifications-toasts .notification-toast');
  const n = await list.count();
  const out = [];
  for (let i = 0; i < n; i++) out.push(await list.nth(i).innerText().catch(() => ''));
  return out.join('\n---\n');
}

/** Waits for a toast whose text matches `re`; returns that text. */
async function waitToast(what, re, timeout = TIMEOUT) {
  return waitFor(`a message saying ${what}`, async () => {
    const text = await toasts();
    return re.test(text) ? text : false;
  }, timeout);
}

async function clearToasts() {
  await runCommand('Notifications: Clear All Notifications');
  await waitFor('the toasts to close', async () => (await page.locator('.notifications-toasts .notification-toast').count()) === 0, 10000);
}

/** Changes settings as a user does: in the remote settings' JSON editor (code-server is a remote
 * window: machine-scoped settings live there), saved (a file written behind code-server's back
 * is not picked up). */
async function changeSettings(changes) {
  const want = { ...JSON.parse(fs.readFileSync(SETTINGS, 'utf8')), ...changes };
  await runCommand('Preferences: Open Remote Settings (JSON)');
  await waitFor('settings.json to open', async () =>
    (await page.locator('.tabs-container .tab.active').innerText()).includes('settings.json'),
  );
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+A');
  // One line (no auto-indent); the brace the editor auto-closes after it is deleted.
  await page.keyboard.insertText(JSON.stringify(want));
  await page.keyboard.press('Control+Shift+End');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+S');
  await waitFor('settings.json to be saved', async () => {
    const now = JSON.parse(fs.readFileSync(SETTINGS, 'utf8'));
    return Object.entries(changes).every(([k, v]) => JSON.stringify(now[k]) === JSON.stringify(v));
  });
  await page.keyboard.press('Control+W');
}

/** Runs "Show status" from loader.py and returns the report's text once it contains `want`. */
async function showStatus(want) {
  await openLoader();
  await runCommand('skill-lsp: Show status');
  return waitFor(`a status report with ${want}`, async () => {
    const tab = await page.locator('.tabs-container .tab.active').innerText();
    if (!tab.includes('skill-lsp-status')) return false;
    const text = await editorText();
    return text.includes(want) ? text : false;
  }, 60000);
}

/** Brings app/loader.py to the front: its tab when it has one, else quick open. */
async function openLoader() {
  await page.keyboard.press('Escape');
  const tab = page.locator('.tabs-container .tab', { hasText: 'loader.py' }).first();
  if (await tab.count()) {
    await tab.click();
  } else {
    await quickInput('Control+P', 'loader.py');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'loader.py' }).first().waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Enter');
  }
  await waitFor('loader.py to be the active tab', async () =>
    (await page.locator('.tabs-container .tab.active').innerText()).includes('loader.py'),
  );
  // The editor takes the focus a moment after the tab click; a quick input opened before that
  // would lose it and close.
  await waitFor('the editor to have the focus', async () => (await page.locator('.monaco-editor.focused').count()) > 0);
}

/** Puts the original text back with undo (VS Code saves files changed by the server's edits). */
async function restoreFile() {
  await openLoader();
  await page.keyboard.press('Control+1');
  const norm = (t) => t.split('\n').map((l) => l.trimEnd()).join('\n').trim();
  for (let i = 0; i < 8; i++) {
    if (norm(await editorText()) === norm(ORIGINAL)) return;
    await page.keyboard.press('Control+Z');
    await page.waitForTimeout(200);
  }
  throw new Error('could not undo back to the original text: ' + JSON.stringify(await editorText()));
}

/** Selects whole lines first..last (1-based) in the active editor. */
async function selectLines(first, last) {
  await page.keyboard.press('Escape');
  await goTo(String(first));
  await page.keyboard.press('Home');
  await page.keyboard.press('Home');
  for (let i = first; i < last; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+End');
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});

try {
  page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  if (MODE === 'missing-binary') {
    await check('without a server binary the extension says so, with set-up instructions', async () => {
      await page.goto(URL, { waitUntil: 'domcontentloaded' });
      await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
      const error = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'not found on PATH' });
      await error.first().waitFor({ state: 'visible', timeout: 60000 });
      await page.waitForTimeout(600);
      await shot('vscode-missing-binary.png');
      await error.locator('.monaco-button', { hasText: 'How to install' }).first().click();
      await waitFor('the set-up instructions', async () =>
        /readme/i.test(await page.locator('.tabs-container .tab.active').innerText()),
      );
    });
    throw new Error('done');
  }

  const loaded = await check('the workbench loads with the workspace', async () => {
    await page.goto(URL, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.explorer-folders-view, .explorer-viewlet, .part.sidebar').first().waitFor({ timeout: 60000 });
  });

  const opened =
    loaded &&
    (await check('app/loader.py opens in a Python editor', async () => {
      // Give the workbench a moment to settle, then quick-open the file.
      await page.waitForTimeout(1500);
      await openLoader();
      await waitFor('the editor to show the file', async () => (await editorText()).includes('except Exception:'));
      await waitFor('the Python language mode', async () =>
        (await page.locator('.statusbar').innerText()).includes('Python'),
      );
    }));

  if (opened) {
    await check('the extension starts the server: status bar counts the skills for the file', async () => {
      await waitFor('the skill-lsp status bar item', async () => {
        const text = await page.locator('.statusbar').innerText();
        return /1 skill\b/.test(text) ? text : false;
      }, 60000);
    });

    await check('the tip diagnostic shows as a warning squiggle', async () => {
      await waitFor('a warning squiggle', async () => (await page.locator('.squiggly-warning').count()) > 0);
    });

    await check('Ctrl+K Ctrl+I on the tip shows the skill section in a hover', async () => {
      await goTo('12:5');
      await page.waitForTimeout(300);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover:visible');
      await waitFor('the hover text', async () => {
        const text = await hover.first().innerText();
        return text.includes('Never swallow exceptions') && text.includes('e2e-python-errors') ? text : false;
      });
      await shot('vscode-hover.png');
      await page.keyboard.press('Escape');
    });

    await check('Ctrl+. lists the agent and tip actions', async () => {
      await goTo('12:5');
      await page.waitForTimeout(300);
      await page.keyboard.press('Control+.');
      const widget = page.locator('.action-widget');
      await waitFor('the code action list', async () => {
        const text = await widget.first().innerText();
        return ['Ask agent: fix', 'Ask agent: explain with skills', 'Ignore this tip here'].every((t) => text.includes(t))
          ? text
          : false;
      });
      await shot('vscode-code-actions.png');
    });

    await check('"Ask agent: fix" applies the fake agent\'s rewrite', async () => {
      const before = fs.existsSync(AGENT_LOG) ? fs.readFileSync(AGENT_LOG, 'utf8').split('\n').length : 0;
      // Clicks are swallowed by the context view's pointer block: walk the list with the keyboard.
      if (!(await page.locator('.action-widget').first().isVisible())) {
        await page.keyboard.press('Control+.');
        await page.locator('.action-widget').first().waitFor({ timeout: TIMEOUT });
      }
      const focused = page.locator('.action-widget .monaco-list-row.focused');
      await waitFor('"Ask agent: fix" to be focused in the list', async () => {
        const text = await focused.first().innerText();
        if (text.includes('Ask agent: fix')) return true;
        await page.keyboard.press('ArrowDown');
        return false;
      });
      await page.keyboard.press('Enter');
      await waitFor('the rewritten code in the editor', async () => {
        const text = await editorText();
        // The fake agent fixes exactly the selection the server sends (the except clause).
        return text.includes('except (OSError, json.JSONDecodeError) as exc:') && !text.includes('except Exception:')
          ? text
          : false;
      }, 60000);
      await waitFor('the tip squiggle to go away', async () => (await page.locator('.squiggly-warning').count()) === 0);
      const after = fs.existsSync(AGENT_LOG) ? fs.readFileSync(AGENT_LOG, 'utf8').split('\n').length : 0;
      if (after <= before) throw new Error('the fake agent saw no request');
      // The progress notification closes; a message says how the run ended.
      await waitToast('the rewrite was applied', /skill-lsp: rewrite applied \(skills: e2e-python-errors\)/);
      await shot('vscode-after-fix.png');
    });

    await check('"skill-lsp: Show skills for this file" lists the skill with reasons and opens it', async () => {
      await runCommand('skill-lsp: Show skills for this file');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'e2e-python-errors' }).first();
      await row.waitFor({ timeout: TIMEOUT });
      const text = await page.locator('.quick-input-list').innerText();
      if (!/language|path|python/i.test(text)) throw new Error('no reasons in the quick pick: ' + text);
      await shot('vscode-show-skills.png');
      await page.keyboard.press('Enter');
      await waitFor('SKILL.md to open', async () =>
        (await page.locator('.tabs-container .tab.active').innerText()).includes('SKILL.md'),
      );
      await openLoader();
    });

    await check('"skill-lsp: Ask agent…" rewrites the selection with the instruction', async () => {
      await restoreFile();
      await selectLines(8, 13);
      const before = agentEvents('request').length;
      await runCommand('skill-lsp: Ask agent…');
      await answerInput('Keep the cause when you re-raise');
      await waitFor('the rewritten function', async () => {
        const text = await editorText();
        return text.includes('raise LoadError(path) from exc') && !text.includes('except Exception:');
      }, 60000);
      const reqs = agentEvents('request');
      if (reqs.length <= before) throw new Error('no request reached the fake agent');
      const prompt = JSON.stringify(reqs[reqs.length - 1].body);
      if (!prompt.includes('Keep the cause when you re-raise')) throw new Error('the instruction is not in the prompt');
      if (!prompt.includes('Selected code (lines 8-13)')) throw new Error('the prompt is not about the selected lines 8-13');
      await waitToast('the rewrite was applied', /skill-lsp: rewrite applied/);
    });

    await check('"skill-lsp: Ask agent…" with no selection offers the block around the cursor, never the whole file silently', async () => {
      await restoreFile();
      await clearToasts();
      await openLoader();
      await goTo('12:5');
      const before = agentEvents('request').length;
      await runCommand('skill-lsp: Ask agent…');
      const block = page.locator('.quick-input-list .monaco-list-row', { hasText: 'The block around the cursor (lines 8-13)' }).first();
      await block.waitFor({ timeout: TIMEOUT });
      const choices = await page.locator('.quick-input-list').innerText();
      if (!/The whole file \(\d+ lines\)/.test(choices)) throw new Error('the whole file is not offered: ' + choices);
      await shot('vscode-ask-no-selection.png');
      await page.keyboard.press('Enter'); // the first choice: the block
      await waitFor('the instruction box about lines 8-13', async () =>
        (await page.locator('.quick-input-widget').innerText()).includes('applies to the block around the cursor (lines 8-13)'),
      );
      await answerInput('Keep the cause when you re-raise');
      await waitFor('the rewritten function', async () => {
        const text = await editorText();
        return text.includes('raise LoadError(path) from exc') && !text.includes('except Exception:');
      }, 60000);
      const reqs = agentEvents('request');
      if (reqs.length <= before) throw new Error('no request reached the fake agent');
      const prompt = JSON.stringify(reqs[reqs.length - 1].body);
      if (!prompt.includes('Selected code (lines 8-13)')) throw new Error('the prompt is not about the block, lines 8-13');
      await waitToast('the rewrite was applied', /skill-lsp: rewrite applied/);
    });

    await check('a slow agent request shows a progress notification whose Cancel stops it', async () => {
      await restoreFile();
      await selectLines(8, 13);
      const aborted = agentEvents('aborted').length;
      await runCommand('skill-lsp: Ask agent…');
      await answerInput('[[fake:slow]] take your time');
      const toast = page.locator('.notifications-toasts .notification-toast', { has: page.locator('.progress-bit, .monaco-progress-container') });
      const cancel = page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: 'Cancel' }).first();
      await cancel.waitFor({ state: 'visible', timeout: TIMEOUT });
      await page.waitForTimeout(600); // let the toast finish sliding in
      await shot('vscode-progress.png');
      await cancel.click();
      await waitFor('the fake agent to see the connection dropped', async () => agentEvents('aborted').length > aborted, 15000);
      await waitFor('the notification to close', async () => !(await cancel.isVisible()), 15000);
      if (!(await editorText()).includes('except Exception:')) throw new Error('the buffer changed after cancel');
      void toast;
    });

    await check('"skill-lsp: Explain with skills" opens the explanation as markdown', async () => {
      await selectLines(12, 13);
      await runCommand('skill-lsp: Explain with skills');
      await waitFor('a markdown tab with the reply', async () => {
        const tab = await page.locator('.tabs-container .tab.active').innerText();
        return /\.md/.test(tab) && (await editorText()).includes('FAKE-AGENT-REPLY');
      }, 60000);
      const text = await editorText();
      if (!text.includes('lines 12-13')) throw new Error('the explanation is not about the selected lines 12-13:\n' + text);
      await waitToast('the explanation is open', /skill-lsp: explain done; the answer is open/);
    });

    await check('the answer (a file in skill-lsp\'s cache) is not sent to the server', async () => {
      const tab = await page.locator('.tabs-container .tab.active').innerText();
      if (!/explain/.test(tab)) throw new Error('the answer is not the active tab: ' + tab);
      await page.waitForTimeout(1500);
      const log = fs.readFileSync(SERVER_LOG, 'utf8');
      // The log works (the run is in it), and no didOpen of a cache file reached the server.
      if (!log.includes('asking the agent')) throw new Error('the server log has no agent run:\n' + log.slice(-2000));
      if (log.includes('not serving a file of the skill-lsp cache')) {
        throw new Error('the client opened a cache file on the server:\n' + log.split('\n').filter((l) => l.includes('cache')).join('\n'));
      }
    });

    await check('"skill-lsp: Show status" shows doctor\'s report for the file: the agent, its key variable (never the key), roots', async () => {
      await clearToasts();
      const text = await showStatus('doctor: no problems found');
      const want = [
        'app/loader.py',
        'skills for this file: `e2e-python-errors`',
        'tips check this file',
        'provider: `openai`',
        'model: `fake-model`',
        `endpoint: http://127.0.0.1:${AGENT_PORT}/v1`,
        'key variable: `SKILL_LSP_E2E_KEY` is set',
        'probe: answers',
        'tests/editors/fixtures/skills',
      ];
      const missing = want.filter((w) => !text.includes(w));
      if (missing.length) throw new Error(`missing ${JSON.stringify(missing)} in:\n${text}`);
      if (text.includes('sk-e2e-not-shown')) throw new Error('the key itself is in the report:\n' + text);
      await waitToast('no problems', /skill-lsp: no problems found \(agent openai fake-model/);
      await shot('vscode-status.png');
    });

    await check('"Show status" reports a failing doctor as an error: a key variable that is not set', async () => {
      await clearToasts();
      await changeSettings({ 'skillLsp.agent.apiKeyEnv': 'SKILL_LSP_E2E_UNSET_KEY' });
      const text = await showStatus('**is not set**');
      if (!/doctor: \*\*1 problem\*\* \(exit 1\)/.test(text)) throw new Error('no failing result:\n' + text);
      if (!text.includes('the key variable SKILL_LSP_E2E_UNSET_KEY is not set')) throw new Error('the problem is not listed:\n' + text);
      const toast = await waitToast('doctor failed', /skill-lsp: doctor found 1 problem: agent: the key variable SKILL_LSP_E2E_UNSET_KEY is not set/);
      const error = page.locator('.notifications-toasts .notification-toast', { hasText: 'doctor found 1 problem' }).locator('.codicon-error');
      if (!(await error.count())) throw new Error('the message is not an error: ' + toast);
    });

    await check('with agent provider "none", "Ask agent…" says how to configure one before asking anything', async () => {
      await clearToasts();
      await changeSettings({ 'skillLsp.agent.provider': 'none', 'skillLsp.agent.apiKeyEnv': 'SKILL_LSP_E2E_KEY' });
      // The extension sees the change (its report says so) before the command runs.
      await showStatus('**No agent**');
      await openLoader();
      await selectLines(8, 13);
      const before = agentEvents('request').length;
      await runCommand('skill-lsp: Ask agent…');
      const toast = await waitToast('there is no agent', /skill-lsp: no agent, so nothing was asked: `agent.provider` is `none`/);
      if (!toast.includes('skillLsp.agent.provider') || !toast.includes('skillLsp.agent.endpoint')) {
        throw new Error('the message does not say how to configure one: ' + toast);
      }
      await page.waitForTimeout(500);
      await shot('vscode-no-agent.png');
      if (await page.locator('.quick-input-widget input').filter({ visible: true }).count()) {
        throw new Error('the instruction box opened although there is no agent');
      }
      if (agentEvents('request').length !== before) throw new Error('a request reached the agent');
    });

  }
} catch (err) {
  if (String(err) !== 'Error: done') throw err;
} finally {
  await browser.close();
}

out(`vscode e2e: ${passed} passed, ${failed} failed`);
out(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
