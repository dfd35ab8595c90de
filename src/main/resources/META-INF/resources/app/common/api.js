// The pages' one way to call omnigate: tokens from the URL fragment, problem+json as errors,
// and live streams that resume from the last event they saw.

/** The page's parameters, read from the URL fragment (#location=...&token=...), never sent to the server. */
export function fragment() {
  return Object.fromEntries(new URLSearchParams(location.hash.replace(/^#/, '')));
}

/** A refused call: the RFC 9457 problem the API answered. */
export class Problem extends Error {
  constructor(status, body, retryAfter) {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
    this.status = status;
    this.type = body && body.type ? body.type.replace(/^.*\/problems\//, '') : undefined;
    this.body = body || {};
    this.retryAfter = retryAfter;
  }
}

/** Calls the API with the page's bearer token; resolves to the JSON answer, rejects with a Problem. */
export async function api(path, token, { method = 'GET', body } = {}) {
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new Problem(0, { title: 'offline', detail: e.message });
  }
  const text = await response.text();
  const json = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const retry = Number(response.headers.get('Retry-After'));
    throw new Problem(response.status, json, Number.isFinite(retry) && retry > 0 ? retry : undefined);
  }
  return json;
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text };
  }
}

/**
 * Follows an SSE stream. The browser's EventSource resumes by itself with Last-Event-ID; when it
 * gives up (the server was down and answered an error), a new one opens with ?lastEventId= of the
 * last event seen, so a restart of the server loses nothing. Events already seen are skipped.
 */
export function follow(path, token, types, onEvent, onState = () => {}) {
  let last = null;
  let source = null;
  let delay = 1000;
  let stopped = false;
  const deliver = (e) => {
    const seq = Number(e.lastEventId);
    if (e.lastEventId && last !== null && seq <= last) return;
    if (e.lastEventId) last = seq;
    let data = {};
    try {
      data = JSON.parse(e.data);
    } catch {
      /* a comment-like frame: nothing to show */
    }
    onEvent(e.type, data);
  };
  const open = () => {
    const query = new URLSearchParams({ access_token: token });
    if (last !== null) query.set('lastEventId', String(last));
    source = new EventSource(`${path}?${query}`);
    source.onopen = () => {
      delay = 1000;
      onState('live');
    };
    source.onerror = () => {
      onState('reconnecting');
      if (source.readyState === EventSource.CLOSED && !stopped) {
        setTimeout(() => !stopped && open(), delay);
        delay = Math.min(delay * 2, 10000);
      }
    };
    for (const type of [...types, 'stream.reset']) source.addEventListener(type, deliver);
  };
  open();
  return {
    close() {
      stopped = true;
      if (source) source.close();
    },
  };
}

/** "3 min", "1 h 20 min": a duration in seconds as a person reads it. */
export function duration(seconds) {
  const s = Math.max(0, Math.round(Math.abs(seconds)));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** Creates an element with attributes and children; strings become text, never HTML. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
