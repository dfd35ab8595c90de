// The customer's tracking page: the order's token in the URL fragment; the order's stream draws
// the timeline live and resumes after a reconnect without missing a status.
import { api, el, follow, fragment } from '/app/common/api.js';
import { t, translate, clock } from '/app/common/i18n.js';

const { order: orderId, token } = fragment();
const base = `/v1/orders/${encodeURIComponent(orderId)}`;
const HANDED_OVER = ['PICKED_UP', 'SHIPPED', 'DELIVERED', 'RETURNED'];
const LIVE = ['ASSIGNED', 'ACCEPTED', 'PICKING', 'PACKED', 'READY_FOR_PICKUP'];
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const seen = new Set();
const qrUrls = new Map();

function showProblem(e) {
  document.getElementById('problem').replaceChildren(e ? el('div', { class: 'notice bad' }, e.message) : '');
}

function addToTimeline(type, data) {
  if (data.seq && seen.has(data.seq)) return;
  if (data.seq) seen.add(data.seq);
  const status = data.status ? (type === 'order.status' ? t(`order.${data.status}`) : t(`status.${data.status}`)) : '';
  const text = t(`track.event.${type}`, { s: status });
  const item = el('li', { 'data-seq': data.seq, 'data-type': type, 'data-status': data.status },
    el('time', { datetime: data.at }, data.at ? clock(data.at, true) : ''), text);
  document.getElementById('timeline').prepend(item);
}

let refreshing = null;
function refresh() {
  clearTimeout(refreshing);
  refreshing = setTimeout(() => load().then(() => showProblem(null), showProblem), 100);
}

async function load() {
  const [order, pickup] = await Promise.all([api(base, token), api(`${base}/pickup`, token)]);
  document.getElementById('order-id').textContent = order.id;
  const status = document.getElementById('status');
  status.textContent = t(`order.${order.status}`);
  status.dataset.status = order.status;
  document.getElementById('method').replaceChildren(el('span', { class: `badge ${order.method}` }, t(`method.${order.method}`)));
  await renderCodes(order, pickup);
  renderPoints(pickup);
  const live = order.fulfillments.filter((f) => LIVE.includes(f.status));
  const canArrive = ['PICKUP', 'CURBSIDE'].includes(order.method) && live.length > 0;
  document.getElementById('here').hidden = !canArrive;
  const cancellable = order.status !== 'CANCELLED' && live.length > 0 && !order.fulfillments.some((f) => HANDED_OVER.includes(f.status));
  document.getElementById('cancel').hidden = !cancellable;
}

async function renderCodes(order, pickup) {
  const ready = order.fulfillments.filter((f) => f.status === 'READY_FOR_PICKUP' && f.pickupCode);
  document.getElementById('ready').hidden = ready.length === 0;
  const blocks = [];
  for (const f of ready) {
    const parcel = pickup.parcels.find((p) => p.fulfillmentId === f.id) || {};
    blocks.push(el('div', { 'data-fulfillment': f.id },
      el('p', { class: 'code', id: `code-${f.id}` }, f.pickupCode),
      el('img', { class: 'qr', src: await qr(f.id), alt: t('track.qrAlt', { code: f.pickupCode.split('').join(' ') }) }),
      f.compartment ? el('p', {}, t('track.compartment', { c: f.compartment })) : null,
      parcel.collectBy ? el('p', { class: 'muted' }, t('track.collectBy', { t: clock(parcel.collectBy, true) })) : null));
  }
  document.getElementById('codes').replaceChildren(...blocks);
}

async function qr(fulfillmentId) {
  if (!qrUrls.has(fulfillmentId)) {
    const response = await fetch(`${base}/fulfillments/${encodeURIComponent(fulfillmentId)}/pickup-code.svg`, { headers: { Authorization: `Bearer ${token}` } });
    qrUrls.set(fulfillmentId, response.ok ? URL.createObjectURL(await response.blob()) : '');
  }
  return qrUrls.get(fulfillmentId);
}

function renderPoints(pickup) {
  document.getElementById('where').hidden = pickup.points.length === 0;
  document.getElementById('points').replaceChildren(...pickup.points.map((p) => el('div', { 'data-location': p.id },
    el('p', {}, el('strong', {}, p.name)),
    p.address ? el('p', {}, [p.address.line1, [p.address.postalCode, p.address.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')) : null,
    el('table', { class: 'hours', 'aria-label': t('track.hours') }, el('tbody', {}, DAYS.map((d) => el('tr', {},
      el('th', { scope: 'row' }, t(`day.${d}`)),
      el('td', {}, (p.openingHours && p.openingHours[d] && p.openingHours[d].length)
        ? p.openingHours[d].map((r) => `${r.open}–${r.close}`).join(', ') : t('closed')))))))));
}

async function arrived(event) {
  event.preventDefault();
  const form = event.target;
  const body = {};
  for (const name of ['bay', 'vehicle', 'note']) if (form[name].value.trim()) body[name] = form[name].value.trim();
  const result = document.getElementById('here-result');
  try {
    await api(`${base}/arrival`, token, { method: 'POST', body });
    result.replaceChildren(el('div', { class: 'notice ok' }, t('track.hereSent')));
  } catch (e) {
    result.replaceChildren(el('div', { class: 'notice bad' }, e.message));
  }
}

async function cancel() {
  if (!window.confirm(t('track.cancelConfirm'))) return;
  try {
    await api(`${base}/cancel`, token, { method: 'POST', body: { reasonCode: 'CUSTOMER_REQUEST' } });
  } catch (e) {
    showProblem(e);
  }
  refresh();
}

function start() {
  translate();
  if (!orderId || !token) {
    showProblem(new Error(t('missing.params', { what: 'order=…&token=…' })));
    return;
  }
  document.getElementById('here-form').addEventListener('submit', arrived);
  document.getElementById('cancel').addEventListener('click', cancel);
  const conn = document.getElementById('conn');
  const types = ['order.status', 'fulfillment.status', 'order.arrived', 'order.updated', 'order.lines.unfulfillable', 'order.return.requested', 'order.return.received'];
  follow(`${base}/events`, token, types, (type, data) => {
    if (type === 'stream.reset') return;
    addToTimeline(type, data);
    refresh();
  }, (s) => { conn.dataset.state = s; conn.textContent = t(`conn.${s}`); });
  load().catch(showProblem);
}

start();
