// The checkout demo: what a retailer's checkout page would show for a cart, from one
// POST /v1/availability with a checkout token in the URL fragment.
import { api, el, fragment } from '/app/common/api.js';
import { t, translate, clock } from '/app/common/i18n.js';

const { token, near, lines: cart } = fragment();

function lines(text) {
  return text.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const [sku, qty] = part.split(/\s*x\s*/i);
    return { sku: sku.trim(), qty: Number(qty) || 1 };
  });
}

function option(o) {
  const left = el('div', {}, el('strong', {}, o.locationId), ' ', el('span', { class: `badge ${o.method}` }, t(`method.${o.method}`)),
    el('div', { class: 'muted' }, [o.distanceKm !== undefined ? t('checkout.km', { d: o.distanceKm.toFixed(1) }) : null,
      o.carrier ? `${o.carrier} ${o.service}` : null, o.source === 'NEAR_TIME' ? 'near-time' : null].filter(Boolean).join(' · ')));
  const when = o.readyAt ? t('checkout.readyAt', { t: clock(o.readyAt, true) }) : o.promisedBy ? t('checkout.promised', { t: o.promisedBy }) : '';
  const right = el('div', {}, o.price ? el('div', { class: 'price' }, `${Number(o.price.amount ?? o.price).toFixed(2)} ${o.price.currency ?? ''}`) : null, el('div', {}, when));
  return el('div', { class: 'option', 'data-method': o.method }, left, right);
}

async function search(event) {
  event.preventDefault();
  const form = event.target;
  const [lat, lon] = form.near.value.split(',').map(Number);
  try {
    const answer = await api('/v1/availability', token, {
      method: 'POST',
      body: { lines: lines(form.lines.value), destination: { lat, lon }, methods: ['PICKUP', 'CURBSIDE', 'LOCKER', 'SHIP', 'SAME_DAY'], maxLocations: 3 },
    });
    const groups = { pickup: ['PICKUP', 'CURBSIDE'], locker: ['LOCKER'], ship: ['SHIP', 'SAME_DAY'] };
    for (const [id, methods] of Object.entries(groups)) {
      const found = answer.options.filter((o) => methods.includes(o.method));
      document.getElementById(id).replaceChildren(...(found.length ? found.map(option) : [el('p', { class: 'muted' }, t('checkout.none'))]));
    }
    document.getElementById('warnings').replaceChildren(answer.degraded ? el('div', { class: 'notice warn' }, t('checkout.degraded', { w: answer.warnings.join('; ') })) : '');
    document.getElementById('problem').replaceChildren();
  } catch (e) {
    document.getElementById('problem').replaceChildren(el('div', { class: 'notice bad' }, e.message));
  }
}

translate();
if (!token) {
  document.getElementById('problem').replaceChildren(el('div', { class: 'notice bad' }, t('missing.params', { what: 'token=…' })));
} else {
  const form = document.getElementById('cart');
  if (near) form.near.value = near;
  if (cart) form.lines.value = cart;
  form.addEventListener('submit', search);
  document.getElementById('cart').requestSubmit();
}
