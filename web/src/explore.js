// /explore: search, expand, paths, filters, evidence, timeline, deep links
// and downloads, on Cytoscape.js with the fCoSE force layout.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import './app.css';
import { gql, esc, KINDS, kindName, EDGE_TYPES, edgeStyle, evidenceHTML, readerLink, nav, download } from './common.js';

cytoscape.use(fcose);

const NODE = 'id kind label properties { key value }';
const EDGE = 'id type source target weight confidence properties { key value } evidence { quote start end document { id title publisher published } }';
const Q_SEARCH = `query Search($text: String!, $kinds: [EntityKind!]) {
  search(text: $text, kinds: $kinds, first: 12) { edges { score node { id kind name } } } }`;
const Q_EXPAND = `query Expand($id: ID!, $limit: Int) {
  neighborhood(id: $id, limitPerNode: $limit) { truncated nodes { ${NODE} } edges { ${EDGE} } } }`;
const Q_PATHS = `query Paths($from: ID!, $to: ID!) {
  paths(from: $from, to: $to, maxHops: 4, first: 5) { length nodes { ${NODE} } edges { ${EDGE} } } }`;
const Q_NODES = `query Nodes($ids: [ID!]!) {
  nodes(ids: $ids) { id
    ... on Entity { name kind }
    ... on Event { date type }
    ... on Document { title publisher published } } }`;
const Q_MENTIONS = `query Mentions($id: ID!) {
  node(id: $id) { id ... on Entity { mentions(first: 25) { quote start end document { id title publisher published } } } } }`;

const ENTITY_KINDS = ['STATE', 'INSTITUTION', 'ORGANIZATION', 'PERSON', 'GROUP', 'PLACE', 'INSTRUMENT', 'PROVISION', 'RIGHT', 'OBLIGATION', 'EVENT'];

// ---- page skeleton ----------------------------------------------------------

document.body.innerHTML = `${nav('Explorer')}
<main class="explore">
  <form class="searchbar" role="search" id="search-form" aria-label="Search the graph">
    <label for="q">Search</label>
    <input id="q" type="search" autocomplete="off" placeholder="a name: Fedasil, Belgium, Court of Appeal…" aria-describedby="q-help" aria-controls="results">
    <label for="q-kind" class="sr-only">Kind</label>
    <select id="q-kind" aria-label="Kind of entity to search for"><option value="">any kind</option>${ENTITY_KINDS.map((k) => `<option value="${k}">${kindName(k)}</option>`).join('')}</select>
    <button class="primary" type="submit">Search</button>
    <span id="q-help" class="sr-only">Type a name and press Enter; pick a result to add it to the graph.</span>
    <div class="tools" role="toolbar" aria-label="View tools">
      <label title="Clicking a node also loads its neighbourhood"><input type="checkbox" id="click-expands" checked> Click expands</label>
      <button type="button" id="fit">Fit</button>
      <button type="button" id="relayout">Re-layout</button>
      <button type="button" id="clear">Clear</button>
      <button type="button" id="png">PNG</button>
      <button type="button" id="svg">SVG</button>
      <a id="graphml" href="#" download>GraphML</a>
      <a id="gexf" href="#" download>GEXF</a>
      <button type="button" id="copylink">Copy link</button>
    </div>
  </form>
  <ul id="results" class="results" role="listbox" aria-label="Search results" hidden></ul>
  <section class="side" aria-label="Filters and legend">
    <fieldset class="checks" id="f-kinds"><legend>Node kinds</legend></fieldset>
    <fieldset class="checks" id="f-types"><legend>Edge types</legend><p class="muted" id="no-types">Edge types appear here as the view grows.</p></fieldset>
    <fieldset><legend>Events by date</legend>
      <label>From <input id="f-from" type="text" inputmode="numeric" placeholder="2023 or 2023-05" size="10" aria-label="Events from date"></label>
      <label>To <input id="f-to" type="text" inputmode="numeric" placeholder="2024" size="10" aria-label="Events to date"></label>
    </fieldset>
    <fieldset class="checks"><legend>Violation stance</legend>
      <label><input type="checkbox" id="f-found" checked> FOUND (rulings)</label>
      <label><input type="checkbox" id="f-alleged" checked> ALLEGED (reports)</label>
    </fieldset>
    <fieldset><legend>Minimum confidence</legend>
      <label for="f-conf"><span id="f-conf-val">0.00</span></label>
      <input id="f-conf" type="range" min="0" max="1" step="0.05" value="0" aria-describedby="f-conf-val" style="width:100%">
    </fieldset>
    <fieldset><legend>Nodes in view</legend>
      <ul id="node-list" class="node-list" role="listbox" tabindex="0" aria-label="Nodes in view: arrow keys to move, Enter to expand, F and T to pick path ends"></ul>
    </fieldset>
  </section>
  <section id="canvas" aria-label="Graph">
    <div id="cy" tabindex="0" role="application" aria-label="Graph canvas: arrow keys select nodes, Enter expands, F/T pick path ends, Delete removes"></div>
    <div class="status" id="status" role="status" aria-live="polite"></div>
    <div class="canvas-hint">Click a node to see its evidence and expand it · click an edge for its quotes · shift-click two nodes for paths</div>
  </section>
  <section class="panel" id="panel" aria-label="Evidence and details" aria-live="polite">
    <h2>Start here</h2>
    <p>Search for an actor — a state, a court, an agency — and pick it from the results. Click it to see who says what about it, expand it to see its neighbours, pick two nodes to see how they are connected.</p>
  </section>
  <section class="timeline" id="timeline" aria-label="Timeline of the events in view"></section>
</main>`;

const $ = (s) => document.querySelector(s);
const statusEl = $('#status');
const setStatus = (s) => { statusEl.textContent = s; };

// ---- state --------------------------------------------------------------------

const state = {
  added: [], // ids added from search or links, in order
  expanded: [], // ids expanded, in order
  wide: new Set(), // ids expanded with up to 100 edges
  paths: [], // [from, to] pairs
  pathFrom: null,
  selected: null,
  hiddenKinds: new Set(),
  hiddenTypes: new Set(),
  from: '', to: '',
  found: true, alleged: true,
  minConf: 0,
};

const props = (list) => Object.fromEntries((list || []).map((p) => [p.key, p.value]));

const cy = cytoscape({
  container: $('#cy'),
  wheelSensitivity: 0.3,
  minZoom: 0.05,
  maxZoom: 4,
  style: [
    { selector: 'node', style: {
      'background-color': (n) => (KINDS[n.data('kind')] || {}).color || '#999',
      shape: (n) => (KINDS[n.data('kind')] || {}).shape || 'ellipse',
      label: 'data(short)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3,
      'text-wrap': 'ellipsis', 'text-max-width': 130, width: 26, height: 26,
      'text-background-color': '#fbfcfd', 'text-background-opacity': 0.8, 'text-background-padding': 1,
      'border-width': 1, 'border-color': '#fff',
    } },
    { selector: 'node[?seed]', style: { width: 34, height: 34, 'border-width': 3, 'border-color': '#1d2b3a' } },
    { selector: 'edge', style: {
      width: (e) => 1 + Math.min(4, e.data('weight') || 1) * 0.6,
      'line-color': (e) => edgeStyle(e.data('type')).color,
      'line-style': (e) => edgeStyle(e.data('type')).style,
      'target-arrow-shape': 'triangle', 'target-arrow-color': (e) => edgeStyle(e.data('type')).color,
      'curve-style': 'bezier', 'arrow-scale': 0.8, opacity: 0.85,
    } },
    { selector: 'edge.labelled', style: { label: 'data(type)', 'font-size': 8, 'text-rotation': 'autorotate', color: '#333' } },
    { selector: ':selected', style: { 'overlay-color': '#f0a500', 'overlay-opacity': 0.35, 'overlay-padding': 6 } },
    { selector: 'edge.path', style: { 'line-color': '#f0a500', 'target-arrow-color': '#f0a500', width: 5, opacity: 1, 'z-index': 10 } },
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#f0a500' } },
    { selector: '.path-from', style: { 'border-width': 4, 'border-color': '#2ecc71' } },
    { selector: '.hidden', style: { display: 'none' } },
  ],
});
window.rgCy = cy; // for the browser tests and the console

function shortLabel(s) {
  s = String(s || '');
  return s.length > 48 ? `${s.slice(0, 46)}…` : s;
}

function addNode(n, extra = {}) {
  const p = props(n.properties);
  let el = cy.getElementById(n.id);
  if (el.nonempty()) {
    if (extra.seed) el.data('seed', true);
    return el;
  }
  el = cy.add({ group: 'nodes', data: { id: n.id, kind: n.kind, label: n.label, short: shortLabel(n.label), date: p.date || '', type: p.type || '', props: p, seed: !!extra.seed } });
  return el;
}

function addEdge(e) {
  if (cy.getElementById(e.id).nonempty()) return;
  if (cy.getElementById(e.source).empty() || cy.getElementById(e.target).empty()) return;
  cy.add({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, type: e.type, weight: e.weight, confidence: e.confidence, evidence: e.evidence, props: props(e.properties) } });
}

function addGraph(g, seedIds = []) {
  for (const n of g.nodes) addNode(n, { seed: seedIds.includes(n.id) });
  for (const e of g.edges) addEdge(e);
}

// ---- layout -----------------------------------------------------------------

let layoutRun = null;

// fitView fits the view, without blowing a handful of nodes up to poster size.
function fitView() {
  cy.fit(cy.elements().not('.hidden'), 30);
  if (cy.nodes().length > 60) return;
  if (cy.zoom() > 1.4) cy.zoom({ level: 1.4, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  if (cy.zoom() === 1.4) cy.center(cy.elements().not('.hidden'));
}
function layout(opts = {}) {
  if (layoutRun) layoutRun.stop();
  const n = cy.nodes().length;
  return new Promise((resolve) => {
    if (n === 0) return resolve();
    cy.resize();
    document.body.dataset.layout = 'running';
    layoutRun = cy.layout({
      // fCoSE's spring phase runs at least 5 iterations per node: past 250
      // nodes the spectral (draft) layout alone keeps a view under 2 s.
      name: 'fcose', quality: n > 250 ? 'draft' : 'default', randomize: opts.randomize ?? true,
      animate: opts.animate ?? (n < 150), animationDuration: 400, fit: true, padding: 30,
      nodeRepulsion: 6500, idealEdgeLength: 90, nodeSeparation: n > 250 ? 150 : 60, numIter: 2500,
      stop: () => { fitView(); document.body.dataset.layout = 'done'; resolve(); },
    });
    layoutRun.run();
  });
}

// ---- filters ----------------------------------------------------------------

function dateRange(d) {
  // An ISO prefix covers [d, d + '~'] as strings.
  return [d, `${d}~`];
}

function applyFilters() {
  cy.batch(() => {
    cy.elements().removeClass('hidden');
    cy.nodes().forEach((n) => {
      const kind = n.data('kind');
      let hide = state.hiddenKinds.has(kind);
      if (!hide && kind === 'Event' && (state.from || state.to)) {
        const d = n.data('date');
        if (!d) hide = true;
        else {
          const [lo, hi] = dateRange(d);
          if (state.from && hi < state.from) hide = true;
          if (state.to && lo > `${state.to}~`) hide = true;
        }
      }
      if (hide) n.addClass('hidden');
    });
    cy.edges().forEach((e) => {
      const t = e.data('type');
      let hide = state.hiddenTypes.has(t) || (e.data('confidence') ?? 1) < state.minConf;
      if (t === 'FINDS_VIOLATION_OF' && !state.found) hide = true;
      if (t === 'ALLEGES_VIOLATION_OF' && !state.alleged) hide = true;
      if (e.source().hasClass('hidden') || e.target().hasClass('hidden')) hide = true;
      if (hide) e.addClass('hidden');
    });
  });
  renderNodeList();
  renderTimeline();
  writeHash();
}

function renderKindFilters() {
  const box = $('#f-kinds');
  box.innerHTML = `<legend>Node kinds</legend>${Object.entries(KINDS)
    .map(([k, v]) => `<label><input type="checkbox" data-kind="${k}" ${state.hiddenKinds.has(k) ? '' : 'checked'}><span class="swatch" style="background:${v.color}"></span>${k}</label>`)
    .join('')}`;
  box.querySelectorAll('input').forEach((i) => i.addEventListener('change', () => {
    if (i.checked) state.hiddenKinds.delete(i.dataset.kind); else state.hiddenKinds.add(i.dataset.kind);
    applyFilters();
  }));
}

function renderTypeFilters() {
  const types = [...new Set(cy.edges().map((e) => e.data('type')))].sort();
  const box = $('#f-types');
  const shown = [...box.querySelectorAll('input')].map((i) => i.dataset.type).join(',');
  if (shown === types.join(',')) return;
  box.innerHTML = `<legend>Edge types</legend>${types.length ? '' : '<p class="muted">Edge types appear here as the view grows.</p>'}${types
    .map((t) => {
      const s = edgeStyle(t);
      return `<label><input type="checkbox" data-type="${t}" ${state.hiddenTypes.has(t) ? '' : 'checked'}><span class="line-swatch" style="border-top-style:${s.style};border-top-color:${s.color}"></span>${t}</label>`;
    })
    .join('')}`;
  box.querySelectorAll('input').forEach((i) => i.addEventListener('change', () => {
    if (i.checked) state.hiddenTypes.delete(i.dataset.type); else state.hiddenTypes.add(i.dataset.type);
    applyFilters();
  }));
}

$('#f-from').addEventListener('change', (e) => { state.from = e.target.value.trim(); applyFilters(); });
$('#f-to').addEventListener('change', (e) => { state.to = e.target.value.trim(); applyFilters(); });
$('#f-found').addEventListener('change', (e) => { state.found = e.target.checked; applyFilters(); });
$('#f-alleged').addEventListener('change', (e) => { state.alleged = e.target.checked; applyFilters(); });
$('#f-conf').addEventListener('input', (e) => {
  state.minConf = Number(e.target.value);
  $('#f-conf-val').textContent = state.minConf.toFixed(2);
  applyFilters();
});

// ---- node list (keyboard access to the canvas) -------------------------------

function visibleNodes() {
  return cy.nodes().not('.hidden').sort((a, b) => a.data('label').localeCompare(b.data('label')));
}

function renderNodeList() {
  const ul = $('#node-list');
  ul.innerHTML = visibleNodes()
    .map((n) => `<li role="option" id="opt-${cssId(n.id())}" data-id="${esc(n.id())}" aria-selected="${n.id() === state.selected}"><span class="swatch" style="background:${(KINDS[n.data('kind')] || {}).color || '#999'}"></span>${esc(shortLabel(n.data('label')))}</li>`)
    .join('');
  if (state.selected) ul.setAttribute('aria-activedescendant', `opt-${cssId(state.selected)}`);
  ul.querySelectorAll('li').forEach((li) => li.addEventListener('click', () => selectNode(li.dataset.id)));
}
const cssId = (id) => id.replace(/[^A-Za-z0-9_-]/g, '_');

function moveSelection(delta) {
  const ns = visibleNodes();
  if (!ns.length) return;
  let i = ns.toArray().findIndex((n) => n.id() === state.selected);
  i = i < 0 ? 0 : (i + delta + ns.length) % ns.length;
  selectNode(ns[i].id());
}

function keyHandler(ev) {
  if (ev.target.closest('input, select, textarea')) return;
  switch (ev.key) {
    case 'ArrowDown': case 'ArrowRight': moveSelection(1); break;
    case 'ArrowUp': case 'ArrowLeft': moveSelection(-1); break;
    case 'Enter': if (state.selected) expand(state.selected); break;
    case 'f': case 'F': if (state.selected) pickFrom(state.selected); break;
    case 't': case 'T': if (state.selected) pickTo(state.selected); break;
    case 'Delete': case 'Backspace': if (state.selected) removeNode(state.selected); break;
    default: return;
  }
  ev.preventDefault();
}
$('#node-list').addEventListener('keydown', keyHandler);
$('#cy').addEventListener('keydown', keyHandler);

// ---- selection and the evidence panel ------------------------------------------

function selectNode(id) {
  const n = cy.getElementById(id);
  if (n.empty()) return;
  cy.elements().unselect();
  n.select();
  state.selected = id;
  showNode(n);
  renderNodeList();
  renderTimeline();
  writeHash();
}

function kindBadge(kind) {
  return `<span class="kind-badge" style="background:${(KINDS[kind] || {}).color || '#999'}">${esc(kind)}</span>`;
}

async function showNode(n) {
  const id = n.id();
  const p = n.data('props') || {};
  const kind = n.data('kind');
  const rows = Object.entries(p)
    .filter(([k, v]) => !['createdAt', 'updatedAt', 'loadedAt', 'aliases', 'name', 'summary', 'kind', 'evidenceFrom', 'relations', 'entities'].includes(k) && !String(v).startsWith('['))
    .slice(0, 14)
    .map(([k, v]) => `<tr><td class="muted">${esc(k)}</td><td>${esc(String(v).slice(0, 200))}</td></tr>`).join('');
  const extra = [];
  if (kind === 'Document') extra.push(`<a href="${readerLink(id)}">Read the document</a>`);
  if (kind === 'State') extra.push(`<a href="/obligations/${encodeURIComponent(p.iso3 || id.replace(/^state:/, ''))}">What binds this state</a>`);
  $('#panel').innerHTML = `<h2>${kindBadge(kind)} ${esc(n.data('label'))}</h2>
    <div class="actions" role="toolbar" aria-label="Node actions">
      <button type="button" class="primary" id="act-expand">Expand (Enter)</button>
      <button type="button" id="act-from" aria-pressed="${state.pathFrom === id}">Path from here (F)</button>
      <button type="button" id="act-to" ${state.pathFrom && state.pathFrom !== id ? '' : 'disabled'}>Path to here (T)</button>
      <button type="button" id="act-remove">Remove</button>
      ${truncatedAt.has(id) ? '<button type="button" id="act-more">Load up to 100 edges</button>' : ''}
    </div>
    ${extra.length ? `<p>${extra.join(' · ')}</p>` : ''}
    <table aria-label="Properties">${rows}</table>
    <h3>Edges in view</h3>${edgeListHTML(n)}
    <h3>Where documents name it</h3><div id="mentions"><p class="muted">Loading…</p></div>`;
  $('#act-expand').onclick = () => expand(id);
  $('#act-from').onclick = () => pickFrom(id);
  $('#act-to').onclick = () => pickTo(id);
  $('#act-remove').onclick = () => removeNode(id);
  if ($('#act-more')) $('#act-more').onclick = () => expand(id, { limit: 100 });
  bindEdgeLinks();
  if (kind === 'Document') { $('#mentions').innerHTML = `<p><a href="${readerLink(id)}">Open the reader</a></p>`; return; }
  try {
    const r = await gql(Q_MENTIONS, { id });
    if (state.selected !== id) return;
    const ms = r.data?.node?.mentions || [];
    $('#mentions').innerHTML = evidenceHTML(ms);
  } catch (e) {
    $('#mentions').innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

function edgeListHTML(n) {
  const es = n.connectedEdges().not('.hidden');
  if (!es.length) return '<p class="muted">None yet: expand it.</p>';
  return `<ul class="entity-list">${es.map((e) => {
    const other = e.source().id() === n.id() ? e.target() : e.source();
    const dir = e.source().id() === n.id() ? '→' : '←';
    return `<li><a href="#" data-edge="${esc(e.id())}">${esc(e.data('type'))} ${dir} ${esc(shortLabel(other.data('label')))}</a> <span class="muted">(${e.data('weight')} quote${e.data('weight') === 1 ? '' : 's'})</span></li>`;
  }).join('')}</ul>`;
}

function bindEdgeLinks() {
  $('#panel').querySelectorAll('a[data-edge]').forEach((a) => a.addEventListener('click', (ev) => {
    ev.preventDefault();
    const e = cy.getElementById(a.dataset.edge);
    if (e.nonempty()) selectEdge(e);
  }));
}

function selectEdge(e) {
  cy.elements().unselect();
  e.select();
  state.selected = null;
  const s = e.source(), t = e.target();
  const p = e.data('props') || {};
  const ps = Object.entries(p).map(([k, v]) => `<tr><td class="muted">${esc(k)}</td><td>${esc(v)}</td></tr>`).join('');
  $('#panel').innerHTML = `<h2 id="edge-title">${esc(e.data('type'))}</h2>
    <p>${kindBadge(s.data('kind'))} <a href="#" data-node="${esc(s.id())}">${esc(s.data('label'))}</a><br>→ ${kindBadge(t.data('kind'))} <a href="#" data-node="${esc(t.id())}">${esc(t.data('label'))}</a></p>
    <table aria-label="Edge properties"><tr><td class="muted">confidence</td><td>${Number(e.data('confidence')).toFixed(2)}</td></tr>${ps}</table>
    <h3>Evidence (${(e.data('evidence') || []).length})</h3>${evidenceHTML(e.data('evidence'))}`;
  $('#panel').querySelectorAll('a[data-node]').forEach((a) => a.addEventListener('click', (ev) => { ev.preventDefault(); selectNode(a.dataset.node); }));
  renderNodeList();
}

cy.on('tap', 'node', (ev) => {
  const id = ev.target.id();
  if (ev.originalEvent && ev.originalEvent.shiftKey) {
    if (!state.pathFrom || state.pathFrom === id) pickFrom(id); else pickTo(id);
    return;
  }
  selectNode(id);
  if ($('#click-expands').checked && !state.expanded.includes(id)) expand(id);
});
cy.on('dbltap', 'node', (ev) => expand(ev.target.id()));
cy.on('tap', 'edge', (ev) => selectEdge(ev.target));
cy.on('mouseover', 'edge', (ev) => ev.target.addClass('labelled'));
cy.on('mouseout', 'edge', (ev) => ev.target.removeClass('labelled'));

// ---- actions ------------------------------------------------------------------

async function run(label, fn) {
  setStatus(`${label}…`);
  try {
    const out = await fn();
    setStatus('');
    return out;
  } catch (e) {
    setStatus(`${label} failed: ${e.message}`);
    console.error(e);
    return undefined;
  }
}

async function addIds(ids, { select = false, relayout = true } = {}) {
  const todo = ids.filter((id) => cy.getElementById(id).empty());
  if (todo.length) {
    const r = await gql(Q_NODES, { ids: todo });
    for (const n of r.data?.nodes || []) {
      if (!n) continue;
      const kind = n.kind ? kindName(n.kind) : 'Document';
      addNode({ id: n.id, kind, label: n.name || n.title || n.id, properties: [
        ...(n.date ? [{ key: 'date', value: n.date }] : []), ...(n.type ? [{ key: 'type', value: n.type }] : []),
        ...(n.publisher ? [{ key: 'publisher', value: n.publisher }] : []), ...(n.published ? [{ key: 'published', value: n.published }] : []),
      ] }, { seed: true });
    }
  }
  for (const id of ids) if (!state.added.includes(id)) state.added.push(id);
  if (relayout) await afterChange();
  if (select && ids.length) selectNode(ids[ids.length - 1]);
}

const truncatedAt = new Set(); // nodes whose last expansion left edges out

async function expand(id, { relayout = true, limit = 25 } = {}) {
  const before = state.selected;
  await run('Expanding', async () => {
    const r = await gql(Q_EXPAND, { id, limit });
    const g = r.data?.neighborhood;
    if (!g) throw new Error((r.errors || []).map((e) => e.message).join('; ') || 'not found');
    addGraph(g, [id]);
    if (!state.expanded.includes(id)) state.expanded.push(id);
    if (limit > 25) state.wide.add(id);
    if (g.truncated && limit < 100) truncatedAt.add(id); else truncatedAt.delete(id);
    if (g.truncated) setTimeout(() => setStatus(`Some edges were left out (more than ${limit} from a node)${limit < 100 ? ': "Load up to 100 edges" in the panel shows more' : ''}.`), 0);
  });
  if (relayout) await afterChange();
  // Select the expanded node unless the user picked another meanwhile.
  if (relayout && cy.getElementById(id).nonempty() && (state.selected === before || !state.selected)) selectNode(id);
}

function pickFrom(id) {
  cy.nodes().removeClass('path-from');
  state.pathFrom = id;
  cy.getElementById(id).addClass('path-from');
  setStatus(`Path start: ${cy.getElementById(id).data('label')}. Now pick the other end (T or shift-click).`);
  if (state.selected === id) showNode(cy.getElementById(id));
}

async function pickTo(id) {
  if (!state.pathFrom || state.pathFrom === id) return;
  const from = state.pathFrom;
  state.pathFrom = null;
  cy.nodes().removeClass('path-from');
  await showPaths(from, id);
}

async function showPaths(from, to, { relayout = true } = {}) {
  const ps = await run('Finding paths', async () => {
    const r = await gql(Q_PATHS, { from, to });
    if (!r.data?.paths) throw new Error((r.errors || []).map((e) => e.message).join('; '));
    return r.data.paths;
  });
  if (!ps) return;
  if (!state.paths.some(([a, b]) => a === from && b === to)) state.paths.push([from, to]);
  cy.elements().removeClass('path');
  for (const p of ps) {
    addGraph(p, []);
    for (const n of p.nodes) cy.getElementById(n.id).addClass('path');
    for (const e of p.edges) cy.getElementById(e.id).addClass('path');
  }
  if (relayout) await afterChange();
  const label = (id) => esc(cy.getElementById(id).data('label') || id);
  $('#panel').innerHTML = `<h2>Paths</h2><p>${label(from)} ⇄ ${label(to)}: ${ps.length ? `${ps.length} shortest path${ps.length > 1 ? 's' : ''}` : 'no path within 4 hops'}.</p>
    <ol class="path-list">${ps.map((p) => `<li>${p.nodes.map((n, i) => {
      const e = p.edges[i];
      const step = e ? ` <a href="#" data-edge="${esc(e.id)}" class="path-edge">${esc(e.type)} ${e.source === n.id ? '→' : '←'}</a> ` : '';
      return `<a href="#" data-node="${esc(n.id)}">${esc(shortLabel(n.label))}</a>${step}`;
    }).join('')}</li>`).join('')}</ol>
    <p class="muted">Pick an edge of a path to read the sentences behind it.</p>`;
  $('#panel').querySelectorAll('a[data-node]').forEach((a) => a.addEventListener('click', (ev) => { ev.preventDefault(); selectNode(a.dataset.node); }));
  bindEdgeLinks();
}

function removeNode(id) {
  cy.getElementById(id).remove();
  state.added = state.added.filter((x) => x !== id);
  state.expanded = state.expanded.filter((x) => x !== id);
  state.wide.delete(id);
  state.paths = state.paths.filter(([a, b]) => a !== id && b !== id);
  if (state.selected === id) state.selected = null;
  applyFilters();
}

async function afterChange() {
  renderTypeFilters();
  applyFilters();
  await layout();
}

// ---- search ---------------------------------------------------------------------

const results = $('#results');
$('#search-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const text = $('#q').value.trim();
  if (!text) return;
  const kind = $('#q-kind').value;
  const r = await run('Searching', () => gql(Q_SEARCH, { text, kinds: kind ? [kind] : null }));
  if (!r) return;
  if (r.errors && !r.data?.search) { setStatus(r.errors.map((e) => e.message).join('; ')); return; }
  const hits = r.data.search.edges;
  results.innerHTML = hits.length
    ? hits.map((h, i) => `<li role="option"><button type="button" data-id="${esc(h.node.id)}" id="hit-${i}">${kindBadge(kindName(h.node.kind))} ${esc(h.node.name.length > 120 ? `${h.node.name.slice(0, 118)}…` : h.node.name)} <span class="muted">${esc(h.node.id)}</span></button></li>`).join('')
    : '<li class="muted" style="padding:6px">No match.</li>';
  results.hidden = false;
  results.querySelectorAll('button').forEach((b) => b.addEventListener('click', async () => {
    results.hidden = true;
    await run('Adding', () => addIds([b.dataset.id], { select: true }));
  }));
  const first = results.querySelector('button');
  if (first) first.focus();
});
results.addEventListener('keydown', (ev) => {
  const bs = [...results.querySelectorAll('button')];
  const i = bs.indexOf(document.activeElement);
  if (ev.key === 'ArrowDown') { bs[Math.min(bs.length - 1, i + 1)]?.focus(); ev.preventDefault(); }
  if (ev.key === 'ArrowUp') { if (i <= 0) $('#q').focus(); else bs[i - 1].focus(); ev.preventDefault(); }
  if (ev.key === 'Escape') { results.hidden = true; $('#q').focus(); }
});
document.addEventListener('click', (ev) => { if (!results.contains(ev.target) && ev.target !== $('#q')) results.hidden = true; });

// ---- timeline -----------------------------------------------------------------

function precisionOf(d) { return d.length === 4 ? 'YEAR' : d.length === 7 ? 'MONTH' : 'DAY'; }

function dateSpan(d) {
  // [start, end) in fractional years.
  const y = Number(d.slice(0, 4));
  if (d.length === 4) return [y, y + 1];
  const m = Number(d.slice(5, 7)) - 1;
  if (d.length === 7) return [y + m / 12, y + (m + 1) / 12];
  const day = Number(d.slice(8, 10)) - 1;
  const start = y + (m + day / 31) / 12;
  return [start, start + 1 / 365];
}

function renderTimeline() {
  const box = $('#timeline');
  const evs = cy.nodes('[kind = "Event"]').not('.hidden').toArray();
  const dated = evs.filter((n) => /^\d{4}/.test(n.data('date'))).sort((a, b) => (a.data('date') < b.data('date') ? -1 : a.data('date') > b.data('date') ? 1 : a.id() < b.id() ? -1 : 1));
  const undated = evs.length - dated.length;
  if (!dated.length) {
    box.innerHTML = `<p class="muted">Timeline: ${evs.length ? `${undated} event(s) in view, none dated.` : 'no events in view yet.'}</p>`;
    return;
  }
  let lo = Infinity, hi = -Infinity;
  const spans = dated.map((n) => { const s = dateSpan(n.data('date')); lo = Math.min(lo, s[0]); hi = Math.max(hi, s[1]); return s; });
  lo = Math.floor(lo); hi = Math.ceil(hi);
  if (hi - lo < 1) hi = lo + 1;
  const width = Math.max(box.clientWidth - 24, 300);
  const x = (v) => ((v - lo) / (hi - lo)) * width;
  const lanes = [];
  const items = dated.map((n, i) => {
    const [s, e] = spans[i];
    const left = x(s);
    const w = Math.max(8, x(e) - left);
    let lane = lanes.findIndex((end) => end < left - 2);
    if (lane < 0) { lane = lanes.length; lanes.push(0); }
    lanes[lane] = left + Math.max(w, 8);
    const d = n.data('date');
    const prec = precisionOf(d);
    return `<button type="button" class="tl-event prec-${prec}${n.id() === state.selected ? ' selected' : ''}" data-id="${esc(n.id())}" style="left:${left}px;top:${lane * 19}px;width:${w}px" title="${esc(d)} (${prec.toLowerCase()}): ${esc(n.data('label'))}" aria-label="${esc(d)}, precise to the ${prec.toLowerCase()}: ${esc(shortLabel(n.data('label')))}">${w > 60 ? esc(d) : ''}</button>`;
  });
  const step = hi - lo > 30 ? 10 : hi - lo > 12 ? 5 : 1;
  const ticks = [];
  for (let y = lo; y <= hi; y += step) ticks.push(`<span style="left:${x(y)}px">${y}</span>`);
  box.innerHTML = `<div class="tl-axis" aria-hidden="true">${ticks.join('')}</div>
    <div class="tl-lanes" role="list" aria-label="${dated.length} dated events in date order${undated ? `, ${undated} undated left out` : ''}" style="height:${lanes.length * 19 + 4}px">${items.map((b) => `<span role="listitem">${b}</span>`).join('')}</div>
    <div class="muted" style="font-size:.8em">${dated.length} dated event(s)${undated ? ` · ${undated} undated` : ''} · hatched: year only, grey: month, dark: day</div>`;
  box.querySelectorAll('.tl-event').forEach((b) => b.addEventListener('click', () => selectNode(b.dataset.id)));
}
window.addEventListener('resize', () => renderTimeline());

// ---- URL, downloads ------------------------------------------------------------

let restoring = false;
function writeHash() {
  if (restoring) return;
  const h = new URLSearchParams();
  if (state.added.length) h.set('n', state.added.join(','));
  if (state.expanded.length) h.set('x', state.expanded.join(','));
  if (state.wide.size) h.set('xw', [...state.wide].join(','));
  if (state.paths.length) h.set('p', state.paths.map((p) => p.join('~')).join(','));
  if (state.selected) h.set('s', state.selected);
  if (state.hiddenKinds.size) h.set('hk', [...state.hiddenKinds].join(','));
  if (state.hiddenTypes.size) h.set('ht', [...state.hiddenTypes].join(','));
  if (state.from) h.set('from', state.from);
  if (state.to) h.set('to', state.to);
  if (!state.found) h.set('found', '0');
  if (!state.alleged) h.set('alleged', '0');
  if (state.minConf) h.set('mc', String(state.minConf));
  const s = h.toString();
  history.replaceState(null, '', s ? `#${s}` : location.pathname);
  const ids = cy.nodes().map((n) => n.id());
  for (const f of ['graphml', 'gexf']) {
    const a = $(`#${f}`);
    a.href = ids.length ? `/export?format=${f}&ids=${encodeURIComponent(ids.join(','))}` : '#';
    a.setAttribute('aria-disabled', ids.length ? 'false' : 'true');
  }
}

async function readHash() {
  const h = new URLSearchParams(location.hash.slice(1));
  const list = (k) => (h.get(k) || '').split(',').map((s) => s.trim()).filter(Boolean);
  restoring = true;
  try {
    state.hiddenKinds = new Set(list('hk'));
    state.hiddenTypes = new Set(list('ht'));
    state.from = h.get('from') || ''; state.to = h.get('to') || '';
    state.found = h.get('found') !== '0'; state.alleged = h.get('alleged') !== '0';
    state.minConf = Number(h.get('mc') || 0);
    $('#f-from').value = state.from; $('#f-to').value = state.to;
    $('#f-found').checked = state.found; $('#f-alleged').checked = state.alleged;
    $('#f-conf').value = state.minConf; $('#f-conf-val').textContent = state.minConf.toFixed(2);
    renderKindFilters();
    if (list('n').length) await run('Loading the view', () => addIds(list('n'), { relayout: false }));
    state.wide = new Set(list('xw'));
    for (const id of list('x')) await expand(id, { relayout: false, limit: state.wide.has(id) ? 100 : 25 });
    for (const p of list('p')) { const [a, b] = p.split('~'); if (a && b) await showPaths(a, b, { relayout: false }); }
  } finally {
    restoring = false;
  }
  await afterChange();
  const sel = h.get('s') || list('x')[0] || list('n')[0];
  if (sel && cy.getElementById(sel).nonempty() && !list('p').length) selectNode(sel);
  writeHash();
}

$('#fit').onclick = () => fitView();
$('#relayout').onclick = () => layout();
$('#clear').onclick = () => {
  cy.elements().remove();
  Object.assign(state, { added: [], expanded: [], wide: new Set(), paths: [], selected: null, pathFrom: null });
  renderTypeFilters(); applyFilters();
};
$('#png').onclick = () => download('rightsgraph-view.png', cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }));
$('#svg').onclick = () => download('rightsgraph-view.svg', new Blob([viewSVG()], { type: 'image/svg+xml' }));
$('#copylink').onclick = async () => {
  writeHash();
  try { await navigator.clipboard.writeText(location.href); setStatus('Link copied.'); } catch { setStatus(`Link: ${location.href}`); }
};

// viewSVG draws the visible view as SVG: edges as lines, nodes as circles in
// their kind's colour, labels below.
export function viewSVG() {
  const bb = cy.elements().not('.hidden').boundingBox();
  const pad = 40;
  const w = Math.ceil(bb.w + 2 * pad), h = Math.ceil(bb.h + 2 * pad);
  const tx = (p) => [p.x - bb.x1 + pad, p.y - bb.y1 + pad];
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="10">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`];
  cy.edges().not('.hidden').forEach((e) => {
    const [x1, y1] = tx(e.source().position()), [x2, y2] = tx(e.target().position());
    const s = edgeStyle(e.data('type'));
    const dash = s.style === 'dashed' ? ' stroke-dasharray="6 4"' : s.style === 'dotted' ? ' stroke-dasharray="2 3"' : '';
    parts.push(`<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${s.color}" stroke-width="1.5"${dash}><title>${esc(e.data('type'))}</title></line>`);
  });
  cy.nodes().not('.hidden').forEach((n) => {
    const [x, y] = tx(n.position());
    parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="12" fill="${(KINDS[n.data('kind')] || {}).color || '#999'}" stroke="#fff"><title>${esc(n.data('label'))}</title></circle>`);
    parts.push(`<text x="${x.toFixed(1)}" y="${(y + 24).toFixed(1)}" text-anchor="middle">${esc(n.data('short'))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
window.rgViewSVG = viewSVG;

// ---- legend (in the side panel, under the filters) -------------------------------

const legend = document.createElement('fieldset');
legend.innerHTML = `<legend>Legend</legend><ul class="legend-list">${Object.entries(EDGE_TYPES).filter(([t]) => t !== 'MENTIONED_IN')
  .map(([t, s]) => `<li><span class="line-swatch" style="border-top-style:${s.style};border-top-color:${s.color}"></span>${t.toLowerCase().replace(/_/g, ' ')}</li>`).join('')}</ul>
  <p class="muted" style="font-size:.85em">Node colours and shapes: see Node kinds. A thick border marks a node you added or expanded; orange marks a path.</p>`;
$('.side').appendChild(legend);

// ---- benchmark hook ----------------------------------------------------------------

// rgBench renders and lays out a synthetic view of n nodes and m edges and
// resolves to the milliseconds it took (used by the Go benchmark).
window.rgBench = async (n, m) => {
  cy.elements().remove();
  const kinds = Object.keys(KINDS);
  const types = Object.keys(EDGE_TYPES);
  let seed = 1;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const els = [];
  for (let i = 0; i < n; i++) els.push({ group: 'nodes', data: { id: `b${i}`, kind: kinds[i % kinds.length], label: `node ${i}`, short: `node ${i}`, date: '', props: {} } });
  const seen = new Set();
  for (let k = 0; els.length < n + m; k++) {
    // a connected random graph: each node links to an earlier one first
    const a = k < n - 1 ? k + 1 : Math.floor(rnd() * n);
    const b = k < n - 1 ? Math.floor(rnd() * (k + 1)) : Math.floor(rnd() * n);
    if (a === b || seen.has(`${a}-${b}`)) continue;
    seen.add(`${a}-${b}`);
    els.push({ group: 'edges', data: { id: `e${a}-${b}`, source: `b${a}`, target: `b${b}`, type: types[k % types.length], weight: 1, confidence: 1, evidence: [], props: {} } });
  }
  const t0 = performance.now();
  cy.add(els);
  await layout({ animate: false });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - t0;
};

// ---- start ----------------------------------------------------------------------

renderKindFilters();
renderTimeline();
window.addEventListener('hashchange', () => { if (!restoring && location.hash && !cy.nodes().length) readHash(); });
readHash().then(() => { document.body.dataset.ready = 'true'; });
