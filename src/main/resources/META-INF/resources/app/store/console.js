// The store console: a store device's live work list. Everything comes from the API with the
// store-device token in the URL fragment; the location's stream refreshes the lists.
import { api, el, follow, fragment, duration, Problem } from '/app/common/api.js';
import { t, translate, clock } from '/app/common/i18n.js';

const { location: locationId, token } = fragment();
const OPEN = ['ASSIGNED', 'ACCEPTED', 'PICKING', 'PACKED'];
const DONE = ['PICKED_UP', 'SHIPPED', 'DELIVERED', 'REJECTED', 'CANCELLED', 'EXPIRED', 'RETURNED'];
const NEXT = { ASSIGNED: 'ACCEPTED', ACCEPTED: 'PICKING', PICKING: 'PACKED' };
const REJECT_CODES = ['OUT_OF_STOCK', 'DAMAGED', 'NOT_FOUND', 'STORE_CAPACITY', 'PAYMENT_OR_FRAUD', 'OTHER'];
const CANCEL_CODES = ['CUSTOMER_REQUEST', 'CUSTOMER_NO_SHOW', 'OUT_OF_STOCK', 'DAMAGED', 'STORE_CAPACITY', 'PAYMENT_OR_FRAUD', 'OTHER'];

const state = { tab: 'open', open: [], ready: [], done: [], arrivals: [], known: null, fresh: new Set(), store: null };

function showProblem(e) {
  const box = document.getElementById('problem');
  box.replaceChildren(e ? el('div', { class: 'notice bad' }, e.message) : '');
}

async function load() {
  const base = `/v1/locations/${encodeURIComponent(locationId)}`;
  const [open, done, arrivals] = await Promise.all([
    api(`${base}/fulfillments?status=${[...OPEN, 'READY_FOR_PICKUP'].join(',')}&limit=200`, token),
    api(`${base}/fulfillments?status=${DONE.join(',')}&limit=200`, token),
    api(`${base}/arrivals`, token),
  ]);
  const items = open.items;
  state.open = items.filter((f) => OPEN.includes(f.status));
  state.ready = items.filter((f) => f.status === 'READY_FOR_PICKUP');
  state.done = done.items.slice(-50).reverse();
  state.arrivals = arrivals;
  const ids = new Set(items.map((f) => f.id));
  if (state.known) {
    for (const id of ids) if (!state.known.has(id)) state.fresh.add(id);
  }
  state.known = ids;
  render();
}

let pending = null;
function refresh() {
  clearTimeout(pending);
  pending = setTimeout(() => load().then(() => showProblem(null), showProblem), 120);
}

function render() {
  for (const tab of ['open', 'ready', 'done']) {
    document.getElementById(`count-${tab}`).textContent = state[tab].length;
    document.getElementById(`tab-${tab}`).setAttribute('aria-selected', String(state.tab === tab));
  }
  const list = document.getElementById('list');
  const items = state[state.tab];
  list.replaceChildren(...(items.length ? items.map(card) : [el('p', { class: 'muted' }, t('console.empty'))]));
  state.fresh.clear();
  renderArrivals();
}

function sla(f) {
  if (f.status === 'READY_FOR_PICKUP' && f.readyAt) {
    return el('span', { class: 'sla ok' }, t('console.readySince', { t: duration((Date.now() - Date.parse(f.readyAt)) / 1000) }));
  }
  if (!OPEN.includes(f.status) || !state.store) return null;
  const due = Date.parse(f.createdAt) + state.store.pickupLeadMinutes * 60000;
  const left = (due - Date.now()) / 1000;
  if (left < 0) return el('span', { class: 'sla late', 'data-sla': 'late' }, t('console.late', { t: duration(-left) }));
  return el('span', { class: `sla ${left < 900 ? 'warn' : 'ok'}`, 'data-sla': 'due' }, t('console.dueIn', { t: duration(left) }));
}

function card(f) {
  const actions = [];
  if (NEXT[f.status]) actions.push(el('button', { class: 'primary', onclick: () => move(f, NEXT[f.status]) }, t(`act.${NEXT[f.status]}`)));
  if (f.status === 'PACKED') {
    const pickup = ['PICKUP', 'CURBSIDE', 'LOCKER'].includes(f.method);
    const to = pickup ? 'READY_FOR_PICKUP' : 'SHIPPED';
    actions.push(el('button', { class: 'primary', onclick: () => (f.method === 'LOCKER' ? readyLocker(f) : move(f, to)) }, t(`act.${to}`)));
  }
  if (f.status === 'READY_FOR_PICKUP' && !f.compartment && f.pickupLocationId === locationId) {
    actions.push(el('button', { class: 'primary', onclick: () => focusHandOver(f) }, t('act.PICKED_UP')));
  }
  if (['ASSIGNED', 'ACCEPTED', 'PICKING'].includes(f.status)) {
    actions.push(el('button', { class: 'danger', onclick: () => rejectDialog(f) }, t('act.reject')));
  }
  if ([...OPEN, 'READY_FOR_PICKUP'].includes(f.status)) {
    actions.push(el('button', { class: 'danger', onclick: () => cancelDialog(f) }, t('act.cancel')));
  }
  if (OPEN.includes(f.status)) actions.push(el('button', { onclick: () => printSlip(f) }, t('act.slip')));
  return el('article', { class: `card${state.fresh.has(f.id) ? ' fresh' : ''}`, 'data-fulfillment': f.id, 'data-order': f.orderId, 'aria-label': f.orderId },
    el('h3', {}, el('span', { class: 'id' }, f.orderId), el('span', { class: `badge ${f.method}` }, t(`method.${f.method}`))),
    el('div', {}, el('strong', { 'data-status': f.status }, t(`status.${f.status}`)), ' · ',
      el('span', { class: 'muted' }, t('console.age', { age: duration(f.ageSeconds ?? (Date.now() - Date.parse(f.createdAt)) / 1000) }))),
    sla(f),
    f.compartment ? el('div', {}, t('console.compartment', { c: f.compartment })) : null,
    f.pickupLocationId && f.pickupLocationId !== locationId ? el('div', { class: 'muted' }, t('console.at', { l: f.pickupLocationId })) : null,
    el('ul', {}, f.lines.map((l) => el('li', {}, `${l.qty} × ${l.sku}`))),
    el('div', { class: 'actions' }, actions));
}

async function move(f, to, extra = {}) {
  try {
    await api(`/v1/fulfillments/${encodeURIComponent(f.id)}/transitions`, token, { method: 'POST', body: { to, ...extra } });
    showProblem(null);
  } catch (e) {
    showProblem(e);
  }
  refresh();
}

/** Opens the shared dialog with {@code body}; resolves with the form when confirmed, else null. */
function ask(title, body) {
  const dialog = document.getElementById('dialog');
  document.getElementById('dialog-title').textContent = title;
  document.getElementById('dialog-body').replaceChildren(...body);
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm' ? document.getElementById('dialog-form') : null), { once: true });
  });
}

function reasonField(codes) {
  return [
    el('div', { class: 'field' }, el('label', { for: 'reason-code' }, t('dialog.reason')),
      el('select', { id: 'reason-code', name: 'reasonCode' }, codes.map((c) => el('option', { value: c }, t(`reason.${c}`))))),
    el('div', { class: 'field' }, el('label', { for: 'reason-text' }, t('dialog.note')),
      el('input', { id: 'reason-text', name: 'reason', maxlength: 200 })),
  ];
}

async function rejectDialog(f) {
  const lines = f.lines.filter((l) => l.mode === 'STOCK');
  const short = el('fieldset', { class: 'plain' }, el('legend', { class: 'muted' }, t('dialog.short')),
    lines.map((l, i) => el('div', { class: 'field' }, el('label', { for: `short-${i}` }, `${l.sku} (${l.qty})`),
      el('input', { id: `short-${i}`, type: 'number', min: 0, max: l.qty, value: 0, 'data-sku': l.sku }))));
  const form = await ask(t('dialog.reject', { id: f.orderId }), [...reasonField(REJECT_CODES), short]);
  if (!form) return;
  const missing = [...short.querySelectorAll('input')].map((i) => ({ sku: i.dataset.sku, qty: Number(i.value) })).filter((l) => l.qty > 0);
  await move(f, 'REJECTED', { reasonCode: form.reasonCode.value, reason: form.reason.value || undefined, lines: missing.length ? missing : undefined });
}

async function cancelDialog(f) {
  const form = await ask(t('dialog.cancel', { id: f.orderId }), reasonField(CANCEL_CODES));
  if (form) await move(f, 'CANCELLED', { reasonCode: form.reasonCode.value, reason: form.reason.value || undefined });
}

async function readyLocker(f) {
  const form = await ask(t('act.READY_FOR_PICKUP'), [el('div', { class: 'field' }, el('label', { for: 'parcel-size' }, t('parcel.size')),
    el('select', { id: 'parcel-size', name: 'parcelSize' }, ['S', 'M', 'L'].map((s) => el('option', { value: s, selected: s === 'M' }, s))))]);
  if (form) await move(f, 'READY_FOR_PICKUP', { parcelSize: form.parcelSize.value });
}

function focusHandOver(f) {
  document.getElementById('handover-code').focus();
  document.getElementById('handover-result').replaceChildren(el('div', { class: 'notice warn' }, `${f.orderId}: ${t('handover.code')}`));
}

async function handOver(event) {
  event.preventDefault();
  const form = event.target;
  const result = document.getElementById('handover-result');
  try {
    const done = await api(`/v1/locations/${encodeURIComponent(locationId)}/pickups/verify`, token, {
      method: 'POST',
      body: { code: form.code.value.trim(), collectedBy: form.collectedBy.value, collectorName: form.collectorName.value || undefined },
    });
    const where = done.compartment ? t('handover.compartment', { c: done.compartment }) : '';
    result.replaceChildren(el('div', { class: 'notice ok' }, t('handover.done', { id: done.orderId, where })));
    form.reset();
  } catch (e) {
    const text = e.status === 429 ? t('kiosk.locked', { s: e.retryAfter ?? '' }) : e.message;
    result.replaceChildren(el('div', { class: 'notice bad' }, text));
  }
  refresh();
}

function renderArrivals() {
  const box = document.getElementById('curbside');
  if (!state.arrivals.length) {
    box.replaceChildren(el('p', { class: 'muted' }, t('curbside.empty')));
    return;
  }
  box.replaceChildren(...state.arrivals.map((a) => el('div', { class: 'arrival', 'data-order': a.orderId },
    el('strong', {}, a.orderId), a.customerName ? el('div', { class: 'customer-name' }, a.customerName) : null,
    el('div', {}, [a.bay ? t('curbside.bay', { b: a.bay }) : null, a.vehicle].filter(Boolean).join(' · ')),
    a.note ? el('div', {}, a.note) : null,
    el('div', { class: 'muted' }, t('curbside.waiting', { t: duration((Date.now() - Date.parse(a.arrivedAt)) / 1000) })))));
}

function toast(text) {
  const box = document.getElementById('toast');
  box.textContent = text;
  box.hidden = false;
  clearTimeout(box.timer);
  box.timer = setTimeout(() => (box.hidden = true), 4000);
}

/** A short two-tone chime: the audible cue for a new order or a customer at the curb. */
function chime() {
  try {
    const audio = new AudioContext();
    [880, 1320].forEach((hz, i) => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.15, audio.currentTime + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + i * 0.18 + 0.16);
      osc.connect(gain).connect(audio.destination);
      osc.start(audio.currentTime + i * 0.18);
      osc.stop(audio.currentTime + i * 0.18 + 0.17);
    });
  } catch {
    /* no audio device: the visual cue remains */
  }
}

function printPickList() {
  const rows = state.open.filter((f) => ['ASSIGNED', 'ACCEPTED', 'PICKING'].includes(f.status))
    .flatMap((f) => f.lines.map((l) => el('tr', {}, el('td', {}, f.orderId), el('td', {}, l.sku), el('td', {}, l.qty), el('td', {}, t(`status.${f.status}`)))));
  printNow([el('h1', {}, t('picklist.title', { l: state.store ? state.store.name : locationId })),
    el('p', {}, t('picklist.printed', { t: clock(new Date().toISOString(), true) })),
    el('table', {}, el('thead', {}, el('tr', {}, ['col.order', 'col.sku', 'col.qty', 'col.status'].map((k) => el('th', {}, t(k))))), el('tbody', {}, rows))]);
}

function printSlip(f) {
  printNow([el('section', {}, el('h1', {}, t('slip.title')), el('p', {}, `${f.orderId} · ${t(`method.${f.method}`)} · ${state.store ? state.store.name : locationId}`),
    el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, t('col.sku')), el('th', {}, t('col.qty')))),
      el('tbody', {}, f.lines.map((l) => el('tr', {}, el('td', {}, l.sku), el('td', {}, l.qty))))))]);
}

function printNow(content) {
  document.getElementById('print').replaceChildren(...content);
  window.print();
}

async function start() {
  translate();
  if (!locationId || !token) {
    showProblem(new Problem(400, { detail: t('missing.params', { what: 'location=…&token=…' }) }));
    return;
  }
  document.getElementById('where').textContent = locationId;
  for (const button of document.querySelectorAll('[data-tab]')) {
    button.addEventListener('click', () => { state.tab = button.dataset.tab; render(); });
  }
  document.getElementById('handover').addEventListener('submit', handOver);
  document.getElementById('print-picklist').addEventListener('click', printPickList);
  try {
    state.store = await api(`/v1/locations/${encodeURIComponent(locationId)}`, token);
    document.getElementById('where').textContent = `${state.store.name} (${locationId})`;
    await load();
  } catch (e) {
    showProblem(e);
  }
  const conn = document.getElementById('conn');
  const types = ['fulfillment.assigned', 'fulfillment.status', 'fulfillment.cancelled', 'order.arrived',
    'pickup.ready', 'pickup.collected', 'pickup.expired', 'pickup.cancelled'];
  follow(`/v1/locations/${encodeURIComponent(locationId)}/events`, token, types, (type, data) => {
    if (type === 'fulfillment.assigned') { chime(); toast(t('console.new', { id: data.orderId })); }
    if (type === 'order.arrived') { chime(); toast(t('curbside.arrived', { id: data.orderId })); }
    refresh();
  }, (s) => { conn.dataset.state = s; conn.textContent = t(`conn.${s}`); if (s === 'live') refresh(); });
  setInterval(render, 30000);
}

start();
