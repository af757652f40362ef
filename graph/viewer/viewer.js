// The vbgraph viewer: filters, search, details and CSV over a vis-network graph.
// Every text that comes from a document is put on the page with textContent, never as HTML.
(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("vb-data").textContent);
  const nodes = new vis.DataSet(DATA.nodes);
  const edges = new vis.DataSet(DATA.edges);
  const hidden = { kinds: new Set(), types: new Set() };
  let agencyScope = null; // ids shown while an agency is chosen

  const nodeView = new vis.DataView(nodes, {
    filter: (n) => !hidden.kinds.has(n.kind) && (agencyScope === null || agencyScope.has(n.id)),
  });
  const edgeView = new vis.DataView(edges, { filter: (e) => !hidden.types.has(e.type) });
  const container = document.getElementById("vb-network");
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, DATA.options);
  window.vbgraph = { network, nodes, edges, focusNode, search };
  network.once("afterDrawing", () => {
    document.body.dataset.ready = "true";
    if (DATA.live && nodes.length > 0) network.fit();
  });

  // ----------------------------------------------------------------- details panel

  const panel = document.getElementById("vb-details");

  function showDetails(heading, rows) {
    const title = document.createElement("h2");
    title.textContent = heading;
    const list = document.createElement("dl");
    for (const [key, value] of rows) {
      const dt = document.createElement("dt");
      dt.textContent = key;
      const dd = document.createElement("dd");
      dd.textContent = String(value);
      if (key === "Câu trích") dd.className = "vb-quote";
      list.append(dt, dd);
    }
    panel.replaceChildren(title, list);
  }

  function nodeDetails(id) {
    const node = nodes.get(id);
    if (node) showDetails(node.label, node.details);
  }

  function edgeDetails(id) {
    const edge = edges.get(id);
    if (!edge) return;
    const from = nodes.get(edge.from), to = nodes.get(edge.to);
    const rows = [["Từ", from ? from.label : edge.from], ["Đến", to ? to.label : edge.to]];
    showDetails(edge.details[0][1], rows.concat(edge.details.slice(1)));
  }

  // --------------------------------------------------------- neighbourhood highlight

  // Only the items whose dimming changes are updated: on a large page rewriting every node
  // and link on each click costs more than the redraw itself.
  const DIM = { opacity: 0.15, font: { color: "rgba(40,40,40,0.2)" } };
  const LIT = { opacity: 1, font: { color: "#343434" } };
  const dimmedNodes = new Set(), dimmedEdges = new Set();

  function highlight(id) {
    const near = new Set(network.getConnectedNodes(id));
    near.add(id);
    const own = new Set(network.getConnectedEdges(id));
    const nodeChanges = [], edgeChanges = [];
    for (const nodeId of nodeView.getIds()) {
      const dim = !near.has(nodeId);
      if (dim !== dimmedNodes.has(nodeId)) {
        nodeChanges.push({ id: nodeId, ...(dim ? DIM : LIT) });
        if (dim) dimmedNodes.add(nodeId); else dimmedNodes.delete(nodeId);
      }
    }
    for (const edgeId of edgeView.getIds()) {
      const dim = !own.has(edgeId);
      if (dim !== dimmedEdges.has(edgeId)) {
        edgeChanges.push({ id: edgeId, color: { opacity: dim ? 0.1 : 1 } });
        if (dim) dimmedEdges.add(edgeId); else dimmedEdges.delete(edgeId);
      }
    }
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
  }

  function clearHighlight() {
    nodes.update([...dimmedNodes].map((id) => ({ id, ...LIT })));
    edges.update([...dimmedEdges].map((id) => ({ id, color: { opacity: 1 } })));
    dimmedNodes.clear();
    dimmedEdges.clear();
  }

  network.on("click", (params) => {
    if (params.nodes.length) {
      const id = params.nodes[0];
      nodeDetails(id);
      highlight(id);
      if (DATA.live) expand(id);
    } else if (params.edges.length) {
      clearHighlight();
      edgeDetails(params.edges[0]);
    } else {
      clearHighlight();
    }
  });

  // ----------------------------------------------------------------------- search

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function search(text) {
    const key = fold(text);
    if (!key) return [];
    const found = nodeView.get({ filter: (n) => n.search.includes(key) });
    const exact = (n) => fold(n.label) === key || n.id.endsWith(":" + key);
    found.sort((a, b) => Number(exact(b)) - Number(exact(a)) || (b.value || 0) - (a.value || 0));
    return found;
  }

  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    nodeDetails(id);
    highlight(id);
  }

  const found = document.getElementById("vb-found");
  document.getElementById("vb-search").addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = document.getElementById("vb-query").value;
    let matches = search(text);
    if (DATA.live && matches.length === 0) {
      await addFrom("api/search?q=" + encodeURIComponent(text));
      matches = search(text);
    }
    found.textContent = matches.length ? `${matches.length} kết quả` : "Không tìm thấy";
    if (matches.length) focusNode(matches[0].id);
  });

  // ---------------------------------------------------------------------- filters

  document.getElementById("vb-kinds").addEventListener("change", (event) => {
    toggle(hidden.kinds, event.target.value, event.target.checked);
    nodeView.refresh();
  });
  document.getElementById("vb-types").addEventListener("change", (event) => {
    toggle(hidden.types, event.target.value, event.target.checked);
    edgeView.refresh();
  });

  function toggle(set, value, shown) {
    if (shown) set.delete(value); else set.add(value);
  }

  const agencies = document.getElementById("vb-agency");

  function fillAgencies() {
    const chosen = agencies.value;
    const list = nodes.get({ filter: (n) => n.kind === "agency" })
      .sort((a, b) => a.label.localeCompare(b.label, "vi"));
    agencies.replaceChildren(agencies.options[0]);
    for (const agency of list) agencies.add(new Option(agency.label, agency.id));
    agencies.value = chosen;
  }

  agencies.addEventListener("change", () => {
    agencyScope = agencies.value ? scopeOf(agencies.value) : null;
    nodeView.refresh();
    if (agencyScope) network.fit({ nodes: [...agencyScope].filter((id) => nodeView.get(id)) });
  });

  // An agency with what it issues, receives and is given, and the documents of its tasks.
  function scopeOf(agencyId) {
    const scope = new Set([agencyId]);
    for (const edge of edges.get({ filter: (e) => e.to === agencyId })) scope.add(edge.from);
    for (const id of [...scope]) {
      const node = nodes.get(id);
      if (node && node.document) scope.add(node.document);
    }
    return scope;
  }

  // -------------------------------------------------------------------------- CSV

  function cell(value) {
    let text = value === undefined || value === null ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // spreadsheets must not run it
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function detail(item, key) {
    const row = item.details.find((pair) => pair[0] === key);
    return row ? row[1] : "";
  }

  function viewCsv() {
    const rows = [["phần tử", "id", "tên", "loại", "từ", "đến", "câu trích", "văn bản", "trang", "dòng", "tệp"]];
    const shown = new Set(nodeView.getIds());
    for (const node of nodeView.get()) {
      rows.push(["nút", node.id, detail(node, "Trích yếu") || node.label, detail(node, "Loại"), "", "", "", "", "", "", ""]);
    }
    for (const edge of edgeView.get({ filter: (e) => shown.has(e.from) && shown.has(e.to) })) {
      rows.push(["liên kết", edge.id, detail(edge, "Quan hệ"), edge.type, edge.from, edge.to,
        detail(edge, "Câu trích"), detail(edge, "Văn bản"), detail(edge, "Trang"), detail(edge, "Dòng"), detail(edge, "Tệp")]);
    }
    return "\ufeff" + rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
  }

  document.getElementById("vb-csv").addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([viewCsv()], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "vbgraph.csv";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });

  // ------------------------------------------------------------ live (vbgraph serve)

  async function addFrom(path) {
    const response = await fetch(path);
    if (!response.ok) {
      found.textContent = (await response.text()).slice(0, 200);
      return;
    }
    const data = await response.json();
    nodes.update(data.nodes);
    edges.update(data.edges);
    fillAgencies();
    if (data.nodes.length) settle();
  }

  // New nodes have no position yet: let the physics place them, then stop it.
  function settle() {
    network.setOptions({ physics: { enabled: true, stabilization: { iterations: 150 } } });
    network.stabilize(150);
    network.once("stabilized", () => network.setOptions({ physics: { enabled: false } }));
  }

  const expanded = new Set();

  async function expand(id) {
    if (expanded.has(id)) return;
    expanded.add(id);
    await addFrom("api/expand?id=" + encodeURIComponent(id));
  }

  fillAgencies();
  if (DATA.live) {
    const focus = new URLSearchParams(location.search).get("focus");
    if (focus) addFrom("api/search?q=" + encodeURIComponent(focus));
  }
})();
