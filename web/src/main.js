// dyad's dashboard: filters, a timeline (uPlot), the dyad network (cytoscape) and a world map
// (d3-geo over world-atlas TopoJSON, bundled: no tiles, no CDN), linked through one selection,
// over dyad serve's /v1 API. Clicking anything lists its events with the trigger words marked.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './app.css';
import cytoscape from 'cytoscape';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';

countries.registerLocale(en);

const ROOTS = {
  '01': 'make public statement', '02': 'appeal', '03': 'express intent to cooperate',
  '04': 'consult', '05': 'diplomatic cooperation', '06': 'material cooperation',
  '07': 'provide aid', '08': 'yield', '09': 'investigate', '10': 'demand', '11': 'disapprove',
  '12': 'reject', '13': 'threaten', '14': 'protest', '15': 'exhibit force posture',
  '16': 'reduce relations', '17': 'coerce', '18': 'assault', '19': 'fight',
  '20': 'unconventional mass violence',
};
const PAGE = 25;

// The filters of the form, and what is selected in the linked views on top of them.
const state = { filters: {}, selection: null, page: 1 };

const $ = (id) => document.getElementById(id);

function setStatus(text, error = false) {
  $('status').textContent = text;
  $('status').className = error ? 'error' : '';
}

async function api(path, params = {}) {
  const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v != null));
  const res = await fetch(`${path}${qs.toString() ? '?' + qs : ''}`);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error ? body.error.message : `${res.status} ${res.statusText}`);
  return body;
}

function readFilters() {
  const f = {};
  for (const el of $('filters').elements) {
    if (!el.name || !el.value.trim()) continue;
    let v = el.value.trim();
    if (['source', 'target', 'country'].includes(el.name)) v = v.toUpperCase();
    f[el.name] = v;
  }
  return f;
}

// The query for the event list: the filters narrowed by the selection.
function selectionParams() {
  const p = { ...state.filters };
  const s = state.selection;
  if (!s) return p;
  if (s.kind === 'dyad') p.dyad = `${s.source},${s.target}`;
  if (s.kind === 'actor') p.source = s.code;
  if (s.kind === 'country') p.country = s.iso3;
  if (s.kind === 'period') { p.from = s.from; p.to = s.to; }
  return p;
}

function describeSelection() {
  const s = state.selection;
  if (!s) return 'Events';
  if (s.kind === 'dyad') return `Events between ${s.source} and ${s.target}`;
  if (s.kind === 'actor') return `Events by ${s.code}`;
  if (s.kind === 'country') return `Events involving ${s.name} (${s.iso3})`;
  return `Events ${s.from} … ${s.to}`;
}

// ---- Event list --------------------------------------------------------------------------

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// The sentence with the words behind trigger, source and target marked (first occurrence of each).
function highlight(sentence, e) {
  const marks = [];
  for (const [kind, words] of [['trigger', e.evidence?.trigger?.text], ['source', e.evidence?.source?.text], ['target', e.evidence?.target?.text]]) {
    if (!words) continue;
    const at = sentence.indexOf(words);
    if (at < 0 || marks.some((m) => at < m.end && at + words.length > m.begin)) continue;
    marks.push({ begin: at, end: at + words.length, kind });
  }
  marks.sort((a, b) => a.begin - b.begin);
  let html = '', pos = 0;
  for (const m of marks) {
    html += escapeHtml(sentence.slice(pos, m.begin));
    html += `<mark class="${m.kind}">${escapeHtml(sentence.slice(m.begin, m.end))}</mark>`;
    pos = m.end;
  }
  return html + escapeHtml(sentence.slice(pos));
}

async function loadEvents() {
  $('events-title').textContent = describeSelection();
  const data = await api('/v1/events', { ...selectionParams(), page: state.page, limit: PAGE });
  const list = $('events');
  list.innerHTML = '';
  for (const e of data.events) {
    const li = document.createElement('li');
    li.dataset.id = e.id;
    const gs = e.goldstein > 0 ? 'gs-pos' : e.goldstein < 0 ? 'gs-neg' : '';
    li.innerHTML = `<div class="meta">${escapeHtml(e.date)} · <b>${escapeHtml(e.source || '—')}</b> → <b>${escapeHtml(e.target || '—')}</b>
      · <span class="code">${escapeHtml(e.code)}</span> ${escapeHtml(e.plover || ROOTS[e.root] || '')}
      · <span class="${gs}">${e.goldstein.toFixed(1)}</span> · ${escapeHtml(e.doc_id)}</div>
      <div class="sentence">${highlight(e.sentence_text, e)}</div>`;
    li.addEventListener('click', () => toggleDetail(li, e.id));
    list.appendChild(li);
  }
  if (!data.events.length) list.innerHTML = '<li class="empty">No events match.</li>';
  $('page').textContent = `page ${state.page}`;
  $('prev').disabled = state.page <= 1;
  $('next').disabled = !data.has_more;
}

async function toggleDetail(li, id) {
  const open = li.querySelector('.detail');
  if (open) { open.remove(); li.classList.remove('open'); return; }
  const e = await api(`/v1/events/${id}`);
  const d = document.createElement('div');
  d.className = 'detail';
  const span = (s) => (s ? `"${s.text}" [${s.begin}, ${s.end})` : '—');
  d.textContent = `rule: ${e.rule}\nsource: ${span(e.evidence.source)}  target: ${span(e.evidence.target)}  trigger: ${span(e.evidence.trigger)}` +
    (e.evidence.date_text ? `\ndate: "${e.evidence.date_text}"` : '') + (e.url ? `\n${e.url}` : '') + (e.title ? `\n${e.title}` : '');
  li.appendChild(d);
  li.classList.add('open');
}

// ---- Timeline ----------------------------------------------------------------------------

let plot = null;
let periods = [];

function periodRange(period, by) {
  if (by === 'month') {
    const [y, m] = period.split('-').map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { from: period, to: `${period.slice(0, 7)}-${String(last).padStart(2, '0')}` };
  }
  if (by === 'week') {
    const d = new Date(period + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + 6);
    return { from: period, to: d.toISOString().slice(0, 10) };
  }
  return { from: period, to: period };
}

async function loadTimeline() {
  const by = $('by').value;
  const data = await api('/v1/series', { ...state.filters, by });
  periods = data.series.map((p) => p.period);
  const xs = data.series.map((p) => Date.parse(p.period + 'T00:00:00Z') / 1000);
  const counts = data.series.map((p) => p.events);
  const means = data.series.map((p) => (p.events ? p.goldstein_sum / p.events : null));
  const el = $('timeline');
  const opts = {
    width: el.clientWidth || 600,
    height: 230,
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max) * 1.1] }, g: { range: [-10, 10] } },
    axes: [{}, { label: 'events' }, { scale: 'g', side: 1, label: 'Goldstein', grid: { show: false } }],
    series: [
      {},
      { label: 'events', stroke: '#3f51b5', fill: 'rgba(63,81,181,.25)', paths: uPlot.paths.bars({ size: [0.8, 40] }), points: { show: false } },
      { label: 'mean Goldstein', stroke: '#e65100', scale: 'g', width: 2 },
      { label: 'selection', stroke: '#ff6f00', fill: 'rgba(255,111,0,.45)', paths: uPlot.paths.bars({ size: [0.5, 24] }), points: { show: false } },
    ],
  };
  if (plot) plot.destroy();
  plot = new uPlot(opts, [xs, counts, means, xs.map(() => null)], el);
  plot.over.addEventListener('click', () => {
    const i = plot.cursor.idx;
    if (i == null || !periods[i]) return;
    select({ kind: 'period', period: periods[i], ...periodRange(periods[i], by) });
  });
}

// The selected dyad's, actor's or country's own events per period, over the filtered bars.
async function overlaySelection() {
  if (!plot) return;
  const s = state.selection;
  let own = plot.data[0].map(() => null);
  if (s && s.kind !== 'period') {
    const data = await api('/v1/series', { ...selectionParams(), by: $('by').value });
    const byPeriod = new Map(data.series.map((p) => [p.period, p.events]));
    own = periods.map((p) => byPeriod.get(p) ?? null);
  }
  plot.setData([plot.data[0], plot.data[1], plot.data[2], own]);
}

// ---- Network -----------------------------------------------------------------------------

let cy = null;

// -10 red … 0 grey … +10 green.
function goldsteinColour(g) {
  const t = Math.max(-1, Math.min(1, g / 10));
  const grey = [150, 150, 150], end = t < 0 ? [198, 40, 40] : [46, 125, 50];
  const mix = grey.map((c, i) => Math.round(c + (end[i] - c) * Math.abs(t)));
  return `rgb(${mix.join(',')})`;
}

async function loadNetwork(dyads) {
  const nodes = new Map();
  const edges = [];
  const max = Math.max(1, ...dyads.map((d) => d.events));
  for (const d of dyads.slice(0, 60)) {
    if (!d.source || !d.target) continue;
    for (const code of [d.source, d.target]) nodes.set(code, (nodes.get(code) || 0) + d.events);
    edges.push({ data: { id: `${d.source}>${d.target}`, source: d.source, target: d.target, count: d.events,
      width: 1 + 7 * (d.events / max), colour: goldsteinColour(d.goldstein_mean), label: String(d.events) } });
  }
  const elements = [...[...nodes].map(([code, n]) => ({ data: { id: code, label: code, size: 14 + Math.min(30, 4 * Math.sqrt(n)) } })), ...edges];
  if (cy) cy.destroy();
  cy = cytoscape({
    container: $('network'),
    elements,
    style: [
      { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'background-color': '#5c6bc0', 'font-size': 10, color: '#1d2330', 'text-valign': 'bottom' } },
      { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 8 } },
      { selector: '.faded', style: { opacity: 0.15 } },
      { selector: ':selected, .picked', style: { 'background-color': '#ff6f00', 'line-color': '#ff6f00', 'target-arrow-color': '#ff6f00' } },
    ],
    layout: { name: edges.length > 1 ? 'cose' : 'grid', animate: false, randomize: false, padding: 10 },
    wheelSensitivity: 0.3,
  });
  cy.on('tap', 'edge', (ev) => select({ kind: 'dyad', source: ev.target.data('source'), target: ev.target.data('target') }));
  cy.on('tap', 'node', (ev) => select({ kind: 'actor', code: ev.target.id() }));
}

// ---- Map ---------------------------------------------------------------------------------

const shapes = feature(world, world.objects.countries).features;
let countryCounts = new Map();

function iso3Of(code) {
  const c = (code || '').slice(0, 3);
  return countries.alpha3ToNumeric(c) ? c : null;
}

function drawMap(countryRows) {
  countryCounts = new Map(countryRows.map((c) => [c.country, c.events]));
  const el = $('map');
  const width = el.clientWidth || 700, height = 310;
  const projection = geoNaturalEarth1().fitSize([width, height], { type: 'Sphere' });
  const path = geoPath(projection);
  const max = Math.max(1, ...countryCounts.values());
  let svg = `<svg viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><path d="${path({ type: 'Sphere' })}" fill="#e8eef7"/>`;
  for (const f of shapes) {
    const iso3 = countries.numericToAlpha3(f.id);
    const n = (iso3 && countryCounts.get(iso3)) || 0;
    const t = n ? 0.15 + 0.85 * Math.sqrt(n / max) : 0;
    const fill = n ? `rgba(63,81,181,${t.toFixed(2)})` : '#d5d8de';
    const sel = state.selection && state.selection.kind === 'country' && state.selection.iso3 === iso3;
    svg += `<path class="country${sel ? ' selected' : ''}" data-iso3="${iso3 || ''}" data-name="${escapeHtml(f.properties.name)}" d="${path(f)}" fill="${fill}"><title>${escapeHtml(f.properties.name)}: ${n} events</title></path>`;
  }
  el.innerHTML = svg + '</svg>';
  for (const p of el.querySelectorAll('path.country')) {
    p.addEventListener('click', () => {
      if (p.dataset.iso3) select({ kind: 'country', iso3: p.dataset.iso3, name: p.dataset.name });
    });
  }
}

// ---- Linking -----------------------------------------------------------------------------

// The selection highlighted in every view, then its events listed.
function select(selection) {
  state.selection = selection;
  state.page = 1;
  if (cy) {
    cy.elements().removeClass('faded picked');
    let picked = cy.collection();
    if (selection.kind === 'dyad') picked = cy.getElementById(`${selection.source}>${selection.target}`).union(cy.getElementById(selection.source)).union(cy.getElementById(selection.target));
    if (selection.kind === 'actor') picked = cy.getElementById(selection.code).union(cy.getElementById(selection.code).connectedEdges());
    if (selection.kind === 'country') picked = cy.nodes().filter((n) => n.id().startsWith(selection.iso3)).union(cy.nodes().filter((n) => n.id().startsWith(selection.iso3)).connectedEdges());
    if (picked.length) { cy.elements().not(picked).addClass('faded'); picked.addClass('picked'); }
  }
  for (const p of document.querySelectorAll('#map path.country')) {
    const iso3 = p.dataset.iso3;
    const on = (selection.kind === 'country' && selection.iso3 === iso3) ||
      (selection.kind === 'dyad' && [iso3Of(selection.source), iso3Of(selection.target)].includes(iso3)) ||
      (selection.kind === 'actor' && iso3Of(selection.code) === iso3);
    p.classList.toggle('selected', on);
  }
  if (plot && selection.kind === 'period') {
    const i = periods.indexOf(selection.period);
    if (i >= 0) plot.setCursor({ left: plot.valToPos(plot.data[0][i], 'x'), top: 10 });
  }
  loadEvents().catch((e) => setStatus(e.message, true));
  if (selection.kind !== 'period') overlaySelection().catch((e) => setStatus(e.message, true));
}

async function refresh() {
  state.filters = readFilters();
  state.selection = null;
  state.page = 1;
  setStatus('loading…');
  try {
    const [{ dyads }, { countries: countryRows }] = await Promise.all([
      api('/v1/dyads', { ...state.filters, limit: 200 }),
      api('/v1/countries', { ...state.filters, limit: 300 }),
      loadTimeline(),
    ]);
    await loadNetwork(dyads);
    drawMap(countryRows);
    await loadEvents();
    const health = await api('/v1/health');
    setStatus(`${health.events} events in store · ${dyads.length} dyads match`);
  } catch (e) {
    setStatus(e.message, true);
  }
}

function init() {
  const root = $('filters').elements.root;
  for (const [code, name] of Object.entries(ROOTS)) root.add(new Option(`${code} ${name}`, code));
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
  $('reset').addEventListener('click', () => { $('filters').reset(); refresh(); });
  $('by').addEventListener('change', () =>
    loadTimeline().then(overlaySelection).catch((e) => setStatus(e.message, true)));
  $('prev').addEventListener('click', () => { state.page--; loadEvents(); });
  $('next').addEventListener('click', () => { state.page++; loadEvents(); });
  window.addEventListener('resize', () => plot && plot.setSize({ width: $('timeline').clientWidth, height: 230 }));
  refresh();
}

// For the end-to-end test: where the network's edges are drawn (to click them like a person),
// and what the timeline shows.
window.dyadDashboard = { network: () => cy, timeline: () => plot, state };

init();
