// Legacy dashboard widgets, kept until the React rewrite ships.
import { api } from '../services/api.js';
import { logger } from '../services/logger.js';

var widgetCount = 0; // expect: javascript/var-declaration
let variance = 0.5; // near: javascript/var-declaration
const invariant = 'var x = 1'; // near: javascript/var-declaration

export function renderComments(list, comments) {
  for (var i = 0; i < comments.length; i++) { // expect: javascript/var-declaration
    const c = comments[i];
    list.innerHTML += `<li>${c.author}: ${c.body}</li>`; // expect: javascript/inner-html
  }
  list.innerHTML = ''; // near: javascript/inner-html
  if (list.innerHTML === '') list.hidden = true; // near: javascript/inner-html
}

export function renderPreview(target, markdownHtml) {
  target.innerHTML = markdownHtml; // expect: javascript/inner-html
}

export function renderSafePreview(target, markdownHtml) {
  target.innerHTML = DOMPurify.sanitize(markdownHtml); // near: javascript/inner-html
  target.textContent = markdownHtml; // near: javascript/inner-html
}

export function isEmpty(input) {
  if (input.value == 0) return true; // expect: javascript/loose-equality
  if (input.dataset.kind != 'number') return false; // expect: javascript/loose-equality
  if (input.value === '') return true; // near: javascript/loose-equality
  if (input.form == null) return true; // near: javascript/loose-equality
  if (typeof input.onchange == 'function') input.onchange(); // near: javascript/loose-equality
  if (/==>$/.test(input.value)) return false; // near: javascript/loose-equality
  return input.value !== input.defaultValue; // near: javascript/loose-equality
}

export function applyFormula(config, row) {
  const fn = eval('(' + config.formula + ')'); // expect: javascript/eval
  const evaluated = row.evaluate?.(config); // near: javascript/eval
  const getter = new Function('row', `return row.${config.field}`); // expect: javascript/new-function
  const plain = new FunctionRegistry(); // near: javascript/new-function
  setTimeout('refreshTotals()', 500); // expect: javascript/string-timer
  setTimeout(refreshTotals, 500); // near: javascript/string-timer
  return [fn(row), getter(row), plain, evaluated];
}

function refreshTotals() {
  widgetCount += 1;
}

export async function shipAll(orders) {
  orders.forEach(async (order) => { // expect: javascript/foreach-async
    await api.ship(order.id);
  });
  orders.forEach((order) => logger.info('queued', order.id)); // near: javascript/foreach-async
  await Promise.all(orders.map(async (order) => api.ship(order.id))); // near: javascript/foreach-async
}

export function loadConfig(url) {
  return new Promise(async (resolve) => { // expect: javascript/async-promise-executor
    const res = await fetch(url);
    resolve(await res.json());
  });
}

export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms)); // near: javascript/async-promise-executor
}

export function readSettings(raw) {
  let settings = {};
  try { settings = JSON.parse(raw); } catch (e) {} // expect: javascript/empty-catch
  try {
    settings = JSON.parse(raw);
  } catch (err) { // near: javascript/empty-catch
    logger.warn('bad settings', err);
  }
  return settings;
}

export function duplicate(invoice) {
  const copy = JSON.parse(JSON.stringify(invoice)); // expect: javascript/json-deep-clone
  const again = structuredClone(invoice); // near: javascript/json-deep-clone
  const parsed = JSON.parse(localCache.get('invoice')); // near: javascript/json-deep-clone
  return [copy, again, parsed];
}

export function legacyBanner(text) {
  document.write('<p class="banner">' + text + '</p>'); // expect: javascript/document-write
  document.body.append(text); // near: javascript/document-write
}

export function pageFromQuery(params) {
  const page = parseInt(params.get('page')); // expect: javascript/parseint-radix
  const size = Number.parseInt(params.get('size') ?? '20', 10); // near: javascript/parseint-radix
  console.log('paging', page, size); // expect: javascript/console-log
  console.error('paging failed'); // near: javascript/console-log
  return { page, size };
}
