/* PlaceKit studio: the map (Leaflet, canvas) and the editing panel over the studio's API. */
(function () {
  'use strict';

  const cfg = JSON.parse(document.getElementById('config').textContent);
  const $ = (id) => document.getElementById(id);
  const fmt = new Intl.NumberFormat('en-GB');
  const fmt1 = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
  const fmt2 = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const perf = $('perf');
  const t0 = performance.now();

  /** Builds an element; children are nodes or text (never parsed as HTML). */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v; else if (k === 'style') e.style.cssText = v; else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  async function api(path, options) {
    const o = options || {};
    const headers = Object.assign({ 'X-PlaceKit-Token': cfg.token }, o.headers || {});
    return fetch(path, Object.assign({}, o, { headers, credentials: 'same-origin', cache: 'no-store' }));
  }

  // ---- data ---------------------------------------------------------------------------------------------------
  let n = 0, lat, lng, auth, mx, my;          // homes: WGS84 and Web Mercator at zoom 0 (256-pixel world)
  let assignment = new Int32Array(0);          // place index (into state.places) per home, -1 unplaced
  let authorities = [];                        // {code, homes, outline}
  let state = null;                            // places, coverage, history, flags
  let placeIndexById = new Map();
  let colour32 = new Uint32Array(0);           // per place index, ABGR for the canvas
  const K = window.PlaceKitMap;               // the shared map code (placekit-map.js; report.html inlines the same file)

  async function loadHomes() {
    const buf = await (await api('api/homes')).arrayBuffer();
    n = new Int32Array(buf, 0, 1)[0];
    lat = new Float32Array(buf, 4, n);
    lng = new Float32Array(buf, 4 + 4 * n, n);
    auth = new Int32Array(buf, 4 + 8 * n, n);
    ({ mx, my } = K.project(lat, lng));
    selected = new Uint8Array(n);
  }

  async function loadState() {
    const [s, a] = await Promise.all([api('api/state'), api('api/assignment')]);
    if (!s.ok || !a.ok) throw new Error('the studio did not answer (' + s.status + '/' + a.status + ')');
    state = await s.json();
    const buf = await a.arrayBuffer();
    assignment = new Int32Array(buf, 4, new Int32Array(buf, 0, 1)[0]);
    placeIndexById = new Map(state.places.map((p, i) => [p.id, i]));
    colour32 = new Uint32Array(state.places.map((p) => K.rgba32(p.colour)));
  }

  // ---- map (the shared PlaceKit map code) -----------------------------------------------------------------------
  const { map, renderer } = K.createMap('map', { attributionPrefix: '<a href="https://leafletjs.com">Leaflet</a>' });
  let basemap = null;
  let tilesLoaded = 0;
  if (cfg.basemapUrl) {
    basemap = L.tileLayer(cfg.basemapUrl, { attribution: cfg.basemapAttribution || '', maxZoom: 19, crossOrigin: false });
    basemap.on('tileload', () => { tilesLoaded++; });
    basemap.on('tileerror', () => {
      if (tilesLoaded === 0) notice('The basemap tiles could not be loaded (no network?). The map and editing work without them; start the studio with --basemap none to leave them out.');
    });
    basemap.addTo(map);
  } else {
    map.attributionControl.addAttribution('no basemap (--basemap none)');
  }

  function notice(text) { const e = $('notice'); e.textContent = text; e.hidden = false; }

  const layersOn = { homes: true, unplaced: true, outlines: true, authorities: true, labels: true };
  const homesLayer = new K.HomesLayer(() => ({
    n, mx, my, assignment, colour32, selected, selectionCount, showPlaced: layersOn.homes, showUnplaced: layersOn.unplaced,
  }));
  const labelsLayer = new K.LabelsLayer(() => {
    if (!state) return null;
    const order = state.places.map((p, i) => i);
    if (selectedPlace !== null && placeIndexById.has(selectedPlace)) order.unshift(placeIndexById.get(selectedPlace));
    const seen = new Set(), out = [];
    for (const i of order) { if (seen.has(i)) continue; seen.add(i); out.push({ text: K.placeLabel(state.places[i]), latlng: state.places[i].centre }); }
    if (layersOn.authorities) for (const a of authorities) out.push({ text: a.code, latlng: a.label, authority: true });
    return out;
  });
  const outlines = L.layerGroup();
  const authorityLayer = L.layerGroup();
  let polygons = new Map();    // place id -> polygon

  function drawOutlines() { polygons = K.territories(outlines, state.places, renderer, selectedPlace); }

  function redrawAll() {
    homesLayer.redraw();
    if (map.hasLayer(labelsLayer)) labelsLayer.redraw();
  }

  // ---- legend -------------------------------------------------------------------------------------------------
  const legend = K.legend(K.legendItems({ locked: true, extra: [{ kind: 'sel', text: 'Selected homes (dark ring)', title: 'Homes you selected' }] }), toggle);

  function toggle(key, on) {
    layersOn[key] = on;
    if (key === 'outlines') { if (on) outlines.addTo(map); else outlines.remove(); }
    if (key === 'authorities') { if (on) authorityLayer.addTo(map); else authorityLayer.remove(); }
    if (key === 'labels') { if (on) labelsLayer.addTo(map); else labelsLayer.remove(); }
    redrawAll();
  }

  // ---- selection ----------------------------------------------------------------------------------------------
  let selected = new Uint8Array(0);
  let selectionCount = 0;
  let selectedPlace = null;
  let tool = 'pan';

  function setSelection(indices, add) {
    if (!add) selected.fill(0);
    for (const i of indices) selected[i] = 1;
    selectionCount = 0;
    for (let i = 0; i < n; i++) selectionCount += selected[i];
    if (selectionCount > 0) selectedPlace = null;
    afterSelection();
  }

  function clearSelection() { selected.fill(0); selectionCount = 0; selectedPlace = null; afterSelection(); }

  function selectPlace(id) {
    selected.fill(0); selectionCount = 0; selectedPlace = id; afterSelection();
  }

  function selectedIndices() { const out = []; for (let i = 0; i < n; i++) if (selected[i]) out.push(i); return out; }

  function afterSelection() {
    drawOutlines();
    redrawAll();
    renderSelection();
  }

  function homesInBounds(sw, ne) {
    const a = map.project(sw, 0), b = map.project(ne, 0);
    const x0 = Math.min(a.x, b.x), x1 = Math.max(a.x, b.x), y0 = Math.min(a.y, b.y), y1 = Math.max(a.y, b.y);
    const out = [];
    for (let i = 0; i < n; i++) if (mx[i] >= x0 && mx[i] <= x1 && my[i] >= y0 && my[i] <= y1) out.push(i);
    return out;
  }

  function homesInPolygon(latLngs) {
    const pts = latLngs.map((ll) => map.project(ll, 0));
    if (pts.length < 3) return [];
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const p of pts) { x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y); }
    const out = [];
    for (let i = 0; i < n; i++) {
      const x = mx[i], y = my[i];
      if (x < x0 || x > x1 || y < y0 || y > y1) continue;
      let inside = false;
      for (let j = 0, k = pts.length - 1; j < pts.length; k = j++) {
        if ((pts[j].y > y) !== (pts[k].y > y) && x < (pts[k].x - pts[j].x) * (y - pts[j].y) / (pts[k].y - pts[j].y) + pts[j].x) inside = !inside;
      }
      if (inside) out.push(i);
    }
    return out;
  }

  function nearestHome(containerPoint, maxPx) {
    const z = map.getZoom(), scale = Math.pow(2, z), origin = map.getPixelOrigin();
    const topLeft = map.containerPointToLayerPoint([0, 0]);
    const cx = containerPoint.x + origin.x + topLeft.x, cy = containerPoint.y + origin.y + topLeft.y;
    let best = -1, bestD = maxPx * maxPx;
    for (let i = 0; i < n; i++) {
      const dx = mx[i] * scale - cx, dy = my[i] * scale - cy, d = dx * dx + dy * dy;
      if (d <= bestD) { bestD = d; best = i; }
    }
    return best;
  }

  function placeAt(latlng) {
    // Territories do not overlap within an authority; the even-odd rule over every ring handles holes and parts.
    const p = map.project(latlng, 0);
    let hit = null;
    for (const place of state.places) {
      let inside = false;
      for (const polygon of place.outline) {
        for (const r of polygon) {
          const ring = r.map((ll) => map.project(ll, 0));
          for (let j = 0, k = ring.length - 1; j < ring.length; k = j++) {
            if ((ring[j].y > p.y) !== (ring[k].y > p.y) && p.x < (ring[k].x - ring[j].x) * (p.y - ring[j].y) / (ring[k].y - ring[j].y) + ring[j].x) inside = !inside;
          }
        }
      }
      if (inside && (hit === null || place.homes < hit.homes)) hit = place;
    }
    return hit;
  }

  map.on('click', (e) => {
    if (tool !== 'pan') return;
    const add = e.originalEvent.ctrlKey || e.originalEvent.metaKey;
    const i = nearestHome(e.containerPoint, 8);
    if (i >= 0) {
      if (add && selected[i]) { selected[i] = 0; setSelection([], true); } else setSelection([i], add);
      showHome(i);
      return;
    }
    const place = placeAt(e.latlng);
    if (place) selectPlace(place.id); else clearSelection();
  });

  async function showHome(i) {
    const r = await api('api/home/' + i);
    if (!r.ok) return;
    const h = await r.json();
    $('tool-hint').textContent = 'Home ' + h.id + ' · ' + h.authority + ' · ' + (h.place ? 'in ' + h.place : 'unplaced: ' + (h.reason || ''));
  }

  // Box selection: Leaflet's box-zoom handler, finishing with a selection instead of a zoom. Shift-drag in any tool, plain drag in the Box tool.
  const BoxSelect = L.Map.BoxZoom.extend({
    _onMouseDown(e) {
      if (!(e.shiftKey || tool === 'box') || ((e.which !== 1) && (e.button !== 0))) return false;
      if (e.target.closest && e.target.closest('.leaflet-control-container')) return false;
      this._clearDeferredResetState();
      this._resetState();
      L.DomUtil.disableTextSelection();
      L.DomUtil.disableImageDrag();
      this._startPoint = this._map.mouseEventToContainerPoint(e);
      L.DomEvent.on(document, { contextmenu: L.DomEvent.stop, mousemove: this._onMouseMove, mouseup: this._onMouseUp, keydown: this._onKeyDown }, this);
    },
    _onMouseUp(e) {
      if ((e.which !== 1) && (e.button !== 0)) return;
      this._finish();
      if (!this._moved) return;
      this._clearDeferredResetState();
      this._resetStateTimeout = setTimeout(L.Util.bind(this._resetState, this), 0);
      const a = this._map.containerPointToLatLng(this._startPoint), b = this._map.containerPointToLatLng(this._point);
      setSelection(homesInBounds(a, b), e.ctrlKey || e.metaKey);
    },
  });
  map.addHandler('boxSelect', BoxSelect);
  map.boxSelect.enable();

  const lasso = L.lasso(map, { intersect: true, polygon: { color: '#111', weight: 2, dashArray: '4 4' } });
  map.on('lasso.finished', (e) => {
    setSelection(homesInPolygon(e.latLngs), e.originalEvent && (e.originalEvent.ctrlKey || e.originalEvent.metaKey));
    if (tool === 'lasso') setTimeout(() => lasso.enable(), 0);
  });

  const hints = {
    pan: 'Drag to pan, scroll to zoom. Click a home to select it (Ctrl-click adds); click inside an outline to select the place. Shift-drag selects a box.',
    box: 'Drag a box around homes to select them (Ctrl adds to the selection).',
    lasso: 'Draw around homes to select them (Ctrl adds to the selection).',
  };

  function setTool(t) {
    tool = t;
    for (const b of document.querySelectorAll('[data-tool]')) b.classList.toggle('active', b.dataset.tool === t);
    if (t === 'lasso') lasso.enable(); else if (lasso.enabled()) lasso.disable();
    if (t === 'box') { map.dragging.disable(); map.getContainer().classList.add('box-tool'); } else { map.getContainer().classList.remove('box-tool'); if (t === 'pan') map.dragging.enable(); }
    $('tool-hint').textContent = hints[t];
  }
  for (const b of document.querySelectorAll('[data-tool]')) b.addEventListener('click', () => setTool(b.dataset.tool));

  // ---- panel --------------------------------------------------------------------------------------------------
  function placesOfAuthority(code) { return state.places.filter((p) => p.authority === code).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })); }

  function fillSelect(select, groups) {
    const keep = select.value;
    select.replaceChildren();
    for (const [label, places] of groups) {
      const parent = groups.length > 1 ? select.appendChild(el('optgroup', { label })) : select;
      for (const p of places) parent.append(el('option', { value: p.id }, p.id + ' (' + fmt.format(p.homes) + ' homes)'));
    }
    if ([...select.options].some((o) => o.value === keep)) select.value = keep;
  }

  function renderSelection() {
    const summary = $('selection-summary');
    $('home-actions').hidden = selectionCount === 0;
    $('place-actions').hidden = selectedPlace === null;
    if (selectionCount > 0) {
      const byAuthority = new Map(), byPlace = new Map();
      for (let i = 0; i < n; i++) {
        if (!selected[i]) continue;
        const a = authorities[auth[i]].code;
        byAuthority.set(a, (byAuthority.get(a) || 0) + 1);
        const p = assignment[i] >= 0 ? state.places[assignment[i]].id : 'unplaced';
        byPlace.set(p, (byPlace.get(p) || 0) + 1);
      }
      const parts = [...byPlace.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([p, k]) => p + ' ' + fmt.format(k));
      summary.textContent = fmt.format(selectionCount) + (selectionCount === 1 ? ' home' : ' homes') + ' selected in ' +
        [...byAuthority.keys()].join(', ') + ' · from ' + parts.join(', ') + (byPlace.size > 6 ? ', …' : '');
      summary.classList.remove('muted');
      fillSelect($('move-to'), [...byAuthority.keys()].map((a) => [a, placesOfAuthority(a)]));
      $('move').disabled = $('move-to').options.length === 0;
      const ids = [...byPlace.keys()].filter((id) => id !== 'unplaced');
      const places = ids.map((id) => state.places[placeIndexById.get(id)]);
      const allLocked = places.length > 0 && places.every((q) => q.locked);
      $('lock-places').hidden = places.length === 0;
      $('lock-places').textContent = (allLocked ? 'Unlock ' : 'Lock ') + (places.length === 1 ? 'its place (' + places[0].id + ')' : 'their ' + places.length + ' places');
    } else if (selectedPlace !== null && placeIndexById.has(selectedPlace)) {
      const p = state.places[placeIndexById.get(selectedPlace)];
      summary.textContent = 'Place ' + p.id + ' selected.';
      summary.classList.remove('muted');
      $('place-summary').replaceChildren(el('span', { class: 'swatch', style: 'background:' + p.colour }),
        el('strong', {}, p.id), p.locked ? el('span', { class: 'locked-badge', title: 'Edits that would change it are refused until it is unlocked; re-runs keep its homes' }, 'locked') : '',
        ' · ' + p.authority + ' · ' + fmt.format(p.homes) + ' homes · rank ' + p.rank +
        ' · tightness ' + fmt.format(Math.round(p.tightness)) + '/km² · r90 ' + fmt.format(Math.round(p.r90)) + ' m · territory ' + fmt2.format(p.territoryKm2) + ' km², compactness ' + fmt2.format(p.compactness) + ' (Polsby-Popper), ' + fmt2.format(p.reock) + ' (Reock)');
      fillSelect($('merge-with'), [[p.authority, placesOfAuthority(p.authority).filter((q) => q.id !== p.id)]]);
      $('merge').disabled = $('merge-with').options.length === 0 || !!p.locked;
      for (const id of ['split', 'remove']) $(id).disabled = !!p.locked;
      for (const id of ['merge', 'split', 'remove']) $(id).title = p.locked ? 'Locked: unlock the place first' : '';
      $('lock').textContent = p.locked ? 'Unlock place' : 'Lock place';
      $('lock').title = p.locked ? 'Let edits and re-runs change this place again' : 'Keep this place as it is: edits that would change it are refused, re-runs keep its homes';
      $('place-pick').value = p.id;
    } else {
      selectedPlace = null;
      $('place-actions').hidden = true;
      summary.textContent = 'Nothing selected. Click a home, drag a box or draw a lasso.';
      summary.classList.add('muted');
    }
  }

  function renderState() {
    $('plan-name').textContent = state.planPath || '';
    $('headline').textContent = state.coverage.headline;
    $('undo').disabled = !state.canUndo;
    $('redo').disabled = !state.canRedo;
    $('save-status').textContent = state.unsaved ? 'Unsaved edits. Save writes to ' + (state.outputDirectory || '(no folder)') : 'All edits saved' + (state.outputDirectory ? ' (saves go to ' + state.outputDirectory + ')' : '') + '.';
    document.title = (state.unsaved ? '● ' : '') + document.title.replace(/^● /, '');
    const pick = $('place-pick');
    const keep = selectedPlace;
    pick.replaceChildren(el('option', { value: '' }, 'choose a place…'));
    const sorted = [...state.places].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
    for (const p of sorted) pick.append(el('option', { value: p.id }, p.id + ' · ' + p.authority + ' · ' + fmt.format(p.homes) + ' homes'));
    pick.value = keep && placeIndexById.has(keep) ? keep : '';
    const list = $('history');
    list.replaceChildren();
    for (const e of [...state.history].reverse()) {
      const what = describe(e);
      const when = e.time ? new Date(e.time).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' }) : '';
      list.append(el('li', { value: state.history.indexOf(e) + 1 }, what, ' ', el('span', { class: 'who' }, '· ' + (e.author || 'unknown') + (when ? ' · ' + when : ''))));
    }
    if (state.history.length === 0) list.append(el('li', { class: 'muted', style: 'list-style:none' }, 'No edits.'));
  }

  function describe(e) {
    const t = e.targetCount;
    const first = e.targets.slice(0, 3).join(', ') + (t > 3 ? ', …' : '');
    switch (e.action) {
      case 'move': return 'Moved ' + fmt.format(t) + (t === 1 ? ' home' : ' homes') + ' (' + first + ') into ' + e.argument;
      case 'merge': return 'Merged ' + e.targets.join(' + ') + ' (kept ' + e.targets[0] + ')';
      case 'split': return 'Split ' + first + ' into ' + e.argument;
      case 'remove': return 'Removed ' + first;
      case 'create': return 'Created ' + e.argument + ' from ' + fmt.format(t) + (t === 1 ? ' home' : ' homes');
      case 'unplace': return 'Unplaced ' + fmt.format(t) + (t === 1 ? ' home' : ' homes') + ' (' + first + ')';
      case 'lock': return 'Locked ' + first;
      case 'unlock': return 'Unlocked ' + first;
      default: return e.action + ' ' + first + ' ' + e.argument;
    }
  }

  function message(text, ok, items) {
    const m = $('message');
    m.replaceChildren(text);
    if (items && items.length) m.append(el('ul', {}, ...items.map((i) => el('li', {}, i))));
    m.className = ok ? 'ok' : '';
    m.hidden = false;
  }

  function clearMessage() { $('message').hidden = true; }

  function showChanges(title, outcome) {
    $('changes-title').textContent = title;
    const body = $('changes-body');
    body.classList.remove('muted');
    const cell = (b, a, f, higherIsBetter) => {
      if (b === null && a === null) return el('td', {}, '');
      if (b === null) return el('td', {}, el('span', { class: 'was' }, '— → '), f(a));
      if (a === null) return el('td', {}, f(b), el('span', { class: 'was' }, ' → —'));
      if (b === a) return el('td', {}, f(a));
      const better = higherIsBetter === null ? '' : ((a > b) === higherIsBetter ? 'up' : 'down');
      return el('td', {}, el('span', { class: 'was' }, f(b) + ' → '), el('span', { class: better }, f(a)));
    };
    const v = (side, k) => (side ? side[k] : null);
    const table = el('table', { id: 'changes-table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Place'), el('th', {}, 'Homes'), el('th', { title: 'homes per km² of the disc holding 90% of them' }, 'Tightness'),
        el('th', { title: 'radius holding 90% of the homes, metres' }, 'r90 m'), el('th', { title: 'Polsby-Popper compactness of the territory, 4π·area/perimeter² (1 = a disc)' }, 'Compact.'))));
    const tbody = el('tbody');
    for (const c of outcome.changes) {
      const colour = placeIndexById.has(c.id) ? state.places[placeIndexById.get(c.id)].colour : '#9aa1a8';
      tbody.append(el('tr', { 'data-place': c.id },
        el('td', {}, el('span', { class: 'swatch', style: 'background:' + colour }), c.id),
        cell(v(c.before, 'homes'), v(c.after, 'homes'), (x) => fmt.format(x), null),
        cell(v(c.before, 'tightness'), v(c.after, 'tightness'), (x) => fmt.format(Math.round(x)), true),
        cell(v(c.before, 'r90'), v(c.after, 'r90'), (x) => fmt.format(Math.round(x)), false),
        cell(v(c.before, 'compactness'), v(c.after, 'compactness'), (x) => fmt2.format(x), true)));
    }
    table.append(tbody);
    const cb = outcome.coverageBefore, ca = outcome.coverageAfter;
    const coverage = el('p', { id: 'coverage-change' }, 'Coverage ' + fmt1.format(cb.ratio * 100) + '% → ' + fmt1.format(ca.ratio * 100) + '% (' +
      fmt.format(cb.placedHomes) + ' → ' + fmt.format(ca.placedHomes) + ' homes placed; ' + fmt.format(cb.places) + ' → ' + fmt.format(ca.places) + ' places)');
    const more = outcome.changedPlaceCount > outcome.changes.length ? el('p', { class: 'muted' }, '… and ' + (outcome.changedPlaceCount - outcome.changes.length) + ' more places') : null;
    body.replaceChildren(el('p', { class: 'muted' }, describe(outcome.edit)), table, more || '', coverage);
  }

  // ---- edits --------------------------------------------------------------------------------------------------
  let author = localStorage.getItem('placekit-studio-author') || '';
  $('author').textContent = author || '(not set)';

  function askAuthor() {
    return new Promise((resolve) => {
      const d = $('author-dialog');
      const input = $('author-input');
      input.value = author;
      const done = (ok) => {
        $('author-ok').onclick = $('author-cancel').onclick = input.onkeydown = null;
        d.close();
        if (ok && input.value.trim()) {
          author = input.value.trim().slice(0, 80);
          localStorage.setItem('placekit-studio-author', author);
          $('author').textContent = author;
        }
        resolve(author);
      };
      $('author-ok').onclick = () => done(true);
      $('author-cancel').onclick = () => done(false);
      input.onkeydown = (e) => { if (e.key === 'Enter') done(true); };
      d.showModal();
      input.focus();
    });
  }
  $('change-author').addEventListener('click', askAuthor);

  let busy = false;
  async function send(path, body, title) {
    if (busy) return;
    if (path === 'api/edit') {
      if (!author) await askAuthor();
      if (!author) { message('An edit needs your name for the history.'); return; }
      body.author = author;
    }
    busy = true;
    document.body.classList.add('busy');
    const start = performance.now();
    try {
      const r = await api(path, body ? { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : { method: 'POST' });
      if (r.status === 422) {
        const refusal = await r.json();
        const items = refusal.problems.map((p) => p.reason);
        if (refusal.totalProblems > items.length) items.push('… and ' + fmt.format(refusal.totalProblems - items.length) + ' more');
        message('The edit was refused; nothing changed:', false, items);
        return;
      }
      if (!r.ok) { message((await r.text()).trim() || ('The studio answered ' + r.status)); return; }
      const outcome = await r.json();
      const answered = performance.now();
      clearMessage();
      await loadState();
      const loaded = performance.now();
      if (selectedPlace !== null && !placeIndexById.has(selectedPlace)) selectedPlace = null;
      drawOutlines();
      redrawAll();
      renderState();
      renderSelection();
      showChanges(title(outcome), outcome);
      // Applied and redrawn: wait for the frame that shows it.
      await new Promise((resolve) => requestAnimationFrame(() => resolve()));
      const ms = performance.now() - start;
      perf.dataset.lastEditMs = ms.toFixed(1);
      perf.dataset.lastEditServerMs = (answered - start).toFixed(1);
      perf.dataset.lastEditLoadMs = (loaded - answered).toFixed(1);
      perf.dataset.lastEditDrawMs = (ms - (loaded - start)).toFixed(1);
      perf.dataset.edits = String((+perf.dataset.edits || 0) + 1);
    } catch (err) {
      message('The studio could not be reached: ' + err.message);
    } finally {
      busy = false;
      document.body.classList.remove('busy');
    }
  }

  const edit = (action, targets, argument) => send('api/edit', Object.assign({ action, argument: argument || '', author }, targets), () => 'Last change');
  $('move').addEventListener('click', () => edit('move', { homes: selectedIndices() }, $('move-to').value));
  $('create').addEventListener('click', () => {
    const name = $('new-name').value.trim();
    if (!name) { message('Give the new place a name.'); return; }
    edit('create', { homes: selectedIndices() }, name);
  });
  $('unplace').addEventListener('click', () => edit('unplace', { homes: selectedIndices() }, ''));
  $('clear').addEventListener('click', clearSelection);
  $('merge').addEventListener('click', () => edit('merge', { places: [selectedPlace, $('merge-with').value] }, ''));
  $('split').addEventListener('click', () => edit('split', { places: [selectedPlace] }, $('split-k').value));
  $('remove').addEventListener('click', () => edit('remove', { places: [selectedPlace] }, ''));
  $('lock').addEventListener('click', () => {
    const p = state.places[placeIndexById.get(selectedPlace)];
    edit(p.locked ? 'unlock' : 'lock', { places: [p.id] }, '');
  });
  $('lock-places').addEventListener('click', () => {
    const ids = new Set();
    for (let i = 0; i < n; i++) if (selected[i] && assignment[i] >= 0) ids.add(state.places[assignment[i]].id);
    const places = [...ids].sort().map((id) => state.places[placeIndexById.get(id)]);
    const allLocked = places.every((q) => q.locked);
    edit(allLocked ? 'unlock' : 'lock', { places: places.filter((q) => !!q.locked === allLocked).map((q) => q.id) }, '');
  });
  $('select-homes').addEventListener('click', () => {
    const p = placeIndexById.get(selectedPlace);
    const out = [];
    for (let i = 0; i < n; i++) if (assignment[i] === p) out.push(i);
    setSelection(out, false);
  });
  $('place-pick').addEventListener('change', () => {
    const id = $('place-pick').value;
    if (!id) return;
    selectPlace(id);
    const poly = polygons.get(id);
    if (poly) map.fitBounds(poly.getBounds(), { padding: [40, 40], maxZoom: 16 });
  });
  const undo = () => send('api/undo', null, (o) => 'Undone');
  const redo = () => send('api/redo', null, (o) => 'Redone');
  $('undo').addEventListener('click', undo);
  $('redo').addEventListener('click', redo);

  async function save() {
    if (busy) return;
    busy = true;
    try {
      const r = await api('api/save', { method: 'POST' });
      const body = await r.json().catch(() => ({ error: 'the studio answered ' + r.status }));
      if (!r.ok || !body.saved) { message('Not saved: ' + body.error); return; }
      message('Saved ' + fmt.format(body.edits) + (body.edits === 1 ? ' edit' : ' edits') + ' to ' + body.directory + ': ' + body.files.join(', '), true);
      await loadState();
      renderState();
    } finally {
      busy = false;
    }
  }
  $('save').addEventListener('click', save);

  document.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'z' && !e.shiftKey) { e.preventDefault(); undo(); }
    else if (mod && (e.key.toLowerCase() === 'y' || (e.key.toLowerCase() === 'z' && e.shiftKey))) { e.preventDefault(); redo(); }
    else if (mod && e.key.toLowerCase() === 's') { e.preventDefault(); save(); }
    else if (e.key === 'Escape') clearSelection();
  });

  window.addEventListener('beforeunload', (e) => {
    if (state && state.unsaved) { e.preventDefault(); e.returnValue = ''; }
  });

  // ---- start --------------------------------------------------------------------------------------------------
  async function start() {
    try {
      const [, auths] = await Promise.all([loadHomes(), api('api/authorities').then((r) => r.json()), loadState()]);
      authorities = auths;
      K.authorityAreas(authorityLayer, authorities, renderer);
      authorityLayer.addTo(map);
      outlines.addTo(map);
      drawOutlines();
      // First view: fit the homes in a place (or every home, or the authority areas).
      K.fitPlaces(map, { n, lat, lng, assignment }, authorityLayer);
      homesLayer.addTo(map);
      labelsLayer.addTo(map);
      legend.addTo(map);
      renderState();
      renderSelection();
      setTool('pan');
      requestAnimationFrame(() => {
        perf.dataset.openMs = (performance.now() - t0).toFixed(1);
        perf.dataset.homes = String(n);
        perf.dataset.labels = String(labelsLayer.drawn);
        document.body.dataset.ready = 'true';
      });
    } catch (err) {
      message('The studio could not load the plan: ' + err.message);
      document.body.dataset.ready = 'error';
    }
  }

  // For automation (the browser tests) and the curious: where things are on screen.
  window.placekitStudio = {
    placeCentre(id) { const p = state.places[placeIndexById.get(id)]; const pt = map.latLngToContainerPoint(p.centre); const r = map.getContainer().getBoundingClientRect(); return { x: pt.x + r.left, y: pt.y + r.top }; },
    place(id) { return state.places[placeIndexById.get(id)]; },
    places() { return state.places.map((p) => ({ id: p.id, authority: p.authority, homes: p.homes })); },
    selectionCount() { return selectionCount; },
    selectedIndices() { return selectedIndices(); },
    selectedPlace() { return selectedPlace; },
    fitPlace(id) { map.fitBounds(polygons.get(id).getBounds(), { padding: [40, 40], animate: false }); },
    fitPlaces(ids) { let b = null; for (const id of ids) { const g = polygons.get(id).getBounds(); b = b ? b.extend(g) : g; } map.fitBounds(b, { padding: [40, 40], animate: false }); },
    setView(latlng, zoom) { map.setView(latlng, zoom, { animate: false }); },
    map,
  };

  start();
})();
