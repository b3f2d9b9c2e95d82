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
    if (first !== null) { first.scrollIntoView({ block: "center", inline: "center" }); }
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
