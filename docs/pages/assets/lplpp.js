/* Scripts of one kind of page load only on pages that have their markup, so every other page's
   first visit stays light: the find box (assets/lplpp-cari.js) at once where it is; the search
   note when search opens; the fillable
   forms (assets/lplpp-isian.js) when the reader first touches a form, or at once when this page
   has answers saved on this device. The directory loads its own (assets/lplpp-direktori.js). */
(function () {
  var self = document.currentScript;
  if (!self) return;
  var loaded = {};
  function load(file) {
    if (loaded[file] || document.querySelector('script[src*="' + file + '"]')) return;
    loaded[file] = true;
    var script = document.createElement("script");
    script.src = self.src.replace(/lplpp\.js(\?.*)?$/, file);
    document.head.appendChild(script);
  }
  if (document.querySelector(".lp-find")) load("lplpp-cari.js");
  // the note "Menampilkan hasil untuk …" (assets/lplpp-koreksi.js) is needed once search opens
  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("md-search__input")) load("lplpp-koreksi.js");
  });
  if (window.lpIsian || !document.querySelector("form[data-lp-isian]")) return;
  var prefix = "lplpp-isian:" + location.pathname + ":";
  try {
    for (var i = 0; i < localStorage.length; i++) if (localStorage.key(i).indexOf(prefix) === 0) { load("lplpp-isian.js"); return; }
  } catch (e) { /* storage may be off */ }
  function fill() { load("lplpp-isian.js"); }
  document.querySelectorAll("form[data-lp-isian]").forEach(function (form) {
    ["pointerdown", "focusin", "keydown"].forEach(function (type) { form.addEventListener(type, fill); });
  });
  window.addEventListener("beforeprint", fill);
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
