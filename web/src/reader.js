// /documents/{id}?start=&end=: the stored text with every mention
// highlighted by kind, the quoted span marked and scrolled into view, and the
// document's entities, events and obligations beside it.
import './app.css';
import { gql, esc, KINDS, kindName, byteIndex, exploreLink, nav, safeHref } from './common.js';

const Q_DOC = `query Doc($id: ID!) {
  node(id: $id) { id ... on Document { title source publisher published about language format text
    mentions(first: 2000) { start end entity { id kind name } } } }
  events(filter: { document: { eq: $id } }, first: 100, orderBy: [{ field: DATE }]) {
    totalCount nodes { id type date summary } }
}`;

const docId = decodeURIComponent(location.pathname.replace(/^\/documents\//, '').replace(/\/$/, ''));
const params = new URLSearchParams(location.search);
const qStart = params.has('start') ? Number(params.get('start')) : null;
const qEnd = params.has('end') ? Number(params.get('end')) : null;

document.body.innerHTML = `${nav('Reader')}
<main class="reader">
  <article aria-labelledby="doc-title" id="doc">
    <h1 id="doc-title">Loading…</h1>
  </article>
  <aside aria-label="What the document names">
    <div id="side"></div>
  </aside>
</main>`;

const $ = (s) => document.querySelector(s);

const SENTENCE_KINDS = ['Event', 'Obligation'];

function kindColor(kind) { return (KINDS[kindName(kind)] || {}).color || '#999'; }

// renderText splits text into runs at every mention and quote boundary. Names
// (actors, places, instruments, ...) and sentence-long mentions (events,
// obligations) are two layers, so a name inside an event's sentence keeps
// its highlight; within a layer the longest span starting earliest wins.
function renderText(text, mentions, quote) {
  const at = byteIndex(text);
  const layer = (sentences) => {
    const spans = [];
    for (const m of mentions) {
      if (SENTENCE_KINDS.includes(kindName(m.entity.kind)) !== sentences) continue;
      const s = at(m.start), e = at(m.end);
      if (e > s) spans.push({ s, e, m });
    }
    spans.sort((a, b) => a.s - b.s || b.e - a.e);
    const kept = [];
    let lastEnd = -1;
    for (const sp of spans) if (sp.s >= lastEnd) { kept.push(sp); lastEnd = sp.e; }
    return kept;
  };
  const names = layer(false), sentences = layer(true);
  let q = null;
  if (quote) {
    const s = at(quote[0]), e = at(quote[1]);
    if (e > s) q = { s, e };
  }
  const cuts = new Set([0, text.length]);
  for (const sp of [...names, ...sentences]) { cuts.add(sp.s); cuts.add(sp.e); }
  if (q) { cuts.add(q.s); cuts.add(q.e); }
  const points = [...cuts].sort((a, b) => a - b);
  const cursor = (kept) => {
    let k = 0;
    return (a, b) => {
      while (k < kept.length && kept[k].e <= a) k++;
      return k < kept.length && kept[k].s <= a && kept[k].e >= b ? kept[k] : null;
    };
  };
  const nameAt = cursor(names), sentenceAt = cursor(sentences);
  const wrap = (html, sp, extra) => {
    const m = sp.m;
    return `<span class="m${extra}" style="--kc:${kindColor(m.entity.kind)}" data-entity="${esc(m.entity.id)}" data-kind="${esc(kindName(m.entity.kind))}" title="${esc(kindName(m.entity.kind))}: ${esc(m.entity.name)}">${html}</span>`;
  };
  let firstQuote = true;
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    let html = esc(text.slice(a, b));
    const n = nameAt(a, b), st = sentenceAt(a, b);
    if (n) html = wrap(html, n, '');
    if (st) html = wrap(html, st, ' sentence');
    if (q && a >= q.s && b <= q.e) {
      html = `<mark class="q"${firstQuote ? ' id="quote" tabindex="-1"' : ''} data-start="${quote[0]}" data-end="${quote[1]}">${html}</mark>`;
      firstQuote = false;
    }
    out.push(html);
  }
  return out.join('');
}

function entityList(title, items, render) {
  if (!items.length) return '';
  return `<h2>${esc(title)} <span class="muted">(${items.length})</span></h2><ul class="entity-list">${items.map(render).join('')}</ul>`;
}

async function main() {
  if (!docId) { $('#doc').innerHTML = '<p class="error">No document id in the address.</p>'; return; }
  let r;
  try {
    r = await gql(Q_DOC, { id: docId });
  } catch (e) {
    $('#doc').innerHTML = `<h1>Document</h1><p class="error">${esc(e.message)}</p>`;
    return;
  }
  const d = r.data?.node;
  if (!d || d.text == null) {
    $('#doc').innerHTML = `<h1>Document not found</h1><p class="error">There is no document with id ${esc(docId)}.</p><p><a href="/explore">Back to the explorer</a></p>`;
    return;
  }
  document.title = `${d.title || 'Document'} · rightsgraph`;
  const quote = qStart != null && qEnd != null && qEnd > qStart ? [qStart, qEnd] : null;
  const meta = [d.publisher, d.published, d.language].filter(Boolean).map(esc).join(' · ');
  const kinds = [...new Set(d.mentions.map((m) => kindName(m.entity.kind)))].sort();
  $('#doc').innerHTML = `<h1 id="doc-title">${esc(d.title || d.source)}</h1>
    <p class="muted">${meta}${meta ? ' · ' : ''}${safeHref(d.source) ? `<a href="${esc(d.source)}" rel="noreferrer">${esc(d.source)}</a>` : esc(d.source)} · <a href="${exploreLink(d.id)}">Open in the explorer</a></p>
    <fieldset class="legend-inline" id="hl-kinds"><legend>Highlight</legend>${kinds.map((k) => `<label><input type="checkbox" data-kind="${esc(k)}" ${SENTENCE_KINDS.includes(k) ? '' : 'checked'}><span class="swatch" style="background:${kindColor(k)}"></span>${esc(k)}</label>`).join(' ')}${quote ? ' <span><mark class="q">quoted span</mark></span>' : ''}</fieldset>
    ${quote ? `<p><a href="#quote" id="to-quote">Go to the quoted span</a></p>` : ''}
    <div class="doc-text" id="text" aria-label="Document text">${renderText(d.text, d.mentions, quote)}</div>`;

  // Beside the text: entities by kind (from the mentions), events, obligations.
  const byEntity = new Map();
  for (const m of d.mentions) {
    const e = byEntity.get(m.entity.id) || { ...m.entity, count: 0 };
    e.count++;
    byEntity.set(m.entity.id, e);
  }
  const ents = [...byEntity.values()];
  const actorKinds = ['STATE', 'INSTITUTION', 'ORGANIZATION', 'PERSON', 'GROUP'];
  const entItem = (e) => `<li><span class="swatch" style="background:${kindColor(e.kind)}"></span><a href="${exploreLink(e.id)}" data-entity="${esc(e.id)}">${esc(e.name)}</a> <span class="muted">×${e.count}</span></li>`;
  const sortByName = (a, b) => a.name.localeCompare(b.name);
  const events = r.data.events?.nodes || [];
  $('#side').innerHTML = [
    entityList('Actors', ents.filter((e) => actorKinds.includes(e.kind)).sort(sortByName), entItem),
    entityList('Events', events, (e) => `<li><a href="${exploreLink(e.id)}">${esc(e.type)}${e.date ? ` · ${esc(e.date)}` : ''}</a><br><span class="muted">${esc((e.summary || '').slice(0, 140))}</span></li>`),
    entityList('Obligations', ents.filter((e) => e.kind === 'OBLIGATION').sort(sortByName), entItem),
    entityList('Instruments, provisions and rights', ents.filter((e) => ['INSTRUMENT', 'PROVISION', 'RIGHT'].includes(e.kind)).sort(sortByName), entItem),
    entityList('Places', ents.filter((e) => e.kind === 'PLACE').sort(sortByName), entItem),
  ].join('') || '<p class="muted">The extraction found nothing in this document.</p>';

  // Hovering an entity in the list lights up its mentions in the text.
  document.querySelectorAll('#side a[data-entity]').forEach((a) => {
    const id = a.dataset.entity;
    const on = (v) => document.querySelectorAll(`#text .m[data-entity="${CSS.escape(id)}"]`).forEach((s) => s.classList.toggle('hl', v));
    a.addEventListener('mouseenter', () => on(true));
    a.addEventListener('mouseleave', () => on(false));
    a.addEventListener('focus', () => on(true));
    a.addEventListener('blur', () => on(false));
  });
  document.querySelectorAll('#text .m').forEach((s) => s.addEventListener('click', (ev) => {
    if (s.classList.contains('off')) return;
    ev.stopPropagation();
    location.href = exploreLink(s.dataset.entity);
  }));
  // Events and obligations span whole sentences: they are listed beside the
  // text and highlighted only on request.
  const applyKinds = () => {
    const off = new Set([...document.querySelectorAll('#hl-kinds input')].filter((i) => !i.checked).map((i) => i.dataset.kind));
    document.querySelectorAll('#text .m').forEach((m) => m.classList.toggle('off', off.has(m.dataset.kind)));
  };
  document.querySelectorAll('#hl-kinds input').forEach((i) => i.addEventListener('change', applyKinds));
  applyKinds();

  const qEl = document.getElementById('quote');
  if (qEl) {
    qEl.scrollIntoView({ block: 'center' });
    qEl.focus({ preventScroll: true });
  }
  document.body.dataset.ready = 'true';
}

main();
