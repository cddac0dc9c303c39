/* axisgraph map UI: legend and filters, search, tooltip, details panel.
 *
 * Every string that comes from the data reaches the page through
 * textContent, createTextNode or setAttribute, never through innerHTML,
 * so names, summaries and notes are always shown as text.
 *
 * window.axisgraph is a small hook for tests and notebooks: network, nodes,
 * edges (vis DataSets), visibleNodeCount(), visibleEdgeCount(), ready (true
 * once the layout has settled and been drawn), focusNode(id), showNode(id)
 * and showEdge(id).
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("axisgraph-data").textContent);
  var hook = { ready: false };
  window.axisgraph = hook;

  var SVG = "http://www.w3.org/2000/svg";
  var MAX_TOOLTIP_CLAIMS = 4;
  // Maps keyed by data (ids, kinds, types) have no prototype: an id such as "constructor"
  // or "__proto__" must not read as an inherited value.
  function dict() { return Object.create(null); }
  var nodeById = dict();
  data.nodes.forEach(function (n) { nodeById[n.id] = n; });
  var edgeById = dict();
  data.edges.forEach(function (e) { edgeById[e.id] = e; });

  /* ---------- DOM helpers (text only) ---------- */

  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function add(parent, child) { parent.appendChild(child); return child; }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  function dashArray(dashes) {
    return Array.isArray(dashes) ? dashes.join(" ") : (dashes ? "5 5" : "none");
  }

  function swatchShape(shape, color) {
    var svg = svgEl("svg", { width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true" });
    var common = { fill: color, stroke: "rgba(0,0,0,.45)", "stroke-width": 1 };
    var points = {
      diamond: "8,1 15,8 8,15 1,8",
      triangle: "8,1 15,14 1,14",
      triangleDown: "1,2 15,2 8,15",
      hexagon: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8",
      star: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6"
    }[shape];
    var child;
    if (points) child = svgEl("polygon", Object.assign({ points: points }, common));
    else if (shape === "square" || shape === "box") {
      child = svgEl("rect", Object.assign({ x: 2, y: shape === "box" ? 4 : 2, width: 12, height: shape === "box" ? 8 : 12, rx: shape === "box" ? 2 : 0 }, common));
    } else if (shape === "ellipse") child = svgEl("ellipse", Object.assign({ cx: 8, cy: 8, rx: 7, ry: 4.5 }, common));
    else child = svgEl("circle", Object.assign({ cx: 8, cy: 8, r: 6 }, common));
    svg.appendChild(child);
    return svg;
  }

  function swatchLine(color, dashes, width) {
    var svg = svgEl("svg", { width: 28, height: 10, viewBox: "0 0 28 10", "aria-hidden": "true" });
    svg.appendChild(svgEl("line", {
      x1: 1, y1: 5, x2: 27, y2: 5, stroke: color, "stroke-width": width || 2,
      "stroke-dasharray": dashArray(dashes)
    }));
    return svg;
  }

  /* ---------- network ---------- */

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network($("ag-network"), { nodes: nodes, edges: edges }, data.options);
  hook.network = network;
  hook.nodes = nodes;
  hook.edges = edges;

  /* ---------- filters ---------- */

  var state = {
    offKinds: dict(), offTypes: dict(), offStatuses: dict(), showDenied: true,
    dateMode: "reported", from: null, to: null, keepUndated: true, hideIsolated: false
  };
  var nodeHidden = dict();
  var edgeHidden = dict();
  var shownNodes = data.nodes.length;
  var shownEdges = data.edges.length;

  hook.visibleNodeCount = function () { return shownNodes; };
  hook.visibleEdgeCount = function () { return shownEdges; };

  function dateBound(text, isEnd) {
    var m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text.trim());
    if (!m) return undefined;
    var y = m[1], mo = m[2] ? ("0" + m[2]).slice(-2) : null, d = m[3] ? ("0" + m[3]).slice(-2) : null;
    if (mo && (mo < "01" || mo > "12")) return undefined;
    if (d) return y + "-" + mo + "-" + d;
    if (mo) {
      if (!isEnd) return y + "-" + mo + "-01";
      var last = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
      return y + "-" + mo + "-" + ("0" + last).slice(-2);
    }
    return isEnd ? y + "-12-31" : y + "-01-01";
  }

  function edgePasses(e) {
    if (state.offTypes[e.type]) return false;
    if (e.status && state.offStatuses[e.status]) return false;
    if (e.denied && !state.showDenied) return false;
    if (state.from || state.to) {
      var span = state.dateMode === "valid" ? e.valid : e.reported;
      if (!span) return state.keepUndated;
      if (state.to && span[0] > state.to) return false;
      if (state.from && span[1] < state.from) return false;
    }
    return true;
  }

  function applyFilters() {
    var kindOk = dict();
    data.nodes.forEach(function (n) { kindOk[n.id] = !state.offKinds[n.kind]; });
    var linked = dict();
    var edgeUpdates = [];
    shownEdges = 0;
    data.edges.forEach(function (e) {
      var show = kindOk[e.from] && kindOk[e.to] && edgePasses(e);
      if (show) { linked[e.from] = true; linked[e.to] = true; shownEdges += 1; }
      if (Boolean(edgeHidden[e.id]) === show) {
        edgeHidden[e.id] = !show;
        edgeUpdates.push({ id: e.id, hidden: !show });
      }
    });
    var nodeUpdates = [];
    shownNodes = 0;
    data.nodes.forEach(function (n) {
      var show = kindOk[n.id] && (!state.hideIsolated || Boolean(linked[n.id]));
      if (show) shownNodes += 1;
      if (Boolean(nodeHidden[n.id]) === show) {
        nodeHidden[n.id] = !show;
        nodeUpdates.push({ id: n.id, hidden: !show });
      }
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    $("ag-counts").textContent = "Showing " + shownNodes + " of " + data.nodes.length +
      " nodes · " + shownEdges + " of " + data.edges.length + " links";
  }

  function legendRow(container, swatch, name, count, onToggle, title) {
    var label = add(container, el("label", "ag-legend-row"));
    var box = add(label, el("input"));
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () { onToggle(box.checked); applyFilters(); });
    label.appendChild(swatch);
    add(label, el("span", "ag-name", name));
    add(label, el("span", "ag-count", count));
    if (title) label.title = title;
    return box;
  }

  function buildLegend() {
    var kinds = $("ag-legend-kinds"), types = $("ag-legend-types"), statuses = $("ag-legend-statuses");
    data.legend.kinds.forEach(function (k) {
      legendRow(kinds, swatchShape(k.shape, k.color), k.kind, k.count,
        function (on) { state.offKinds[k.kind] = !on; });
    });
    data.legend.types.forEach(function (t) {
      legendRow(types, swatchLine(t.color, false, 3), t.type, t.count,
        function (on) { state.offTypes[t.type] = !on; }, t.label);
    });
    data.legend.statuses.forEach(function (s) {
      legendRow(statuses, swatchLine(s.color, s.dashes, 2), s.label, s.count,
        function (on) { state.offStatuses[s.status] = !on; }, s.status);
    });
    var d = data.legend.denied;
    if (d.count) {
      legendRow(statuses, swatchLine(d.color, d.dashes, 2), "denied by someone", d.count,
        function (on) { state.showDenied = on; });
    }
    if (!data.legend.kinds.length) add(kinds, el("p", "ag-hint", "No nodes."));
    if (!data.legend.types.length) add(types, el("p", "ag-hint", "No links."));
  }

  function readDates() {
    state.dateMode = $("ag-date-mode").value;
    state.keepUndated = $("ag-date-undated").checked;
    [["ag-date-from", "from", false], ["ag-date-to", "to", true]].forEach(function (spec) {
      var input = $(spec[0]);
      var text = input.value.trim();
      var bound = text ? dateBound(text, spec[2]) : null;
      input.setAttribute("aria-invalid", bound === undefined ? "true" : "false");
      state[spec[1]] = bound || null;
    });
    applyFilters();
  }

  function wireControls() {
    ["ag-date-from", "ag-date-to"].forEach(function (id) { $(id).addEventListener("input", readDates); });
    $("ag-date-mode").addEventListener("change", readDates);
    $("ag-date-undated").addEventListener("change", readDates);
    $("ag-hide-isolated").addEventListener("change", function () {
      state.hideIsolated = $("ag-hide-isolated").checked;
      applyFilters();
    });
    $("ag-fit").addEventListener("click", function () { network.fit(); });
    $("ag-reset").addEventListener("click", function () {
      Array.prototype.forEach.call(document.querySelectorAll(".ag-legend input"), function (box) {
        box.checked = true;
      });
      state.offKinds = dict(); state.offTypes = dict(); state.offStatuses = dict(); state.showDenied = true;
      $("ag-date-from").value = ""; $("ag-date-to").value = "";
      $("ag-hide-isolated").checked = false; state.hideIsolated = false;
      readDates();
    });
    if (data.meta.date_min) {
      $("ag-date-range").textContent = "Dates in this map: " + data.meta.date_min + " to " + data.meta.date_max;
    }
  }

  /* ---------- details: tooltip and side panel ---------- */

  function line(parent, label, value) {
    if (value === undefined || value === null || value === "" ||
        (Array.isArray(value) && !value.length)) return null;
    var p = add(parent, el("p"));
    add(p, el("span", "ag-label", label + ": "));
    p.appendChild(document.createTextNode(Array.isArray(value) ? value.join(", ") : String(value)));
    return p;
  }

  function span(from, to) {
    if (!from && !to) return null;
    if (!to) return "from " + from;
    if (!from) return "until " + to;
    return from === to ? from : from + " to " + to;
  }

  function sourceText(s) {
    var bits = [s.publisher, s.published_on].filter(Boolean);
    return s.name + (bits.length ? " (" + bits.join(", ") + ")" : "");
  }

  function denialText(d) {
    var bits = [d.on, d.source].filter(Boolean);
    return d.by + (bits.length ? " (" + bits.join(", ") + ")" : "") + (d.note ? ": " + d.note : "");
  }

  function safeLink(url) {
    // Only web links become clickable; anything else (javascript:, data:,
    // file:) is shown as plain text.
    if (/^https?:\/\//i.test(url)) {
      var a = el("a", "ag-url", url);
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      return a;
    }
    return el("span", "ag-url", url);
  }

  function badges(parent, item) {
    var p = add(parent, el("p"));
    if (item.status_label) add(p, el("span", "ag-badge", item.status_label));
    if (item.denied) add(p, el("span", "ag-badge ag-denied", "denied"));
    if (item.source_count === 1) add(p, el("span", "ag-badge ag-single", "single source"));
    else if (item.source_count > 1) add(p, el("span", "ag-badge", item.source_count + " independent sources"));
    return p;
  }

  function edgeHeading(parent, d, tag) {
    return add(parent, el(tag, null, d.from_name + " \u2192 " + d.type + " \u2192 " + d.to_name));
  }

  function claimBlock(parent, c, full) {
    var box = add(parent, el("div", "ag-claim"));
    add(box, el(full ? "h3" : "p", null, c.summary || (c.subject + " " + c.predicate_label + " " + c.object)));
    line(box, "Status", c.status_label);
    line(box, "Stated", c.stated_on);
    line(box, "Valid", span(c.valid_from, c.valid_to));
    line(box, "Asserted by", c.asserted_by);
    if (full) {
      line(box, "Claim", c.subject + " " + c.predicate_label + " " + c.object);
      line(box, "Items", c.items);
      line(box, "Quantities", c.quantities);
      line(box, "Violates", c.violates);
      line(box, "Under", c.under);
      line(box, "Note", c.note);
    }
    if (c.sources.length) {
      add(box, el("p", "ag-label", "Sources:"));
      var list = add(box, el("ul", "ag-sources"));
      c.sources.forEach(function (s) {
        var li = add(list, el("li", null, sourceText(s)));
        if (full) {
          var who = [s.type, s.author, s.speaker !== s.author ? s.speaker : null].filter(Boolean);
          if (who.length) li.appendChild(document.createTextNode(" · " + who.join(", ")));
          if (s.url) { li.appendChild(document.createTextNode(" ")); li.appendChild(safeLink(s.url)); }
        }
      });
    }
    if (c.denials.length) {
      add(box, el("p", "ag-label", "Denied by:"));
      var denials = add(box, el("ul", "ag-denials"));
      c.denials.forEach(function (d) { add(denials, el("li", null, denialText(d))); });
    }
  }

  function propList(parent, props) {
    if (!props || !props.length) return;
    var dl = add(parent, el("dl", "ag-props"));
    props.forEach(function (kv) { add(dl, el("dt", null, kv[0])); add(dl, el("dd", null, kv[1])); });
  }

  function edgeContent(id, full) {
    var d = data.edgeDetails[id];
    var box = el("div");
    edgeHeading(box, d, full ? "h2" : "h3");
    if (full) add(box, el("p", "ag-label", d.type_label));
    badges(box, d);
    line(box, "Reported", span(d.first_reported, d.last_reported));
    line(box, "Valid", span(d.valid_from, d.valid_to));
    propList(box, d.props);
    var claims = full ? d.claims : d.claims.slice(0, MAX_TOOLTIP_CLAIMS);
    claims.forEach(function (c) { claimBlock(box, c, full); });
    if (!full) {
      var more = d.claims.length - claims.length;
      add(box, el("p", "ag-hint", (more > 0 ? "+" + more + " more claims. " : "") + "Click the link for full details."));
    }
    return box;
  }

  function nodeContent(id, full) {
    var d = data.nodeDetails[id];
    var box = el("div");
    add(box, el(full ? "h2" : "h3", null, d.name));
    add(box, el("p", "ag-badge", d.kind));
    line(box, "Also known as", d.aliases);
    line(box, "Links on this map", d.degree);
    if (d.description) add(box, el("p", null, d.description));
    if (full) propList(box, d.props);
    return box;
  }

  var tooltip = $("ag-tooltip");
  var panel = $("ag-panel"), panelBody = $("ag-panel-body");

  function showTooltip(content, pointer) {
    clear(tooltip);
    tooltip.appendChild(content);
    tooltip.hidden = false;
    var host = tooltip.parentNode;
    var x = pointer.x + 14, y = pointer.y + 14;
    if (x + tooltip.offsetWidth > host.clientWidth) x = Math.max(0, pointer.x - tooltip.offsetWidth - 14);
    if (y + tooltip.offsetHeight > host.clientHeight) y = Math.max(0, host.clientHeight - tooltip.offsetHeight - 4);
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }

  function hideTooltip() { tooltip.hidden = true; }

  function showPanel(content) {
    clear(panelBody);
    panelBody.appendChild(content);
    panel.hidden = false;
    panelBody.scrollTop = 0;
  }

  function hidePanel() { panel.hidden = true; clear(panelBody); }

  network.on("hoverNode", function (p) { showTooltip(nodeContent(p.node, false), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTooltip(edgeContent(p.edge, false), p.pointer.DOM); });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);
  network.on("click", function (p) {
    hideTooltip();
    if (p.nodes.length) showPanel(nodeContent(p.nodes[0], true));
    else if (p.edges.length) showPanel(edgeContent(p.edges[0], true));
    else hidePanel();
  });
  $("ag-panel-close").addEventListener("click", function () { network.unselectAll(); hidePanel(); });

  /* ---------- search ---------- */

  var searchIndex = data.nodes.map(function (n) {
    var d = data.nodeDetails[n.id];
    return { id: n.id, name: d.name, kind: d.kind, keys: [d.name].concat(d.aliases).map(function (k) { return k.toLowerCase(); }) };
  });
  var input = $("ag-search-input"), results = $("ag-search-results"), status = $("ag-search-status");
  var matches = [];

  function search(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var scored = [];
    searchIndex.forEach(function (item) {
      var best = 9, via = null;
      item.keys.forEach(function (k, i) {
        var score = k === q ? 0 : (k.indexOf(q) === 0 ? 1 : (k.indexOf(q) > 0 ? 2 : 9));
        if (score < best) { best = score; via = i ? data.nodeDetails[item.id].aliases[i - 1] : null; }
      });
      if (best < 9) scored.push({ item: item, score: best, via: via });
    });
    scored.sort(function (a, b) { return a.score - b.score || a.item.name.localeCompare(b.item.name); });
    return scored.slice(0, 12);
  }

  function focusNode(id) {
    var name = data.nodeDetails[id].name;
    results.hidden = true;
    if (nodeHidden[id]) {
      status.textContent = name + " is hidden by the current filters.";
      return false;
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: data.meta.large ? false : { duration: 300 } });
    showPanel(nodeContent(id, true));
    status.textContent = "Found " + name + ".";
    return true;
  }
  hook.focusNode = focusNode;
  hook.showNode = function (id) { showPanel(nodeContent(id, true)); };
  hook.showEdge = function (id) { showPanel(edgeContent(id, true)); };

  function showResults() {
    matches = search(input.value);
    clear(results);
    matches.forEach(function (m) {
      var button = add(add(results, el("li")), el("button", null, m.item.name));
      button.type = "button";
      button.setAttribute("role", "option");
      add(button, el("small", null, m.item.kind + (m.via ? " · alias " + m.via : "")));
      button.addEventListener("click", function () { focusNode(m.item.id); });
    });
    results.hidden = matches.length === 0;
    status.textContent = input.value.trim() && !matches.length ? "No match." : "";
  }

  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      ev.preventDefault();
      matches = search(input.value);
      if (matches.length) focusNode(matches[0].item.id);
      else status.textContent = "No match.";
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });
  document.addEventListener("click", function (ev) {
    if (!results.contains(ev.target) && ev.target !== input) results.hidden = true;
  });

  /* ---------- start ---------- */

  buildLegend();
  wireControls();
  applyFilters();

  function markReady() {
    if (hook.ready) return;
    $("ag-progress").hidden = true;
    hook.ready = true;
    document.body.setAttribute("data-ready", "true");
  }

  var physicsOn = data.options.physics && data.options.physics.enabled;
  if (physicsOn && data.nodes.length) {
    var progress = $("ag-progress");
    network.on("stabilizationProgress", function (p) {
      progress.hidden = false;
      progress.textContent = "Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      // Stop the simulation: the picture stays put and the page stays idle.
      network.setOptions({ physics: { enabled: false } });
      // Ready means drawn: wait for the first frame after the layout settled.
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", markReady);
    if (!data.nodes.length) markReady();
  }
})();
