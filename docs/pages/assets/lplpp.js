/* Fillable forms (checklists, self-assessments): their script, assets/lplpp-isian.js, loads when
   the reader first touches a form, or at once when this page has answers saved on this device.
   A checklist's first visit stays light; the self-assessment page loads it itself. */
(function () {
  var self = document.currentScript;
  if (!self || window.lpIsian || !document.querySelector("form[data-lp-isian]")) return;
  if (document.querySelector('script[src*="lplpp-isian.js"]')) return;  // the page loads it itself
  var asked = false;
  function load() {
    if (asked || window.lpIsian) return;
    asked = true;
    var script = document.createElement("script");
    script.src = self.src.replace(/lplpp\.js(\?.*)?$/, "lplpp-isian.js");
    document.head.appendChild(script);
  }
  var prefix = "lplpp-isian:" + location.pathname + ":";
  try {
    for (var i = 0; i < localStorage.length; i++) if (localStorage.key(i).indexOf(prefix) === 0) { load(); return; }
  } catch (e) { /* storage may be off */ }
  document.querySelectorAll("form[data-lp-isian]").forEach(function (form) {
    ["pointerdown", "focusin", "keydown"].forEach(function (type) { form.addEventListener(type, load); });
  });
  window.addEventListener("beforeprint", load);
})();

/* Checklists: paper-size switch (A4 / F4) and print button. Without JavaScript the
   switch stays hidden (lplpp.css shows it only under html.lp-js) and pages print on A4. */
(function () {
  var sizes = { a4: "A4", f4: "215mm 330mm" };
  var forms = document.querySelectorAll(".lp-paper");
  if (!forms.length) return;


  function apply(paper) {
    var style = document.getElementById("lp-paper-size");
    if (!style) {
      style = document.createElement("style");
      style.id = "lp-paper-size";
      document.head.appendChild(style);
    }
    style.textContent = "@page { size: " + sizes[paper] + "; }";
    document.documentElement.setAttribute("data-kertas", paper);
    document.querySelectorAll('.lp-paper input[name="kertas"]').forEach(function (input) {
      input.checked = input.value === paper;
    });
  }

  var asked = new URLSearchParams(location.search).get("kertas");
  var saved = null;
  try { saved = localStorage.getItem("lplpp-kertas"); } catch (e) { /* storage may be off */ }
  apply(sizes[asked] ? asked : sizes[saved] ? saved : "a4");

  forms.forEach(function (form) {
    form.addEventListener("change", function (event) {
      if (event.target.name !== "kertas") return;
      apply(event.target.value);
      try { localStorage.setItem("lplpp-kertas", event.target.value); } catch (e) { /* ignore */ }
    });
    form.querySelector("[data-lp-print]").addEventListener("click", function () { window.print(); });
  });
})();

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

/* "Langsung ke kabupaten/kota Anda": a name (or part of it) or a code goes to that page; when
   several fit ("Kupang": the kabupaten and the kota), they are listed as links. The choices are
   the <datalist> in the page, so this needs neither the search index nor the network. */
(function () {
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }
  document.querySelectorAll(".lp-find").forEach(function (form) {
    var input = form.querySelector("input");
    var result = form.querySelector(".lp-find-result");
    var regencyUrl = form.getAttribute("data-kabupaten");  // .../wilayah/PP/RR/ (or PP/RR.html offline)
    var provinceUrl = form.getAttribute("data-provinsi");  // the first province's address, as a pattern
    var sample = new RegExp("(^|/)" + form.getAttribute("data-contoh") + "/");
    var places = Array.prototype.map.call(form.querySelectorAll("option"), function (option) {
      var code = option.value.match(/\(([0-9.]+)\)$/)[1];  // "Kota Kupang (53.71)"
      var url = code.length > 2 ? regencyUrl.replace("PP/RR", code.replace(".", "/"))
                                : provinceUrl.replace(sample, "$1" + code + "/");
      return { text: option.value, words: fold(option.value.replace(/\(.*\)$/, "")).split(" "),
               code: code.replace(".", ""), url: url };
    });

    function matching(typed) {
      var exact = places.filter(function (place) { return place.text === typed; });
      if (exact.length) return exact;
      var digits = typed.replace(/[^0-9]/g, "");
      if (digits.length >= 2) return places.filter(function (place) { return place.code === digits; });
      var wanted = fold(typed).split(" ").filter(Boolean);
      if (!wanted.length) return [];
      return places.filter(function (place) {  // every typed word starts a word of the name
        return wanted.every(function (w) { return place.words.some(function (word) { return word.indexOf(w) === 0; }); });
      });
    }

    var KINDS = { a: "nama lain", k: "kecamatan", d: "desa/kelurahan" };
    var byCode = {};
    places.forEach(function (place) { byCode[place.code] = place; });

    // A town or village name: the search's place-name file for its first three letters
    // ({"soe": ["Kota Soe", "k53.02", "d53.02", ...]}), fetched only now.
    function townNamed(typed, done) {
      var key = typed.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
      var shard = key.replace(/[^a-z0-9]/g, "").slice(0, 3);
      if (shard.length < 3 || location.protocol === "file:") { done([]); return; }
      fetch(form.getAttribute("data-places") + shard + ".json").then(function (response) {
        return response.ok ? response.json() : {};
      }).then(function (names) {
        var entry = Object.prototype.hasOwnProperty.call(names, key) ? names[key] : null;
        var seen = {};
        done(entry ? entry.slice(1).map(function (kindCode) {
          var place = byCode[kindCode.slice(1).replace(".", "")];
          if (!place || seen[place.code]) return null;
          seen[place.code] = true;
          return { text: place.text + " (" + KINDS[kindCode[0]] + " " + entry[0] + ")", url: place.url };
        }).filter(Boolean) : []);
      }, function () { done([]); });
    }

    function show(found) {
      if (found.length === 1) { location.href = found[0].url; return; }
      result.replaceChildren();
      if (!found.length) {
        result.textContent = "Tidak ada kabupaten/kota dengan nama atau kode itu. Tulis sebagian nama " +
          "(mis. Kupang), nama kota atau kecamatan (mis. Soe), atau kodenya (mis. 53.71).";
        return;
      }
      var list = document.createElement("ul");
      found.slice(0, 12).forEach(function (place) {
        var link = document.createElement("a");
        link.href = place.url;
        link.textContent = place.text;
        var item = document.createElement("li");
        item.appendChild(link);
        list.appendChild(item);
      });
      result.append(found.length + " wilayah cocok:", list);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var typed = input.value.trim();
      var found = matching(typed);
      if (found.length) { show(found); return; }
      result.textContent = "Mencari …";  // the place-name file may take a moment on a slow link
      townNamed(typed, show);
    });
  });
})();

/* Search: when a query word matched nothing and one letter away did, the search worker
   (lunr.id.min.js) says so on this channel, and the results say "Menampilkan hasil untuk …". */
(function () {
  if (typeof BroadcastChannel === "undefined") return;
  var channel = new BroadcastChannel("lplpp-pencarian");
  document.addEventListener("input", function (event) {  // a new query: the old note goes
    var note = document.querySelector(".lp-koreksi");
    if (note && event.target.classList && event.target.classList.contains("md-search__input")) note.remove();
  });
  channel.onmessage = function (event) {
    var meta = document.querySelector(".md-search-result__meta");
    var note = document.querySelector(".lp-koreksi");
    var input = document.querySelector(".md-search__input");
    var told = event.data || {};
    // The words as the worker saw them: an answer to an earlier keystroke is not this query's.
    var words = input ? input.value.toLowerCase().split(/[\s-]+/).map(function (w) {
      return w.replace(/^[^a-z0-9\u00c0-\u024f]+|[^a-z0-9\u00c0-\u024f]+$/g, "");
    }).filter(Boolean).join(" ") : "";
    if (told.kueri !== words || !meta) return;
    if (!told.hasil) {
      if (note) note.remove();
      return;
    }
    if (!note) {
      note = document.createElement("p");
      note.className = "lp-koreksi";
      meta.parentNode.insertBefore(note, meta.nextSibling);
    }
    var strong = document.createElement("strong");
    strong.textContent = told.hasil;
    note.textContent = "Menampilkan hasil untuk ";
    note.appendChild(strong);
  };
})();
