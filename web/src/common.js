// Shared by the explorer, the document reader and the obligations page:
// GraphQL over fetch, HTML escaping, the colours of kinds and edge types,
// byte-offset <-> string-index conversion.

export async function gql(query, variables = {}) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await res.json();
  } catch (e) {
    throw new Error(`the server answered ${res.status} without JSON`);
  }
  if (body.errors && body.errors.length && !body.data) {
    throw new Error(body.errors.map((e) => e.message).join('; '));
  }
  return body;
}

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ESC[c]);

// Node kinds as GraphNode.kind spells them, with colour and shape.
export const KINDS = {
  State: { color: '#1f5fa8', shape: 'hexagon' },
  Institution: { color: '#5a8fd6', shape: 'round-rectangle' },
  Organization: { color: '#2e9c8f', shape: 'diamond' },
  Person: { color: '#8e5bb5', shape: 'ellipse' },
  Group: { color: '#c77dba', shape: 'ellipse' },
  Place: { color: '#6b8e23', shape: 'triangle' },
  Instrument: { color: '#b8860b', shape: 'rectangle' },
  Provision: { color: '#d4a537', shape: 'rectangle' },
  Right: { color: '#c0392b', shape: 'star' },
  Obligation: { color: '#e67e22', shape: 'tag' },
  Event: { color: '#555555', shape: 'round-triangle' },
  Document: { color: '#7f8c8d', shape: 'round-tag' },
};

// EntityKind (STATE) -> GraphNode kind (State).
export function kindName(k) {
  if (!k) return '';
  const up = String(k).toUpperCase();
  for (const name of Object.keys(KINDS)) if (name.toUpperCase() === up) return name;
  return k;
}

// Edge types with colour and line style.
export const EDGE_TYPES = {
  INVOLVED_IN: { color: '#555555', style: 'solid' },
  PARTY_TO: { color: '#1f5fa8', style: 'dashed' },
  MEMBER_OF: { color: '#2e9c8f', style: 'solid' },
  PART_OF: { color: '#8a9bb0', style: 'dotted' },
  BINDS: { color: '#e67e22', style: 'dotted' },
  FINDS_VIOLATION_OF: { color: '#c0392b', style: 'solid' },
  ALLEGES_VIOLATION_OF: { color: '#c0392b', style: 'dashed' },
  CITES: { color: '#b8860b', style: 'dotted' },
  ESTABLISHES: { color: '#d35400', style: 'solid' },
  PROTECTS: { color: '#a93226', style: 'dotted' },
  HAS_PROVISION: { color: '#d4a537', style: 'solid' },
  LOCATED_IN: { color: '#6b8e23', style: 'dotted' },
  OCCURRED_IN: { color: '#6b8e23', style: 'dashed' },
  HOLDS_POSITION: { color: '#8e5bb5', style: 'solid' },
  AFFILIATED_WITH: { color: '#8e5bb5', style: 'dashed' },
  NATIONAL_OF: { color: '#1f5fa8', style: 'dotted' },
  MENTIONED_IN: { color: '#b0b0b0', style: 'dotted' },
};
export const edgeStyle = (t) => EDGE_TYPES[t] || { color: '#999999', style: 'solid' };

// Evidence offsets are UTF-8 byte offsets; JavaScript strings index UTF-16
// code units. byteToIndex maps every byte offset of text to a string index.
export function byteIndex(text) {
  const map = new Int32Array(new TextEncoder().encode(text).length + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i);
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map[b + k] = i;
    b += n;
    if (cp >= 0x10000) i++;
  }
  map[b] = text.length;
  return (off) => map[Math.max(0, Math.min(off, b))];
}

// safeHref returns url when it is an http(s) address, else null (a local
// path or anything else is shown as text, never as a link).
export function safeHref(url) {
  return /^https?:\/\//i.test(String(url || '')) ? url : null;
}

export function readerLink(docId, start, end) {
  const q = start != null && end != null ? `?start=${start}&end=${end}` : '';
  return `/documents/${encodeURIComponent(docId)}${q}`;
}

export function exploreLink(id, expand = true) {
  return `/explore#${expand ? 'x' : 'n'}=${encodeURIComponent(id)}`;
}

export function nav(current) {
  const items = [
    ['/explore', 'Explorer'],
    ['/obligations/BEL', 'Obligations'],
    ['/', 'GraphQL Playground'],
  ];
  return `<nav class="topnav" aria-label="Sections"><strong class="brand">rightsgraph</strong>${items
    .map(([href, label]) => `<a href="${href}"${label === current ? ' aria-current="page"' : ''}>${label}</a>`)
    .join('')}</nav>`;
}

export function download(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

export function evidenceHTML(evs) {
  if (!evs || !evs.length) return '<p class="muted">No quoted evidence.</p>';
  return `<ol class="evidence">${evs
    .map((ev) => {
      const d = ev.document || {};
      const meta = [d.publisher, d.published].filter(Boolean).map(esc).join(' · ');
      const link = d.id ? `<a class="reader-link" href="${readerLink(d.id, ev.start, ev.end)}">Read in the document</a>` : '';
      return `<li><blockquote class="quote">${esc(ev.quote || '(no quote stored)')}</blockquote>
        <div class="source"><span class="doc-title">${esc(d.title || d.id || 'unknown document')}</span>${meta ? ` <span class="muted">${meta}</span>` : ''} ${link}</div></li>`;
    })
    .join('')}</ol>`;
}
