// The kiosk and locker screen: a pickup-point token in the URL fragment; the customer types or
// scans a code, the screen says which door opened; wrong codes lock out with a countdown.
import { api, el, follow, fragment } from '/app/common/api.js';
import { t, translate } from '/app/common/i18n.js';

const { location: locationId, token, idle } = fragment();
const IDLE_MS = (Number(idle) || 45) * 1000;
const DONE_MS = 12000;

const input = document.getElementById('code');
const message = document.getElementById('message');
let idleTimer = null;
let lockTimer = null;

function say(kind, text) {
  message.replaceChildren(text ? el('div', { class: `notice ${kind}` }, text) : '');
}

function home() {
  document.getElementById('done').hidden = true;
  document.getElementById('home').hidden = false;
  input.value = '';
  if (!lockTimer) say('', '');
  input.focus();
}

function touched() {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(home, IDLE_MS);
}

function lockout(seconds) {
  let left = Math.max(1, Math.round(seconds));
  const submit = document.getElementById('open');
  input.disabled = true;
  submit.disabled = true;
  clearInterval(lockTimer);
  const tick = () => {
    if (left <= 0) {
      clearInterval(lockTimer);
      lockTimer = null;
      input.disabled = false;
      submit.disabled = false;
      say('', '');
      input.focus();
      return;
    }
    say('bad', t('kiosk.locked', { s: left }));
    left -= 1;
  };
  tick();
  lockTimer = setInterval(tick, 1000);
}

async function verify(event) {
  event.preventDefault();
  touched();
  const code = input.value.replace(/\s+/g, '').toUpperCase();
  if (!code) return;
  say('', '');
  try {
    const done = await api(`/v1/locations/${encodeURIComponent(locationId)}/pickups/verify`, token, { method: 'POST', body: { code } });
    document.getElementById('done-title').textContent = done.compartment ? t('kiosk.compartment', { c: done.compartment }) : t('kiosk.counter');
    document.getElementById('done-thanks').textContent = done.compartment ? t('kiosk.thanks') : t('kiosk.thanksCounter');
    document.getElementById('home').hidden = true;
    document.getElementById('done').hidden = false;
    document.getElementById('back').focus();
    clearTimeout(idleTimer);
    idleTimer = setTimeout(home, DONE_MS);
  } catch (e) {
    input.select();
    if (e.status === 429) lockout(e.retryAfter ?? 60);
    else if (e.type === 'pickup-code-used') say('bad', t('kiosk.used'));
    else if (e.status === 422 || e.status === 400) say('bad', t('kiosk.wrong'));
    else say('bad', t('kiosk.error'));
  }
  countWaiting();
}

async function countWaiting() {
  try {
    const { parcels } = await api(`/v1/locations/${encodeURIComponent(locationId)}/pickups/waiting`, token);
    document.getElementById('waiting').textContent = parcels === 1 ? t('kiosk.waiting1') : t('kiosk.waiting', { n: parcels });
  } catch {
    /* the count is a courtesy; the screen works without it */
  }
}

function start() {
  translate();
  if (!locationId || !token) {
    say('bad', t('missing.params', { what: 'location=…&token=…' }));
    return;
  }
  document.getElementById('where').textContent = locationId;
  document.getElementById('code-form').addEventListener('submit', verify);
  document.getElementById('code-form').addEventListener('reset', () => { say('', ''); touched(); });
  document.getElementById('back').addEventListener('click', home);
  for (const type of ['input', 'pointerdown', 'keydown']) document.addEventListener(type, touched);
  const conn = document.getElementById('conn');
  follow(`/v1/locations/${encodeURIComponent(locationId)}/events`, token,
    ['pickup.ready', 'pickup.collected', 'pickup.expired', 'pickup.cancelled'], countWaiting,
    (s) => { conn.dataset.state = s; conn.textContent = t(`conn.${s}`); if (s === 'live') countWaiting(); });
  countWaiting();
  home();
  api(`/v1/locations/${encodeURIComponent(locationId)}`, token)
    .then((l) => (document.getElementById('where').textContent = l.name))
    .catch(() => {});
}

start();
