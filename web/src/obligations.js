// /obligations/{state}?asOf=YYYY-MM-DD: what binds a state on a date
// (instrument, status, dates, unverified flags, reservations by provision),
// the violations found or alleged with their evidence, and the CSV reports.
import './app.css';
import { gql, esc, nav, evidenceHTML, exploreLink, safeHref } from './common.js';

// Three requests, each inside the server's default complexity limit (one query
// asking all of it costs about 32,000 against a limit of 20,000): what binds the
// state, the document-stated duties with their evidence per instrument, and the
// violations. They run in parallel and are joined on the instrument id.
const Q_BINDS = `query Obligations($state: ID!, $stateId: ID!, $asOf: Date) {
  state: node(id: $stateId) { id ... on State { name iso3 } }
  obligations(state: $state, asOf: $asOf) {
    instrument { id name category }
    bindingFrom
    participation { status signed ratified action inForce withdrawn source unverified }
    reservations { kind article text made withdrawn }
    provisions { provision { id number title } rights { id name } reservations { kind text } obligations { obligation { id } } }
  }
}`;

const Q_DUTIES = `query ObligationDuties($state: ID!, $asOf: Date) {
  obligations(state: $state, asOf: $asOf) {
    instrument { id }
    obligations { obligation { id text modality } evidence { quote start end document { id title publisher published } } }
  }
}`;

const Q_VIOLATIONS = `query Violations($state: ID!) {
  violations(state: $state) {
    right { id name }
    provisions { provision { id number instrument { name } } claims {
      stance confidence
      event { id type date summary }
      breached { id name }
      assertedBy { name }
      evidence { quote start end document { id title publisher published } } } }
  }
}`;

const code = decodeURIComponent(location.pathname.replace(/^\/obligations\//, '').replace(/\/$/, '')) || 'BEL';
const params = new URLSearchParams(location.search);
const today = new Date().toISOString().slice(0, 10);
let asOf = params.get('asOf') || today;

document.body.innerHTML = `${nav('Obligations')}
<main class="oblig">
  <h1 id="title">Obligations</h1>
  <form id="form" aria-label="Choose the state and date">
    <label for="state">State (ISO 3166 alpha-3)<input id="state" value="${esc(code)}" size="6" maxlength="12" autocomplete="off"></label>
    <label for="asof">As of<input id="asof" type="date" value="${esc(asOf)}"></label>
    <button class="primary" type="submit">Show</button>
    <span class="csv-links" id="csv" aria-label="CSV reports"></span>
  </form>
  <div id="out" aria-live="polite"><p class="muted">Loading…</p></div>
</main>`;

const $ = (s) => document.querySelector(s);

$('#form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const st = $('#state').value.trim().toUpperCase() || 'BEL';
  const d = $('#asof').value || today;
  location.href = `/obligations/${encodeURIComponent(st)}?asOf=${encodeURIComponent(d)}`;
});

const flag = (t) => `<span class="flag">${esc(t)}</span>`;
const resText = (r) => `${esc(r.kind)}${r.article ? ` (${esc(r.article)})` : ''}: ${esc(r.text)}${r.made ? ` <span class="muted">made ${esc(r.made)}</span>` : ''}`;

function instrumentHTML(o, i) {
  const p = o.participation;
  const status = p ? p.status : 'BINDING (law or stated obligation)';
  const dates = p ? [['signed', p.signed], [p.action || 'ratified', p.ratified], ['in force', p.inForce], ['withdrawn', p.withdrawn]]
    .filter(([, v]) => v).map(([k, v]) => `${esc(k)} ${esc(v)}`).join(' · ') : '';
  const provs = o.provisions.filter((pv) => pv.reservations.length || pv.obligations.length || pv.rights.length);
  const provRows = provs.map((pv) => `<tr><td>${esc(pv.provision.number || pv.provision.id)}${pv.provision.title ? ` <span class="muted">${esc(pv.provision.title)}</span>` : ''}</td>
      <td>${pv.rights.map((r) => esc(r.name)).join('; ')}</td>
      <td>${pv.reservations.map(resText).join('<br>')}</td>
      <td>${pv.obligations.length || ''}</td></tr>`).join('');
  const obls = o.obligations.filter((b) => b.evidence.some((e) => e.document && !/^Reference data/.test(e.document.title || '')));
  return `<details class="inst" id="inst-${i}">
    <summary>${esc(o.instrument.name)} <span class="muted">— ${esc(status)}${o.bindingFrom ? `, binding from ${esc(o.bindingFrom)}` : ''}</span> ${p && p.unverified ? flag('unverified') : ''} ${o.reservations.length ? flag(`${o.reservations.length} reservation(s)/declaration(s)`) : ''}</summary>
    <p>${dates}${p && safeHref(p.source) ? ` · <a href="${esc(p.source)}" rel="noreferrer">source</a>` : ''} · <a href="${exploreLink(o.instrument.id)}">in the explorer</a></p>
    ${o.reservations.length ? `<h3>Reservations and declarations in effect</h3><ul>${o.reservations.map((r) => `<li>${resText(r)}</li>`).join('')}</ul>` : ''}
    ${provRows ? `<table><caption class="sr-only">Provisions of ${esc(o.instrument.name)}</caption><thead><tr><th scope="col">Provision</th><th scope="col">Rights</th><th scope="col">Reservations on this provision</th><th scope="col">Obligations</th></tr></thead><tbody>${provRows}</tbody></table>` : ''}
    ${obls.length ? `<h3>What documents say it requires</h3><ul>${obls.map((b) => `<li>${esc(b.obligation.text || b.obligation.id)} <span class="muted">${esc(b.obligation.modality || '')}</span>${evidenceHTML(b.evidence.filter((e) => !/^Reference data/.test(e.document?.title || '')))}</li>`).join('')}</ul>` : ''}
  </details>`;
}

function summaryHTML(obs) {
  const rows = obs.map((o, i) => {
    const p = o.participation || {};
    return `<tr><td><a href="#inst-${i}" data-open="inst-${i}">${esc(o.instrument.name)}</a></td>
      <td>${esc(p.status || 'law / stated')}</td><td class="date">${esc(p.signed || '')}</td>
      <td class="date">${esc(p.ratified || '')}${p.action && p.ratified ? `<br><span class="muted">${esc(p.action)}</span>` : ''}</td>
      <td class="date">${esc(p.inForce || '')}</td><td class="date">${esc(o.bindingFrom || '')}</td>
      <td>${o.reservations.length || ''}</td>
      <td>${p.unverified ? flag('unverified') : o.participation ? 'checked' : ''}</td></tr>`;
  }).join('');
  return `<table id="summary"><caption class="sr-only">Binding instruments</caption><thead><tr><th scope="col">Instrument</th><th scope="col">Status</th><th scope="col">Signed</th><th scope="col">Ratified / acceded</th><th scope="col">In force</th><th scope="col">Binding from</th><th scope="col">Reservations</th><th scope="col">Dates</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function violationsHTML(vs) {
  const rows = [];
  for (const g of vs) {
    for (const pv of g.provisions) {
      for (const c of pv.claims) rows.push({ right: g.right, provision: pv.provision, c });
    }
  }
  if (!rows.length) return '<p class="muted">No ruling or report in the graph finds or alleges a breach concerning this state.</p>';
  return `<table><caption class="sr-only">Violations found or alleged</caption><thead><tr><th scope="col">Right</th><th scope="col">Provision</th><th scope="col">Stance</th><th scope="col">Event</th><th scope="col">Who says so</th><th scope="col">Evidence</th></tr></thead><tbody>${rows.map(({ right, provision, c }) => `<tr>
    <td>${right ? esc(right.name) : '<span class="muted">—</span>'}</td>
    <td>${provision ? `${esc(provision.number)} <span class="muted">${esc(provision.instrument?.name || '')}</span>` : '<span class="muted">not named</span>'}</td>
    <td><span class="stance-${c.stance}">${c.stance}</span></td>
    <td><a href="${exploreLink(c.event.id)}">${esc(c.event.type)}${c.event.date ? ` · ${esc(c.event.date)}` : ''}</a></td>
    <td>${c.assertedBy.map((a) => esc(a.name)).join('; ')}</td>
    <td>${evidenceHTML(c.evidence)}</td></tr>`).join('')}</tbody></table>`;
}

async function main() {
  const stateId = code.startsWith('state:') ? code : `state:${code.toUpperCase()}`;
  const iso = stateId.replace(/^state:/, '');
  $('#csv').innerHTML = `<a href="/export?format=csv&report=obligations&state=${encodeURIComponent(iso)}&asOf=${encodeURIComponent(asOf)}" download>Obligations CSV</a>
    <a href="/export?format=csv&report=violations&state=${encodeURIComponent(iso)}" download>Violations CSV</a>`;
  let r;
  try {
    const [binds, duties, viol] = await Promise.all([
      gql(Q_BINDS, { state: iso, stateId, asOf }),
      gql(Q_DUTIES, { state: iso, asOf }),
      gql(Q_VIOLATIONS, { state: iso }),
    ]);
    const byInstrument = new Map((duties.data?.obligations || []).map((o) => [o.instrument.id, o.obligations]));
    r = {
      data: {
        state: binds.data?.state,
        obligations: (binds.data?.obligations || []).map((o) => ({ ...o, obligations: byInstrument.get(o.instrument.id) || [] })),
        violations: viol.data?.violations,
      },
      errors: [...(binds.errors || []), ...(duties.errors || []), ...(viol.errors || [])],
    };
  } catch (e) {
    $('#out').innerHTML = `<p class="error">${esc(e.message)}</p>`;
    document.body.dataset.error = e.message;
    return;
  }
  const name = r.data?.state?.name;
  if (!name) {
    $('#title').textContent = 'Obligations';
    $('#out').innerHTML = `<p class="error">No state with code ${esc(iso)} in the graph.${(r.errors || []).length ? ` ${esc(r.errors[0].message)}` : ''}</p>`;
    return;
  }
  document.title = `${name}: obligations as of ${asOf} · rightsgraph`;
  $('#title').textContent = `What binds ${name} as of ${asOf}`;
  const obs = r.data.obligations || [];
  const treaties = obs.filter((o) => o.participation);
  const unverified = treaties.filter((o) => o.participation.unverified).length;
  const reservations = obs.reduce((n, o) => n + o.reservations.length, 0);
  $('#out').innerHTML = `<section aria-labelledby="h-bind"><h2 id="h-bind">Binding instruments (${obs.length})</h2>
      <p>${treaties.length} treaties in force for ${esc(name)} on ${esc(asOf)}, ${obs.length - treaties.length} national laws or obligations stated by documents; ${reservations} reservation(s) or declaration(s) in effect; ${unverified ? flag(`${unverified} unverified`) + ' participation entries not yet checked against the treaty office' : 'every participation entry checked'}.</p>
      ${summaryHTML(obs)}
      <h3>Each instrument: provisions, rights, reservations by provision, what documents say it requires</h3>
      ${obs.map(instrumentHTML).join('')}</section>
    <section aria-labelledby="h-viol"><h2 id="h-viol">Violations found or alleged <span class="muted">(events of any date)</span></h2>${violationsHTML(r.data.violations || [])}</section>`;
  if (r.errors.length) {
    $('#out').insertAdjacentHTML('afterbegin', `<p class="error">Part of the answer is missing: ${esc(r.errors.map((e) => e.message).join('; '))}</p>`);
  }
  document.querySelectorAll('a[data-open]').forEach((a) => a.addEventListener('click', () => { document.getElementById(a.dataset.open).open = true; }));
  document.body.dataset.ready = 'true';
}

main();
