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
