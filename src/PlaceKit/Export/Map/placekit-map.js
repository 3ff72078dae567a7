/* PlaceKit map: the one map code of the studio page and of report.html (which inlines this file with Leaflet).
 * Homes coloured by place on one canvas, territories and authority areas through Leaflet's canvas renderer,
 * labels that never collide, a legend for every layer, a first view that fits the places. No basemap here: the
 * studio adds its tile layer itself; the report has none (it stays offline). Every text goes in as text, never HTML. */
(function (global) {
  'use strict';
  var L = global.L;

  var CSS = [
    '.pk-legend { background: rgba(255,255,255,.94); padding: 6px 9px; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); font: 12px/1.6 system-ui, "DejaVu Sans", sans-serif; color: #1d2329; max-width: 300px; }',
    '.pk-legend label { display: flex; align-items: center; gap: 5px; cursor: pointer; }',
    '.pk-legend .pk-note { color: #5d6770; font-size: 11px; line-height: 1.35; margin-top: 3px; }',
    '.pk-legend .key { display: inline-block; width: 18px; height: 10px; flex: none; }',
    '.pk-legend .dots { background: radial-gradient(circle, #4e79a7 30%, transparent 32%) 0 0/6px 6px, radial-gradient(circle, #f28e2b 30%, transparent 32%) 3px 3px/6px 6px; }',
    '.pk-legend .grey { background: radial-gradient(circle, #9aa1a8 30%, transparent 32%) 0 0/6px 6px; }',
    '.pk-legend .hull { border: 2px solid #4e79a7; background: rgba(78,121,167,.12); }',
    '.pk-legend .auth { border: 1.5px dashed #555; }',
    '.pk-legend .sel { border: 2px solid #111; background: #fff; width: 10px; }',
    '.pk-legend .lbl { font-weight: 700; font-size: 10px; text-align: center; line-height: 10px; }',
    '.pk-legend .lock { border: 4px solid #4e79a7; box-shadow: inset 0 0 0 1.5px #1d2329; background: rgba(78,121,167,.12); }',
  ].join('\n');

  function injectCss() {
    if (document.getElementById('placekit-map-css')) return;
    var s = document.createElement('style');
    s.id = 'placekit-map-css';
    s.textContent = CSS;
    document.head.appendChild(s);
  }

  /** A '#rrggbb' colour as one canvas pixel (ABGR, little-endian). */
  function rgba32(hex) {
    var v = parseInt(hex.slice(1), 16);
    return ((255 << 24) | ((v & 255) << 16) | (((v >> 8) & 255) << 8) | ((v >> 16) & 255)) >>> 0;
  }

  /** WGS84 to Web Mercator at zoom 0 (a 256-pixel world), once per home. */
  function project(lat, lng) {
    var n = lat.length, mx = new Float64Array(n), my = new Float64Array(n);
    for (var i = 0; i < n; i++) {
      mx[i] = (lng[i] + 180) / 360 * 256;
      var s = Math.sin(Math.max(-85.0511287798, Math.min(85.0511287798, lat[i])) * Math.PI / 180);
      my[i] = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 256;
    }
    return { mx: mx, my: my };
  }

  /** A Leaflet map on canvas with the panes the layers below use, and a metric scale bar. */
  function createMap(element, options) {
    injectCss();
    var o = options || {};
    var map = L.map(element, { preferCanvas: true, zoomSnap: 1, boxZoom: false, attributionControl: true });
    map.attributionControl.setPrefix(o.attributionPrefix === undefined ? 'Leaflet' : o.attributionPrefix);
    map.createPane('homes').style.zIndex = 390;
    map.createPane('labels').style.zIndex = 450;
    map.getPane('labels').style.pointerEvents = 'none';
    map.getPane('homes').style.pointerEvents = 'none';
    L.control.scale({ imperial: false }).addTo(map);
    return { map: map, renderer: L.canvas({ padding: 0.25 }) };
  }

  /** One canvas in a pane, redrawn after every move or zoom (hidden while a zoom animates); source() gives what to draw. */
  var CanvasLayer = L.Layer.extend({
    initialize: function (source) { this._source = source; this.drawn = 0; },
    onAdd: function (m) {
      this._canvas = L.DomUtil.create('canvas', this.options.className);
      m.getPane(this.options.pane).appendChild(this._canvas);
      m.on('moveend zoomend resize viewreset', this.redraw, this);
      m.on('zoomstart', this._hide, this);
      this.redraw();
    },
    onRemove: function (m) {
      L.DomUtil.remove(this._canvas);
      m.off('moveend zoomend resize viewreset', this.redraw, this);
      m.off('zoomstart', this._hide, this);
    },
    _hide: function () { this._canvas.style.visibility = 'hidden'; },
  });

  var UNPLACED32 = rgba32('#9aa1a8');
  var SELECTED32 = rgba32('#111111');

  /**
   * Every home as a small square on one canvas, coloured by its place; unplaced grey; selected homes with a dark ring.
   * source() returns { n, mx, my, assignment (place index or -1), colour32 (per place), showPlaced, showUnplaced,
   * selected (optional Uint8Array), selectionCount, bump (optional Uint8Array: pixels added to each side of a square
   * that stands for several homes, as the report's thinned grid draws them) }.
   */
  var HomesLayer = CanvasLayer.extend({
    options: { pane: 'homes', className: 'homes-canvas' },
    redraw: function () {
      var m = this._map;
      if (!m) return;
      var s = this._source();
      if (!s || !s.n) return;
      var size = m.getSize();
      var pad = size.multiplyBy(0.25).round();
      var w = size.x + 2 * pad.x, h = size.y + 2 * pad.y;
      var topLeft = m.containerPointToLayerPoint([-pad.x, -pad.y]).round();
      var c = this._canvas;
      if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
      L.DomUtil.setPosition(c, topLeft);
      var ctx = c.getContext('2d');
      var img = ctx.createImageData(w, h);
      var px = new Uint32Array(img.data.buffer);
      var z = m.getZoom(), scale = Math.pow(2, z), origin = m.getPixelOrigin();
      var ox = origin.x + topLeft.x, oy = origin.y + topLeft.y;
      var side = z >= 17 ? 7 : z >= 15 ? 5 : z >= 13 ? 4 : z >= 11 ? 3 : 2;
      var mx = s.mx, my = s.my, a = s.assignment, col = s.colour32, sel = s.selected, n = s.n, bump = s.bump;
      var square = function (i, sd, colour) {
        var x0 = Math.round(mx[i] * scale - ox) - (sd >> 1), y0 = Math.round(my[i] * scale - oy) - (sd >> 1);
        if (x0 >= w || y0 >= h || x0 + sd <= 0 || y0 + sd <= 0) return;
        var xa = Math.max(0, x0), xb = Math.min(w, x0 + sd), ya = Math.max(0, y0), yb = Math.min(h, y0 + sd);
        for (var y = ya; y < yb; y++) { var row = y * w; for (var x = xa; x < xb; x++) px[row + x] = colour; }
      };
      var i;
      if (s.showUnplaced) for (i = 0; i < n; i++) if (a[i] < 0 && !(sel && sel[i])) square(i, bump ? side + 2 * bump[i] : side, UNPLACED32);
      if (s.showPlaced) for (i = 0; i < n; i++) { var p = a[i]; if (p >= 0 && !(sel && sel[i])) square(i, bump ? side + 2 * bump[i] : side, col[p]); }
      if (sel && s.selectionCount > 0) {
        for (i = 0; i < n; i++) if (sel[i]) square(i, side + 4, SELECTED32);
        for (i = 0; i < n; i++) if (sel[i]) square(i, side, a[i] >= 0 ? col[a[i]] : UNPLACED32);
      }
      ctx.putImageData(img, 0, 0);
      c.style.visibility = '';
    },
  });

  var PLACE_FONT = '700 12px system-ui, "DejaVu Sans", sans-serif';
  var AUTHORITY_FONT = 'italic 12px system-ui, "DejaVu Sans", sans-serif';

  /**
   * Place and authority labels on one canvas. source() returns labels in priority order, each { text, latlng,
   * authority (bool) }; a label that would overlap one already drawn (or run off the map) is left out. drawn counts
   * the labels of the last redraw.
   */
  var LabelsLayer = CanvasLayer.extend({
    options: { pane: 'labels', className: 'labels-canvas' },
    redraw: function () {
      var m = this._map;
      if (!m) return;
      var labels = this._source();
      if (!labels) return;
      var size = m.getSize(), ratio = global.devicePixelRatio || 1, c = this._canvas;
      c.width = size.x * ratio; c.height = size.y * ratio;
      c.style.width = size.x + 'px'; c.style.height = size.y + 'px';
      L.DomUtil.setPosition(c, m.containerPointToLayerPoint([0, 0]));
      var ctx = c.getContext('2d');
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      ctx.lineWidth = 3; ctx.strokeStyle = 'rgba(255,255,255,.92)'; ctx.lineJoin = 'round';
      ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
      var boxes = [], drawn = 0;
      for (var k = 0; k < labels.length; k++) {
        var l = labels[k];
        if (!l.latlng || l.latlng.length !== 2) continue;
        var at = m.latLngToContainerPoint(l.latlng);
        ctx.font = l.authority ? AUTHORITY_FONT : PLACE_FONT;
        var tw = ctx.measureText(l.text).width;
        var b = { x0: at.x - tw / 2 - 3, x1: at.x + tw / 2 + 3, y0: at.y - 9, y1: at.y + 9 };
        if (b.x0 < 0 || b.y0 < 0 || b.x1 > size.x || b.y1 > size.y) continue;
        var clash = false;
        for (var j = 0; j < boxes.length && !clash; j++) { var o = boxes[j]; clash = b.x0 < o.x1 && b.x1 > o.x0 && b.y0 < o.y1 && b.y1 > o.y0; }
        if (clash) continue;
        boxes.push(b);
        ctx.strokeText(l.text, at.x, at.y);
        ctx.fillStyle = l.authority ? '#4a5560' : '#1d2329';
        ctx.fillText(l.text, at.x, at.y);
        if (!l.authority) drawn++;
      }
      this.drawn = drawn;
      c.style.visibility = '';
    },
  });

  /**
   * Each place's territory (or outline) as a polygon: places are { id, colour, outline: [[[lat, lng], ...]], locked }.
   * A locked place has a thick border with a dark inner line, so it reads as fixed at any zoom.
   */
  function territories(group, places, renderer, selectedId) {
    group.clearLayers();
    var polygons = new Map();
    for (var k = 0; k < places.length; k++) {
      var p = places[k], chosen = p.id === selectedId;
      var poly = L.polygon(p.outline, {
        renderer: renderer, interactive: false, color: chosen ? '#111' : p.colour, weight: chosen ? 3.5 : p.locked ? 6 : 2, opacity: 0.95,
        dashArray: chosen ? '7 4' : null, fillColor: p.colour, fillOpacity: chosen ? 0.16 : p.locked ? 0.12 : 0.07,
      });
      polygons.set(p.id, poly);
      group.addLayer(poly);
      if (p.locked) group.addLayer(L.polygon(p.outline, { renderer: renderer, interactive: false, color: '#1d2329', weight: 1.5, opacity: 0.9, fill: false }));
    }
    return polygons;
  }

  /** A place's label: its id, with "(locked)" after it when it is locked. */
  function placeLabel(p) { return p.locked ? p.id + ' (locked)' : p.id; }

  /** Authority areas: solid where a boundary was given, dashed where the area is drawn around the homes. */
  function authorityAreas(group, authorities, renderer) {
    group.clearLayers();
    for (var k = 0; k < authorities.length; k++) {
      var a = authorities[k];
      if (!a.outline || a.outline.length === 0) continue;
      group.addLayer(L.polygon(a.outline, { renderer: renderer, interactive: false, color: '#4a4f55', weight: a.boundary ? 2 : 1.5, opacity: 0.8, dashArray: a.boundary ? null : '5 6', fill: false }));
    }
    return group;
  }

  /** The legend rows every PlaceKit map has, one a layer (key: the layer it toggles); o.locked adds the locked-place key. */
  function legendItems(o) {
    var opts = o || {};
    return [
      { key: 'homes', kind: 'dots', text: 'Homes in a place (one colour a place; neighbours differ)', title: 'Each home as a square in its place\'s colour' },
      { key: 'unplaced', kind: 'grey', text: 'Unplaced homes', title: 'Homes in no place: trimmed clusters or taken out by an edit' },
      { key: 'outlines', kind: 'hull', text: 'Place territory (its share of the authority)', title: 'The part of the authority nearer the place\'s homes than any other home of that authority' },
      { key: 'authorities', kind: 'auth', text: 'Authority area (dashed: around its homes, no boundary given)', title: 'A place never crosses an authority border; solid where a boundary was given, dashed where the area is drawn around the authority\'s homes' },
      { key: 'labels', kind: 'lbl', text: 'Labels (place ids; authority codes in italics)', title: 'Labels that would overlap are left out; zoom in to see more' },
    ].concat(opts.locked ? [{ kind: 'lock', text: 'Locked place (thick border; "(locked)" after its id)', title: 'Edits and re-runs keep its homes until it is unlocked' }] : []).concat(opts.extra || []);
  }

  /** A legend control: a checkbox per layer row (onToggle(key, on)), a plain row for items without a key, an optional note. */
  function legend(items, onToggle, note) {
    var control = L.control({ position: 'bottomleft' });
    control.onAdd = function () {
      var box = L.DomUtil.create('div', 'pk-legend legend');
      box.id = 'legend';
      for (var k = 0; k < items.length; k++) {
        var it = items[k], label = document.createElement('label');
        if (it.title) label.title = it.title;
        if (it.key) {
          var input = document.createElement('input');
          input.type = 'checkbox'; input.checked = true; input.setAttribute('data-layer', it.key);
          (function (key, inp) { inp.addEventListener('change', function () { onToggle(key, inp.checked); }); })(it.key, input);
          label.appendChild(input);
        }
        var key = document.createElement('span');
        key.className = 'key ' + it.kind;
        if (it.kind === 'lbl') key.textContent = 'P';
        label.appendChild(key);
        label.appendChild(document.createTextNode(it.text));
        box.appendChild(label);
      }
      if (note) { var p = document.createElement('div'); p.className = 'pk-note'; p.textContent = note; box.appendChild(p); }
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    return control;
  }

  /**
   * First view: fit the homes in a place (homes: { n, lat, lng, assignment }), not the whole authorities their
   * territories tile; with no placed home, every home; with no home, the fallback group's polygons; else Great Britain.
   * Returns the bounds fitted.
   */
  function fitPlaces(map, homes, fallback) {
    var bounds = null;
    for (var pass = 0; pass < 2 && !bounds; pass++) {
      var s = 90, w = 180, nn = -90, e = -180, any = false;
      for (var i = 0; i < homes.n; i++) {
        if (pass === 0 && homes.assignment[i] < 0) continue;
        var la = homes.lat[i], lo = homes.lng[i];
        if (la < s) s = la; if (la > nn) nn = la; if (lo < w) w = lo; if (lo > e) e = lo; any = true;
      }
      if (any) bounds = L.latLngBounds([s, w], [nn, e]);
    }
    if (!bounds && fallback) fallback.eachLayer(function (poly) { var b = poly.getBounds(); bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast()); });
    map.fitBounds(bounds || L.latLngBounds([[49.9, -8], [58.7, 1.8]]), { padding: [20, 20], maxZoom: 17, animate: false });
    return bounds;
  }

  global.PlaceKitMap = {
    rgba32: rgba32, project: project, createMap: createMap, HomesLayer: HomesLayer, LabelsLayer: LabelsLayer,
    territories: territories, placeLabel: placeLabel, authorityAreas: authorityAreas, legendItems: legendItems, legend: legend, fitPlaces: fitPlaces,
  };
})(window);
