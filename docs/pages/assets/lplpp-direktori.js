/* Directory: filter the rows already in the page, in the browser. The filter lives in
   the URL (?provinsi=53&bidang=ekonomi), so a view can be shared and bookmarked.
   Without JavaScript the form stays hidden (html.lp-js shows it) and the full list shows. Only the first
   PAGE matches are put in the table (a button shows the rest): laying out 10,000 table
   rows takes seconds on a phone, 100 rows a few milliseconds. */
(function () {
  var form = document.querySelector(".lp-filter");
  var table = document.querySelector("#daftar-lembaga tbody");
  if (!form || !table) return;
  var count = document.querySelector(".lp-count strong");
  var none = document.querySelector(".lp-count .lp-none");
  var PAGE = 100;
  var limit = PAGE;
  var more = document.createElement("button");
  more.type = "button";
  more.className = "md-button";
  more.hidden = true;
  document.getElementById("daftar-lembaga").after(more);
  more.addEventListener("click", function () { limit = Infinity; apply(); });
  // field in the form -> [row attribute, multi-valued]
  var keys = { provinsi: ["p", true], kabupaten: ["r", true], jenis: ["j", false], bidang: ["b", true],
               produk: ["l", true], status: ["s", false] };
  var rows = Array.prototype.map.call(table.rows, function (tr) {
    var row = { el: tr, q: tr.getAttribute("data-q") };
    Object.keys(keys).forEach(function (name) {
      var value = tr.getAttribute("data-" + keys[name][0]) || "";
      row[name] = keys[name][1] ? value.split(" ") : value;
    });
    return row;
  });
  var regencyOptions = Array.prototype.slice.call(form.elements.kabupaten.options, 1);

  function current() {
    var wanted = {};
    Object.keys(keys).forEach(function (name) { wanted[name] = form.elements[name].value; });
    wanted.q = form.elements.q.value.trim().toLowerCase();
    return wanted;
  }

  function matches(row, wanted) {
    for (var name in keys) {
      var value = wanted[name];
      if (!value) continue;
      if (keys[name][1] ? row[name].indexOf(value) < 0 : row[name] !== value) return false;
    }
    return !wanted.q || row.q.indexOf(wanted.q) >= 0;
  }

  var offeredFor = null;
  function apply() {
    var wanted = current();
    if (wanted.provinsi !== offeredFor) {  // only kabupaten/kota of the chosen province are offered
      offeredFor = wanted.provinsi;
      // Options are taken out, not hidden: Safari shows hidden options anyway.
      var select = form.elements.kabupaten;
      var offered = regencyOptions.filter(function (option) {
        return !offeredFor || option.getAttribute("data-p") === offeredFor;
      });
      select.replaceChildren.apply(select, [select.options[0]].concat(offered));
      // Keep the choice if it is still offered; one from another province is dropped.
      var still = offered.some(function (option) { return option.value === wanted.kabupaten; });
      if (!still) wanted.kabupaten = "";
      select.value = wanted.kabupaten;
    }
    var found = rows.filter(function (row) { return matches(row, wanted); });
    table.replaceChildren.apply(table, found.slice(0, limit).map(function (row) { return row.el; }));
    count.textContent = found.length;
    none.hidden = found.length > 0;
    more.hidden = found.length <= limit;
    more.textContent = "Tampilkan semua " + found.length + " lembaga";
    var params = new URLSearchParams();
    Object.keys(wanted).forEach(function (name) { if (wanted[name]) params.set(name, wanted[name]); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  var params = new URLSearchParams(location.search);
  Object.keys(keys).concat("q").forEach(function (name) {
    if (params.has(name)) form.elements[name].value = params.get(name);
  });
  function refilter() { limit = PAGE; apply(); }
  form.addEventListener("input", refilter);
  form.addEventListener("change", refilter);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(refilter, 0); });
  apply();
})();
