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
