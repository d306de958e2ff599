/* shanhai graph page: builds the vis-network view from the embedded JSON and wires the
   controls.  Document text is only ever put into the DOM with textContent, and the
   canvas/tooltip of vis-network render strings as text, so quotes cannot inject markup. */
(function () {
  "use strict";

  var D = JSON.parse(document.getElementById("shanhai-data").textContent);
  // Column positions of the compact node / edge rows written by render.py.
  var N = { id: 0, label: 1, name: 2, cls: 3, code: 4, size: 5, fx: 6, fy: 7, gx: 8, gy: 9, py: 10, deg: 11, ll: 12, ev: 13 };
  var E = { id: 0, from: 1, to: 2, rel: 3, label: 4, start: 5, end: 6, ev: 7 };
  var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var MAX_FACTS = 80;
  var MAX_QUOTES = 6;

  var nodeCount = D.nodes.length;
  var edgeCount = D.edges.length;
  var state = {
    classOn: D.classes.map(function () { return true; }),
    relOn: D.relations.map(function () { return true; }),
    year: null,
    undated: true,
    layout: D.layout,
    focus: null,
    pinned: null,
    shown: null
  };
  var nodeShown = new Uint8Array(nodeCount).fill(1);
  var edgeShown = new Uint8Array(edgeCount).fill(1);
  var nodeDim = new Uint8Array(nodeCount);
  var edgeDim = new Uint8Array(edgeCount);
  var incident = [];
  var byIri = new Map();
  var i;
  for (i = 0; i < nodeCount; i++) { incident.push([]); byIri.set(D.nodes[i][N.id], i); }
  for (i = 0; i < edgeCount; i++) {
    incident[D.edges[i][E.from]].push(i);
    if (D.edges[i][E.to] !== D.edges[i][E.from]) { incident[D.edges[i][E.to]].push(i); }
  }

  // ------------------------------------------------------------------ small DOM helpers
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function yearsText(start, end) {
    if (start === null && end === null) { return "无年份"; }
    return (start === null ? "" : start + "年") + "–" + (end === null ? "" : end + "年");
  }
  function nodeTitle(r) {
    return r[N.name] || r[N.label];
  }

  // ------------------------------------------------------------------ vis data
  var groups = {};
  D.classes.forEach(function (c, k) {
    groups["c" + k] = {
      shape: c.shape,
      color: {
        background: c.color, border: "#2b2b2b",
        highlight: { background: c.color, border: "#000000" },
        hover: { background: c.color, border: "#000000" }
      }
    };
  });
  var edgeColors = D.relations.map(function (r) {
    return { color: r.color, highlight: r.color, hover: r.color, inherit: false, opacity: 1 };
  });
  var edgeColorsDim = D.relations.map(function (r) {
    return { color: r.color, highlight: r.color, hover: r.color, inherit: false, opacity: 0.08 };
  });
  var NODE_FONT = { color: "#1f2328" };
  var NODE_FONT_DIM = { color: "rgba(31,35,40,0.22)" };
  var EDGE_FONT = { color: "#4a4a4a" };
  var EDGE_FONT_DIM = { color: "rgba(74,74,74,0.12)" };

  function positionsFor(layout) {
    var xi = layout === "geo" ? N.gx : N.fx;
    var yi = layout === "geo" ? N.gy : N.fy;
    return D.nodes.map(function (r, k) { return { id: k, x: r[xi], y: r[yi] }; });
  }
  var start = positionsFor(state.layout);
  var nodes = new vis.DataSet(D.nodes.map(function (r, k) {
    var cls = D.classes[r[N.cls]];
    return {
      id: k, label: r[N.label], group: "c" + r[N.cls], size: r[N.size],
      title: nodeTitle(r) + " · " + cls.zh, x: start[k].x, y: start[k].y, hidden: false, opacity: 1
    };
  }));
  var edges = new vis.DataSet(D.edges.map(function (r, k) {
    var rel = D.relations[r[E.rel]];
    return {
      id: k, from: r[E.from], to: r[E.to], label: r[E.label], color: edgeColors[r[E.rel]],
      width: rel.width, dashes: rel.dashes, hidden: false
    };
  }));

  var options = {
    autoResize: true,
    groups: groups,
    nodes: {
      borderWidth: 1.2,
      font: { face: FONT, size: 15, color: "#1f2328", strokeWidth: 4, strokeColor: "#ffffff" },
      scaling: { label: { drawThreshold: D.large ? 7 : 4 } }
    },
    edges: {
      smooth: false,
      arrows: { to: { enabled: true, scaleFactor: 0.55 } },
      font: { face: FONT, size: 11, align: "horizontal", color: "#4a4a4a", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { label: { drawThreshold: D.large ? 8 : 5 } },
      selectionWidth: 1.5,
      hoverWidth: 0.8
    },
    interaction: {
      hover: true,
      tooltipDelay: 120,
      hideEdgesOnDrag: D.large,
      hideEdgesOnZoom: D.large,
      multiselect: false
    },
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: D.physics ? {
      enabled: true,
      solver: "barnesHut",
      barnesHut: {
        gravitationalConstant: -2600, centralGravity: 0.6, springLength: 120,
        springConstant: 0.04, damping: 0.45, avoidOverlap: D.nodes.length > 300 ? 0 : 0.3
      },
      stabilization: { enabled: true, iterations: D.stabilize, updateInterval: 25, fit: true },
      minVelocity: 0.75,
      maxVelocity: 40
    } : { enabled: false }
  };

  var container = $("graph");
  var network = new vis.Network(container, { nodes: [], edges: [] }, options);
  var forcePositions = null;

  function markReady() {
    if (window.shanhaiReady) { return; }
    window.shanhaiReady = true;
    document.body.setAttribute("data-ready", "1");
  }
  function readyAfterDraw() {
    network.once("afterDrawing", markReady);
    network.redraw();
  }
  if (D.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      forcePositions = network.getPositions();
      network.fit({ animation: false });
      readyAfterDraw();
    });
  }
  network.setData({ nodes: nodes, edges: edges });
  if (!D.physics) {
    network.fit({ animation: false });
    readyAfterDraw();
  }

  // ------------------------------------------------------------------ visibility
  function edgeVisible(k) {
    var r = D.edges[k];
    if (!state.relOn[r[E.rel]] || !nodeShown[r[E.from]] || !nodeShown[r[E.to]]) { return false; }
    var s = r[E.start];
    var e = r[E.end];
    if (s === null && e === null) { return state.undated; }
    if (state.year === null) { return true; }
    return (s === null || s <= state.year) && (e === null || e >= state.year);
  }
  function applyVisibility() {
    var nu = [];
    var eu = [];
    var k;
    for (k = 0; k < nodeCount; k++) {
      var nv = state.classOn[D.nodes[k][N.cls]] ? 1 : 0;
      if (nv !== nodeShown[k]) { nodeShown[k] = nv; nu.push({ id: k, hidden: !nv }); }
    }
    for (k = 0; k < edgeCount; k++) {
      var ev = edgeVisible(k) ? 1 : 0;
      if (ev !== edgeShown[k]) { edgeShown[k] = ev; eu.push({ id: k, hidden: !ev }); }
    }
    if (nu.length) { nodes.update(nu); }
    if (eu.length) { edges.update(eu); }
    updateStatus();
  }
  function visibleCounts() {
    var body = network.body;
    var n = 0;
    var e = 0;
    Object.keys(body.nodes).forEach(function (id) {
      var nd = body.nodes[id];
      if (!nd.isCluster && !nd.options.hidden) { n++; }
    });
    Object.keys(body.edges).forEach(function (id) {
      var ed = body.edges[id];
      if (ed.connected && !ed.options.hidden && ed.from && ed.to && !ed.from.options.hidden && !ed.to.options.hidden) { e++; }
    });
    return { nodes: n, edges: e };
  }
  function updateStatus() {
    var n = 0;
    var e = 0;
    var k;
    for (k = 0; k < nodeCount; k++) { n += nodeShown[k]; }
    for (k = 0; k < edgeCount; k++) { e += edgeShown[k]; }
    var text = "节点 " + n + "/" + nodeCount + " · 关系 " + e + "/" + edgeCount;
    if (state.year !== null) { text += " · " + state.year + "年"; }
    $("status").textContent = text;
  }

  // ------------------------------------------------------------------ neighbourhood highlight
  function highlight(focus) {
    var keep = new Set();
    var keepEdges = new Set();
    if (focus !== null) {
      keep.add(focus);
      incident[focus].forEach(function (k) {
        keepEdges.add(k);
        keep.add(D.edges[k][E.from]);
        keep.add(D.edges[k][E.to]);
      });
    }
    var nu = [];
    var eu = [];
    var k;
    for (k = 0; k < nodeCount; k++) {
      var nd = focus !== null && !keep.has(k) ? 1 : 0;
      if (nd !== nodeDim[k]) {
        nodeDim[k] = nd;
        nu.push({ id: k, opacity: nd ? 0.18 : 1, font: nd ? NODE_FONT_DIM : NODE_FONT });
      }
    }
    for (k = 0; k < edgeCount; k++) {
      var ed = focus !== null && !keepEdges.has(k) ? 1 : 0;
      if (ed !== edgeDim[k]) {
        edgeDim[k] = ed;
        var rel = D.edges[k][E.rel];
        eu.push({ id: k, color: ed ? edgeColorsDim[rel] : edgeColors[rel], font: ed ? EDGE_FONT_DIM : EDGE_FONT });
      }
    }
    if (nu.length) { nodes.update(nu); }
    if (eu.length) { edges.update(eu); }
    state.focus = focus;
  }

  // ------------------------------------------------------------------ side panel
  var panel = $("panel-body");
  function evidenceList(rows, hasRule) {
    var ul = el("ul", "evidence");
    rows.slice(0, MAX_QUOTES).forEach(function (row) {
      var li = el("li");
      li.appendChild(el("blockquote", null, row[3] || "（无引文）"));
      var cite = row[0] || "?";
      if (row[1] !== null || row[2] !== null) {
        cite += " [" + (row[1] === null ? "?" : row[1]) + "–" + (row[2] === null ? "?" : row[2]) + "]";
      }
      if (hasRule && row[4]) { cite += " · " + row[4]; }
      li.appendChild(el("div", "cite", cite));
      ul.appendChild(li);
    });
    if (rows.length > MAX_QUOTES) {
      ul.appendChild(el("li", "more", "另有 " + (rows.length - MAX_QUOTES) + " 条证据"));
    }
    return ul;
  }
  function fact(k, withEvidence) {
    var r = D.edges[k];
    var box = el("div", "fact");
    var head = el("div", "head");
    head.appendChild(el("span", null,
      nodeTitle(D.nodes[r[E.from]]) + " —" + r[E.label] + "→ " + nodeTitle(D.nodes[r[E.to]])));
    head.appendChild(el("span", "years", yearsText(r[E.start], r[E.end])));
    box.appendChild(head);
    if (withEvidence && r[E.ev].length) { box.appendChild(evidenceList(r[E.ev], true)); }
    return box;
  }
  function dl(pairs) {
    var list = el("dl");
    pairs.forEach(function (p) {
      if (p[1] === "" || p[1] === null || p[1] === undefined) { return; }
      list.appendChild(el("dt", null, p[0]));
      list.appendChild(el("dd", null, p[1]));
    });
    return list;
  }
  function showNode(k) {
    var r = D.nodes[k];
    var cls = D.classes[r[N.cls]];
    panel.replaceChildren();
    panel.appendChild(el("h3", null, nodeTitle(r)));
    panel.appendChild(el("div", "kind", cls.zh + " · " + cls.key));
    panel.appendChild(dl([
      ["简称", r[N.label]], ["全称", r[N.name]], ["代码", r[N.code]],
      ["经纬度", r[N.ll] ? r[N.ll][0].toFixed(3) + ", " + r[N.ll][1].toFixed(3) : ""],
      ["关系数", String(r[N.deg])]
    ]));
    panel.appendChild(el("div", "iri", r[N.id]));
    if (r[N.ev].length) {
      panel.appendChild(el("h2", null, "证据"));
      panel.appendChild(evidenceList(r[N.ev], false));
    }
    var facts = incident[k].slice().sort(function (a, b) {
      var ra = D.edges[a];
      var rb = D.edges[b];
      return (ra[E.rel] - rb[E.rel]) || ((ra[E.start] || 0) - (rb[E.start] || 0)) || (a - b);
    });
    if (facts.length) {
      panel.appendChild(el("h2", null, "事实（" + facts.length + "）"));
      facts.slice(0, MAX_FACTS).forEach(function (e) { panel.appendChild(fact(e, true)); });
      if (facts.length > MAX_FACTS) {
        panel.appendChild(el("div", "more", "另有 " + (facts.length - MAX_FACTS) + " 条事实"));
      }
    }
  }
  function showEdge(k) {
    var r = D.edges[k];
    var rel = D.relations[r[E.rel]];
    panel.replaceChildren();
    panel.appendChild(el("h3", null, r[E.label]));
    panel.appendChild(el("div", "kind", "关系 · " + rel.key));
    panel.appendChild(dl([
      ["从", nodeTitle(D.nodes[r[E.from]])], ["到", nodeTitle(D.nodes[r[E.to]])],
      ["年份", yearsText(r[E.start], r[E.end])]
    ]));
    panel.appendChild(el("div", "iri", r[E.id]));
    panel.appendChild(el("h2", null, "证据（" + r[E.ev].length + "）"));
    if (r[E.ev].length) {
      panel.appendChild(evidenceList(r[E.ev], true));
    } else {
      panel.appendChild(el("p", "muted", "无证据"));
    }
  }
  function showDefault() {
    panel.replaceChildren(el("p", "muted", "将鼠标移到节点或关系上查看事实与证据。"));
  }
  function show(target) {
    var key = target ? target.kind + target.idx : "";
    if (key === state.shown) { return; }
    state.shown = key;
    if (!target) { showDefault(); } else if (target.kind === "node") { showNode(target.idx); } else { showEdge(target.idx); }
  }

  network.on("hoverNode", function (p) { show({ kind: "node", idx: Number(p.node) }); });
  network.on("hoverEdge", function (p) { show({ kind: "edge", idx: Number(p.edge) }); });
  network.on("blurNode", function () { show(state.pinned); });
  network.on("blurEdge", function () { show(state.pinned); });
  network.on("click", function (p) {
    if (p.nodes.length) {
      select(Number(p.nodes[0]));
    } else if (p.edges.length) {
      highlight(null);
      state.pinned = { kind: "edge", idx: Number(p.edges[0]) };
      show(state.pinned);
    } else {
      clearSelection();
    }
  });

  function select(k) {
    state.pinned = { kind: "node", idx: k };
    network.selectNodes([k], true);
    highlight(k);
    show(state.pinned);
  }
  function clearSelection() {
    state.pinned = null;
    network.unselectAll();
    highlight(null);
    show(null);
  }

  // ------------------------------------------------------------------ search
  function norm(q) {
    return String(q).trim().toLowerCase().replace(/[\s'’·\-_]/g, "");
  }
  function score(r, raw, q) {
    var py = r[N.py];
    var label = r[N.label];
    var name = r[N.name];
    if (label === raw || name === raw) { return 100; }
    if (py[0] === q || py[2] === q) { return 90; }
    if (py[1] === q) { return 85; }
    if (label.indexOf(raw) === 0 || name.indexOf(raw) === 0) { return 70; }
    if (py[0].indexOf(q) === 0) { return 65; }
    if (py[1].indexOf(q) === 0) { return 60; }
    if (name.indexOf(raw) >= 0 || label.indexOf(raw) >= 0) { return 45; }
    if (py[2].indexOf(q) >= 0 || py[0].indexOf(q) >= 0) { return 35; }
    if (py[3].indexOf(q) === 0) { return 30; }
    return 0;
  }
  function matches(query, limit) {
    var raw = String(query).trim();
    var q = norm(query);
    if (!raw) { return []; }
    var hits = [];
    for (var k = 0; k < nodeCount; k++) {
      var s = score(D.nodes[k], raw, q);
      if (s > 0) { hits.push([s, D.nodes[k][N.deg], k]); }
    }
    hits.sort(function (a, b) { return (b[0] - a[0]) || (b[1] - a[1]) || (a[2] - b[2]); });
    return hits.slice(0, limit).map(function (h) { return h[2]; });
  }
  function focusNode(k, animate) {
    var cls = D.nodes[k][N.cls];
    if (!state.classOn[cls]) { setFilter("class", D.classes[cls].key, true); }
    select(k);
    network.focus(k, {
      scale: Math.max(network.getScale(), 1.1),
      animation: animate ? { duration: 450, easingFunction: "easeInOutQuad" } : false
    });
  }
  function search(query, animate) {
    var hits = matches(query, 20);
    if (hits.length) { focusNode(hits[0], Boolean(animate)); }
    return hits.map(function (k) { return D.nodes[k][N.id]; });
  }

  var input = $("search");
  var results = $("results");
  var active = -1;
  function closeResults() { results.hidden = true; results.replaceChildren(); active = -1; }
  function pick(k) { closeResults(); input.value = D.nodes[k][N.label]; focusNode(k, true); }
  function renderResults() {
    var hits = matches(input.value, 12);
    results.replaceChildren();
    active = hits.length ? 0 : -1;
    hits.forEach(function (k, pos) {
      var r = D.nodes[k];
      var li = el("li");
      li.setAttribute("aria-selected", pos === 0 ? "true" : "false");
      li.appendChild(el("span", null, r[N.label]));
      li.appendChild(el("span", "sub", (r[N.name] && r[N.name] !== r[N.label] ? r[N.name] + " · " : "") + D.classes[r[N.cls]].zh));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(k); });
      li.dataset.idx = String(k);
      results.appendChild(li);
    });
    results.hidden = !hits.length;
  }
  input.addEventListener("input", renderResults);
  input.addEventListener("blur", closeResults);
  input.addEventListener("keydown", function (ev) {
    var items = results.children;
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!items.length) { return; }
      ev.preventDefault();
      items[active].setAttribute("aria-selected", "false");
      active = (active + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items[active].setAttribute("aria-selected", "true");
    } else if (ev.key === "Enter") {
      if (active >= 0 && items[active]) { pick(Number(items[active].dataset.idx)); } else { search(input.value, true); }
    } else if (ev.key === "Escape") {
      closeResults();
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "/" && document.activeElement !== input) { ev.preventDefault(); input.focus(); }
  });

  // ------------------------------------------------------------------ filters
  var classBoxes = [];
  var relationBoxes = [];
  function checkRow(list, text, swatchClass, colour, count, onChange) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () { onChange(box.checked); });
    var sw = el("span", "swatch " + swatchClass);
    if (swatchClass.indexOf("line") === 0) { sw.style.borderTopColor = colour; } else { sw.style.background = colour; }
    label.appendChild(box);
    label.appendChild(sw);
    label.appendChild(el("span", null, text));
    label.appendChild(el("span", "count", String(count)));
    li.appendChild(label);
    list.appendChild(li);
    return box;
  }
  D.classes.forEach(function (c) {
    if (!c.count) { classBoxes.push(null); return; }
    classBoxes.push(checkRow($("class-filters"), c.zh, c.shape, c.color, c.count, function (on) {
      setFilter("class", c.key, on);
    }));
  });
  D.relations.forEach(function (r) {
    if (!r.count) { relationBoxes.push(null); return; }
    relationBoxes.push(checkRow($("relation-filters"), r.zh, "line" + (r.dashes ? " dashed" : ""), r.color, r.count,
      function (on) { setFilter("relation", r.key, on); }));
  });
  function setFilter(kind, key, on) {
    if (kind && typeof kind === "object") {
      Object.keys(kind.classes || {}).forEach(function (k) { setFilter("class", k, kind.classes[k]); });
      Object.keys(kind.relations || {}).forEach(function (k) { setFilter("relation", k, kind.relations[k]); });
      return visibleCounts();
    }
    var list = kind === "class" ? D.classes : D.relations;
    var flags = kind === "class" ? state.classOn : state.relOn;
    var boxes = kind === "class" ? classBoxes : relationBoxes;
    var pos = list.findIndex(function (x) { return x.key === key; });
    if (pos < 0) { throw new Error("unknown " + kind + ": " + key); }
    flags[pos] = Boolean(on);
    if (boxes[pos]) { boxes[pos].checked = Boolean(on); }
    applyVisibility();
    return visibleCounts();
  }

  var yearOn = $("year-on");
  var slider = $("year");
  var yearLabel = $("year-label");
  if (D.years) {
    slider.min = String(D.years[0]);
    slider.max = String(D.years[1]);
    slider.value = String(D.years[1]);
  } else {
    yearOn.disabled = true;
    slider.disabled = true;
  }
  function syncYearUi() {
    yearOn.checked = state.year !== null;
    if (state.year !== null) { slider.value = String(state.year); }
    yearLabel.textContent = state.year === null
      ? (D.years ? "全部年份（" + D.years[0] + "–" + D.years[1] + "）" : "无年份数据")
      : state.year + "年时的关系";
  }
  function setYear(y) {
    state.year = y === null || y === undefined ? null : Math.round(Number(y));
    syncYearUi();
    applyVisibility();
    return visibleCounts();
  }
  function setUndated(on) {
    state.undated = Boolean(on);
    $("undated").checked = state.undated;
    applyVisibility();
    return visibleCounts();
  }
  slider.addEventListener("input", function () { setYear(Number(slider.value)); });
  yearOn.addEventListener("change", function () { setYear(yearOn.checked ? Number(slider.value) : null); });
  $("undated").addEventListener("change", function () { setUndated($("undated").checked); });
  syncYearUi();

  // ------------------------------------------------------------------ layouts
  function syncLayoutUi() {
    ["force", "geo"].forEach(function (name) {
      $("layout-" + name).setAttribute("aria-pressed", String(state.layout === name));
    });
  }
  function setLayout(name) {
    if (name !== "force" && name !== "geo") { throw new Error("unknown layout: " + name); }
    if (name === state.layout) { return; }
    network.stopSimulation();
    network.setOptions({ physics: { enabled: false } });
    if (state.layout === "force") { forcePositions = network.getPositions(); }
    var target;
    if (name === "force" && forcePositions) {
      target = Object.keys(forcePositions).map(function (id) {
        return { id: Number(id), x: forcePositions[id].x, y: forcePositions[id].y };
      });
    } else {
      target = positionsFor(name);
    }
    state.layout = name;
    nodes.update(target);
    // fit once the new positions have been drawn, or the old extent is used
    network.redraw();
    network.fit({ animation: false });
    network.once("afterDrawing", function () { network.fit({ animation: false }); });
    syncLayoutUi();
  }
  $("layout-force").addEventListener("click", function () { setLayout("force"); });
  $("layout-geo").addEventListener("click", function () { setLayout("geo"); });
  $("fit").addEventListener("click", function () { network.fit({ animation: { duration: 400 } }); });
  syncLayoutUi();
  updateStatus();

  // ------------------------------------------------------------------ test / scripting API
  function indexOf(ref) {
    if (typeof ref === "number") { return ref; }
    if (byIri.has(ref)) { return byIri.get(ref); }
    var hits = matches(ref, 1);
    if (!hits.length) { throw new Error("no such node"); }
    return hits[0];
  }
  window.shanhai = {
    network: network,
    data: D,
    visibleCounts: visibleCounts,
    search: search,
    setYear: setYear,
    setUndated: setUndated,
    setFilter: setFilter,
    setLayout: setLayout,
    layout: function () { return state.layout; },
    select: function (ref) { select(indexOf(ref)); return D.nodes[state.focus][N.id]; },
    selected: function () {
      var sel = network.getSelectedNodes();
      return sel.length ? D.nodes[Number(sel[0])][N.id] : null;
    },
    clearSelection: clearSelection,
    showEdge: function (k) { state.pinned = { kind: "edge", idx: k }; show(state.pinned); },
    panelText: function () { return panel.textContent; },
    positions: function () {
      var pos = network.getPositions();
      var out = {};
      Object.keys(pos).forEach(function (id) { out[D.nodes[Number(id)][N.id]] = pos[id]; });
      return out;
    },
    dimmed: function () {
      var n = 0;
      for (var k = 0; k < nodeCount; k++) { n += nodeDim[k]; }
      return n;
    }
  };
})();
