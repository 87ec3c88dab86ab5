// newsgraph page behaviour. Everything here is an enhancement: without it (or without the
// vendored libraries) the pages are plain forms, tables and <details>.
(function () {
  "use strict";

  var COLOURS = {
    PERSON: "#2f5bd3", GROUP: "#8a3fd1", ORG: "#1f8a5b",
    WORK: "#c2571a", PLACE: "#6b7280", EVENT: "#b8325a"
  };
  var fcoseRegistered = false;

  function drawGraph(box) {
    var cytoscape = window.cytoscape;
    if (typeof cytoscape !== "function") { return; }
    if (!fcoseRegistered && typeof window.cytoscapeFcose === "function") {
      cytoscape.use(window.cytoscapeFcose);
      fcoseRegistered = true;
    }
    box.hidden = false;  // now, before the fetch: no layout shift under the reader's click
    fetch(box.getAttribute("data-neighbours"), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error(String(r.status))); })
      .then(function (data) {
        if (!data.edges.length) { box.hidden = true; return; }
        var elements = data.nodes.map(function (n) {
          return { group: "nodes", data: { id: n.id, label: n.name, type: n.type, centre: n.centre } };
        }).concat(data.edges.map(function (e) {
          return { group: "edges", data: { id: e.id, source: e.source, target: e.target,
                                            label: e.predicate.replace(/_/g, " ") } };
        }));
        var cy = cytoscape({
          container: box,
          elements: elements,
          wheelSensitivity: 0.3,
          style: [
            { selector: "node", style: {
              "label": "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4,
              "background-color": function (n) { return COLOURS[n.data("type")] || "#6b7280"; },
              "width": 18, "height": 18, "color": "#1d2430" } },
            { selector: "node[?centre]", style: { "width": 28, "height": 28, "font-weight": "bold" } },
            { selector: "edge", style: {
              "label": "data(label)", "font-size": 9, "color": "#5b6577", "curve-style": "bezier",
              "target-arrow-shape": "triangle", "width": 1.5, "line-color": "#c5ccd8",
              "target-arrow-color": "#c5ccd8", "text-rotation": "autorotate" } }
          ],
          layout: { name: fcoseRegistered ? "fcose" : "cose", animate: false, padding: 30 }
        });
        cy.on("tap", "node", function (evt) {
          var id = evt.target.id();
          if (!evt.target.data("centre")) {
            window.location.href = "/entities/" + encodeURIComponent(id);
          }
        });
        box.setAttribute("data-ready", "true");
        window.newsgraphGraph = cy;
      })
      .catch(function () { box.hidden = true; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll("[data-neighbours]");
    for (var i = 0; i < boxes.length; i++) { drawGraph(boxes[i]); }
  });
})();
