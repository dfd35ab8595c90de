// The KPI page: GET /v1/kpis for a window, as totals, an inline SVG chart of promises kept per
// day and a table per location and day. An admin token sees every location; a store device its own.
import { api, el, fragment, duration, Problem } from '/app/common/api.js';
import { t, translate } from '/app/common/i18n.js';

const params = fragment();
const token = params.token;
const SVG = 'http://www.w3.org/2000/svg';

function showProblem(e) {
  document.getElementById('problem').replaceChildren(e ? el('div', { class: 'notice bad' }, e.message) : '');
}

function percent(rate) {
  return rate === null || rate === undefined ? '–' : `${Math.round(rate * 1000) / 10}%`;
}

/** Adds up the location-days: counts are summed, so rates are over all fulfillments, not averages of days. */
function totals(days) {
  const sum = (f) => days.reduce((n, d) => n + f(d), 0);
  const rate = (part, whole) => (whole ? part / whole : null);
  const decided = sum((d) => d.decided);
  const pickedUp = sum((d) => d.pickedUp);
  const expired = sum((d) => d.expired);
  const readyPromised = sum((d) => d.readyOnTime.promised);
  const deliveredPromised = sum((d) => d.deliveredOnTime.promised);
  return {
    fulfillments: sum((d) => d.fulfillments),
    accuracy: rate(decided - sum((d) => d.inaccurate), decided),
    pickupRate: rate(pickedUp, pickedUp + expired),
    readyOnTime: rate(sum((d) => d.readyOnTime.onTime), readyPromised),
    readyPromised,
    deliveredOnTime: rate(sum((d) => d.deliveredOnTime.onTime), deliveredPromised),
    deliveredPromised,
  };
}

function tile(id, label, value, note) {
  return el('div', { class: 'tile', id: `tile-${id}` }, el('span', { class: 'label' }, label),
    el('strong', { class: 'value' }, value), note ? el('span', { class: 'muted' }, note) : null);
}

function renderTiles(sum) {
  document.getElementById('tiles').replaceChildren(
    tile('fulfillments', t('kpis.fulfillments'), String(sum.fulfillments)),
    tile('ready', t('kpis.readyOnTime'), percent(sum.readyOnTime), t('kpis.ofPromised', { n: sum.readyPromised })),
    tile('delivered', t('kpis.deliveredOnTime'), percent(sum.deliveredOnTime), t('kpis.ofPromised', { n: sum.deliveredPromised })),
    tile('accuracy', t('kpis.accuracy'), percent(sum.accuracy)),
    tile('pickup', t('kpis.pickupRate'), percent(sum.pickupRate)));
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

/** One group per day, two bars: share of pickups ready by their promise, of deliveries by theirs. */
function renderChart(days) {
  const byDay = new Map();
  for (const d of days) byDay.set(d.day, [...(byDay.get(d.day) || []), d]);
  const entries = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b));
  const chart = document.getElementById('chart');
  if (!entries.length) {
    chart.replaceChildren(el('p', { class: 'muted' }, t('kpis.none')));
    return;
  }
  const group = 56; const height = 160; const top = 12; const width = Math.max(320, entries.length * group + 40);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height + 40}`, role: 'img', 'aria-label': t('kpis.chart'), class: 'chart' });
  for (const level of [0, 0.5, 1]) {
    const y = top + height * (1 - level);
    root.append(svg('line', { x1: 30, x2: width, y1: y, y2: y, class: 'grid' }), svg('text', { x: 0, y: y + 4, class: 'axis' }, `${level * 100}%`));
  }
  entries.forEach(([day, rows], i) => {
    const sum = totals(rows);
    const x = 40 + i * group;
    [['ready', sum.readyOnTime], ['delivered', sum.deliveredOnTime]].forEach(([kind, rate], k) => {
      const h = rate === null ? 0 : Math.max(1, height * rate);
      const bar = svg('rect', { x: x + k * 20, y: top + height - h, width: 18, height: h, class: `bar ${kind}`, 'data-day': day, 'data-kind': kind, 'data-rate': rate === null ? '' : String(rate) },
        svg('title', {}, `${day} ${t(kind === 'ready' ? 'kpis.readyOnTime' : 'kpis.deliveredOnTime')}: ${percent(rate)}`));
      root.append(bar);
    });
    root.append(svg('text', { x, y: top + height + 16, class: 'axis' }, day.slice(5)));
  });
  const legend = el('p', { class: 'legend' }, el('span', { class: 'key ready' }), t('kpis.readyOnTime'), ' ',
    el('span', { class: 'key delivered' }), t('kpis.deliveredOnTime'));
  chart.replaceChildren(root, legend);
}

function seconds(d) {
  return d && d.count ? duration(d.avgSeconds) : '–';
}

function renderDays(days) {
  const head = ['kpis.location', 'kpis.day', 'kpis.fulfillments', 'kpis.accuracy', 'kpis.pickTime', 'kpis.timeToReady',
    'kpis.readyOnTime', 'kpis.deliveredOnTime', 'kpis.pickupRate'];
  document.getElementById('days').replaceChildren(
    el('thead', {}, el('tr', {}, head.map((key) => el('th', { scope: 'col' }, t(key))))),
    el('tbody', {}, days.map((d) => el('tr', { 'data-location': d.locationId, 'data-day': d.day },
      el('td', {}, d.locationId), el('td', {}, d.day), el('td', {}, String(d.fulfillments)), el('td', {}, percent(d.accuracy)),
      el('td', {}, seconds(d.pickTime)), el('td', {}, seconds(d.timeToReady)),
      el('td', { class: 'ready' }, `${percent(d.readyOnTime.rate)} (${d.readyOnTime.onTime}/${d.readyOnTime.promised})`),
      el('td', { class: 'delivered' }, `${percent(d.deliveredOnTime.rate)} (${d.deliveredOnTime.onTime}/${d.deliveredOnTime.promised})`),
      el('td', {}, percent(d.pickupRate))))));
}

async function load() {
  const form = document.getElementById('window');
  const query = new URLSearchParams();
  for (const name of ['from', 'to']) if (form[name].value) query.set(name, form[name].value);
  if (form.location.value) query.set('locationId', form.location.value.trim());
  const report = await api(`/v1/kpis?${query}`, token);
  form.from.value = report.from;
  form.to.value = report.to;
  document.getElementById('where').textContent = report.locationId || t('kpis.all');
  renderTiles(totals(report.days));
  renderChart(report.days);
  renderDays(report.days);
  document.body.dataset.loaded = `${report.from}..${report.to}`;
}

function start() {
  translate();
  if (!token) {
    showProblem(new Problem(400, { detail: t('missing.params', { what: 'token=…' }) }));
    return;
  }
  const form = document.getElementById('window');
  form.from.value = params.from || '';
  form.to.value = params.to || '';
  form.location.value = params.location || '';
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load().then(() => showProblem(null), showProblem);
  });
  load().then(() => showProblem(null), showProblem);
}

start();
