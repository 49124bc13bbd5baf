// Newsroute search page. Plain JS, no build step.
// Safety rule: article data is only ever put into the page as text (textContent / createTextNode).
// Highlighted fields arrive HTML-escaped with <em> markers; they are split on the markers and the
// escaped pieces are decoded into text nodes, never assigned to innerHTML.
'use strict';

const FACETS = [
  ['labels', 'label', 'Labels'],
  ['languages', 'language', 'Languages'],
  ['provider', 'provider', 'Cloud provider'],
  ['victim', 'victim', 'Breach victim'],
  ['company', 'company', 'Company'],
  ['ticker', 'ticker', 'Ticker'],
];
const POLL_MS = 2000;

const state = { q: '', sort: '', from: '', to: '', page: 1, size: 20, filters: {} };
FACETS.forEach(([, param]) => { state.filters[param] = new Set(); });
const seenIds = new Set();
const freshIds = new Set();
let cursor = null;

const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

// Decodes the entities OpenSearch's HTML encoder produces (and numeric ones) into plain text.
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (m, e) => {
    switch (e) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
      default:
        return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

// Appends escaped-highlight text to parent: text between <em> and </em> becomes an <em> element.
function appendHighlighted(parent, escaped) {
  const parts = String(escaped || '').split(/(<em>|<\/em>)/);
  let inside = false;
  for (const part of parts) {
    if (part === '<em>') { inside = true; continue; }
    if (part === '</em>') { inside = false; continue; }
    if (!part) continue;
    const text = document.createTextNode(decodeEntities(part));
    if (inside) {
      const em = document.createElement('em');
      em.appendChild(text);
      parent.appendChild(em);
    } else {
      parent.appendChild(text);
    }
  }
}

function safeUrl(url) {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : null;
  } catch (e) {
    return null;
  }
}

function params() {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  if (state.sort) p.set('sort', state.sort);
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  for (const [param, values] of Object.entries(state.filters)) {
    for (const v of values) p.append(param, v);
  }
  p.set('page', String(state.page));
  p.set('size', String(state.size));
  return p;
}

async function search() {
  const status = $('status');
  status.className = '';
  status.textContent = 'Searching…';
  let response;
  try {
    response = await fetch('/api/search?' + params().toString(), { headers: { Accept: 'application/json' } });
  } catch (e) {
    status.className = 'error';
    status.textContent = 'The server is not reachable.';
    return;
  }
  const body = await response.json();
  if (!response.ok) {
    status.className = 'error';
    status.textContent = body.error || ('Search failed (' + response.status + ')');
    return;
  }
  render(body);
}

function render(body) {
  const total = body.total;
  $('status').textContent = total === 1 ? '1 article' : total + ' articles';
  renderFacets(body.facets || {});
  const list = $('results');
  list.replaceChildren();
  for (const hit of body.hits) {
    seenIds.add(hit.id);
    list.appendChild(renderHit(hit));
  }
  $('page-info').textContent = body.pages > 0 ? 'page ' + body.page + ' of ' + body.pages : '';
  $('prev').disabled = body.page <= 1;
  $('next').disabled = body.page >= body.pages;
}

function renderHit(hit) {
  const li = el('li', freshIds.has(hit.id) ? 'hit new' : 'hit');
  li.dataset.id = hit.id;
  const href = safeUrl(hit.url);
  const title = el(href ? 'a' : 'span', 'title');
  if (href) {
    title.href = href;
    title.rel = 'noopener noreferrer';
    title.target = '_blank';
  }
  if (hit.title) {
    appendHighlighted(title, hit.titleHtml || hit.title);
  } else {
    // no headline (plain-text input): the start of the snippet, as text
    const start = decodeEntities(String(hit.snippetHtml || '').replace(/<\/?em>/g, ''));
    title.textContent = start.length > 90 ? start.slice(0, 90).replace(/\s+\S*$/, '') + ' …' : (start || '(no headline)');
  }
  li.appendChild(title);

  const meta = el('div', 'meta');
  meta.appendChild(el('span', 'source', hit.source));
  if (hit.date) meta.appendChild(el('time', 'date', hit.date.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')));
  meta.appendChild(el('span', 'language', (hit.language || '?').toUpperCase()));
  li.appendChild(meta);

  const chips = el('div', 'chips');
  for (const label of hit.labels) {
    const chip = el('span', 'chip ' + label.name.replace(/[^a-z-]/g, ''), label.name + ' ' + Number(label.score).toFixed(2));
    chips.appendChild(chip);
  }
  if (hit.labels.length) li.appendChild(chips);

  const snippet = el('p', 'snippet');
  appendHighlighted(snippet, hit.snippetHtml);
  li.appendChild(snippet);

  const facts = renderFacts(hit.facts || {});
  if (facts) li.appendChild(facts);
  if (hit.entities && hit.entities.length) {
    li.appendChild(el('div', 'entities meta', 'entities: ' + hit.entities.slice(0, 12).join(', ')));
  }
  return li;
}

const FACT_NAMES = {
  provider: 'provider', regions: 'regions', services: 'services', affectedCustomers: 'affected', cause: 'cause',
  start: 'start', end: 'end', durationMinutes: 'duration (min)', victim: 'victim', attackType: 'attack type',
  recordsAffected: 'records affected', dataTypes: 'data types', attacker: 'attacker', company: 'company',
  ticker: 'ticker', exchange: 'exchange', price: 'price', currency: 'currency', changePercent: 'change %',
  direction: 'direction', analystRating: 'rating', priceTarget: 'price target',
};

function renderFacts(facts) {
  const dl = el('dl', 'facts');
  let any = false;
  for (const [kind, values] of Object.entries(facts)) {
    if (!values || typeof values !== 'object') continue;
    for (const [key, value] of Object.entries(values)) {
      if (value === null || value === undefined || value === '') continue;
      any = true;
      dl.appendChild(el('dt', null, kind + ' ' + (FACT_NAMES[key] || key)));
      dl.appendChild(el('dd', null, Array.isArray(value) ? value.join(', ') : value));
    }
  }
  return any ? dl : null;
}

function renderFacets(facets) {
  const aside = $('facets');
  aside.replaceChildren();
  for (const [name, param, heading] of FACETS) {
    const section = el('section');
    section.dataset.facet = name;
    section.appendChild(el('h2', null, heading));
    const selected = state.filters[param];
    const buckets = (facets[name] || []).slice();
    for (const value of selected) {
      if (!buckets.some((b) => b.value === value)) buckets.push({ value, count: 0 });
    }
    if (!buckets.length) section.appendChild(el('div', 'empty', 'none'));
    for (const bucket of buckets) {
      const label = el('label');
      const box = el('input');
      box.type = 'checkbox';
      box.checked = selected.has(bucket.value);
      box.dataset.param = param;
      box.dataset.value = bucket.value;
      box.addEventListener('change', () => {
        if (box.checked) selected.add(bucket.value); else selected.delete(bucket.value);
        state.page = 1;
        search();
      });
      label.appendChild(box);
      label.appendChild(el('span', 'value', bucket.value));
      label.appendChild(el('span', 'count', bucket.count));
      section.appendChild(label);
    }
    aside.appendChild(section);
  }
}

async function poll() {
  try {
    const url = '/api/updates' + (cursor ? '?since=' + encodeURIComponent(cursor) : '');
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (response.ok) {
      const body = await response.json();
      cursor = body.next;
      const fresh = body.articles.filter((a) => !seenIds.has(a.id) && !freshIds.has(a.id));
      if (fresh.length) {
        fresh.forEach((a) => freshIds.add(a.id));
        const live = $('live');
        live.hidden = false;
        live.textContent = freshIds.size + ' new article' + (freshIds.size === 1 ? '' : 's') + ' since the page opened';
        await search();
      }
    }
  } catch (e) {
    // the next poll tries again
  }
  setTimeout(poll, POLL_MS);
}

function readForm() {
  state.q = $('q').value.trim();
  state.sort = $('sort').value;
  state.from = $('from').value;
  state.to = $('to').value;
  state.page = 1;
}

document.addEventListener('DOMContentLoaded', () => {
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    readForm();
    search();
  });
  $('prev').addEventListener('click', () => { state.page = Math.max(1, state.page - 1); search(); });
  $('next').addEventListener('click', () => { state.page += 1; search(); });
  search().then(poll);
});
