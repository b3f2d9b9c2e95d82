(function () {
  "use strict";
  var body = document.body;
  body.classList.add("js");
  var tools = document.getElementById("tools");
  tools.hidden = false;
  var search = document.getElementById("search");
  var status = document.getElementById("search-status");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#people tbody tr"));
  var dots = Array.prototype.slice.call(document.querySelectorAll("svg .node"));
  function each(list, fn) { for (var i = 0; i < list.length; i++) { fn(list[i]); } }
  function idOf(el) { return el.getAttribute("data-id"); }
  function select(id, from) {
    each(document.querySelectorAll(".selected"), function (el) { el.classList.remove("selected"); });
    var first = null;
    each(rows.concat(dots), function (el) {
      if (idOf(el) === id) {
        el.classList.add("selected");
        if (el !== from && first === null) { first = el; }
      }
    });
    if (first !== null) {
      if (net && net.contains(first)) { centreOn(first); }
      first.scrollIntoView({ block: "center", inline: "center" });
    }
  }
  // The network zooms (wheel, + and −) and pans (drag) by its viewBox.
  var net = document.querySelector("#network svg");
  var zoomBar = document.querySelector("#network .zoom");
  var full = null;
  var view = null;
  function apply() {
    net.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h);
  }
  function zoom(factor, cx, cy) {
    var w = Math.min(full.w, Math.max(full.w / 40, view.w * factor));
    var k = w / view.w;
    view.x = cx - (cx - view.x) * k;
    view.y = cy - (cy - view.y) * k;
    view.w = w;
    view.h = view.h * k;
    apply();
  }
  function middle() { return { x: view.x + view.w / 2, y: view.y + view.h / 2 }; }
  function at(e) {
    var p = net.createSVGPoint();
    p.x = e.clientX;
    p.y = e.clientY;
    return p.matrixTransform(net.getScreenCTM().inverse());
  }
  function centreOn(dot) {
    var c = dot.querySelector("circle");
    if (!c || view.w >= full.w) { return; }
    view.x = Number(c.getAttribute("cx")) - view.w / 2;
    view.y = Number(c.getAttribute("cy")) - view.h / 2;
    apply();
  }
  if (net && zoomBar) {
    var box = net.viewBox.baseVal;
    full = { x: box.x, y: box.y, w: box.width, h: box.height };
    view = { x: full.x, y: full.y, w: full.w, h: full.h };
    zoomBar.hidden = false;
    each(zoomBar.querySelectorAll("button"), function (button) {
      button.addEventListener("click", function () {
        var how = button.getAttribute("data-zoom");
        var m = middle();
        if (how === "in") { zoom(1 / 1.5, m.x, m.y); }
        else if (how === "out") { zoom(1.5, m.x, m.y); }
        else { view = { x: full.x, y: full.y, w: full.w, h: full.h }; apply(); }
      });
    });
    net.addEventListener("wheel", function (e) {
      e.preventDefault();
      var p = at(e);
      zoom(e.deltaY > 0 ? 1.25 : 1 / 1.25, p.x, p.y);
    }, { passive: false });
    var drag = null;
    net.addEventListener("pointerdown", function (e) {
      drag = { x: e.clientX, y: e.clientY, moved: false, scale: net.getScreenCTM().a };
    });
    net.addEventListener("pointermove", function (e) {
      if (drag === null) { return; }
      var dx = e.clientX - drag.x;
      var dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) { return; }
      drag.moved = true;
      view.x -= dx / drag.scale;
      view.y -= dy / drag.scale;
      drag.x = e.clientX;
      drag.y = e.clientY;
      apply();
    });
    window.addEventListener("pointerup", function () { drag = null; });
  }
  each(rows, function (row) {
    row.querySelector("button").addEventListener("click", function () { select(idOf(row), row); });
  });
  each(dots, function (dot) {
    dot.addEventListener("click", function () { select(idOf(dot), dot); });
  });
  search.addEventListener("input", function () {
    var query = search.value.trim().toLowerCase();
    var shown = {};
    var count = 0;
    each(rows, function (row) {
      var match = query === "" || row.textContent.toLowerCase().indexOf(query) !== -1;
      row.hidden = !match;
      if (match) { shown[idOf(row)] = true; count += 1; }
    });
    each(dots, function (dot) { dot.classList.toggle("dim", query !== "" && !shown[idOf(dot)]); });
    status.textContent = query === "" ? "" : count + " of " + rows.length + " people";
  });
})();
