/* Filling checklists and self-assessments on screen (forms with data-lp-isian): answers kept on this
   device per page, guideline version and block; "Unduh berkas data" writes the YAML record that
   `lplpp check` reads (data/penilaian/<id>/<date>.yaml, data/tindak-lanjut/<PP.RR>.yaml);
   "Usulkan lewat GitHub" opens GitHub's new-file page with it. No library, no request: works from
   file://. Text typed by the reader only ever becomes text (textContent, YAML double quotes).
   Loaded by the self-assessment page; on checklists by assets/lplpp.js when the reader first touches
   a form, or at once when the page has answers saved. */
(function () {
  if (window.lpIsian) return;
  window.lpIsian = true;
  var forms = document.querySelectorAll("form[data-lp-isian]");
  if (!forms.length) return;
  var MAX_URL = 8000;  // longer addresses are cut off by browsers or refused by GitHub

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  // A YAML double-quoted scalar that reads back exactly (macros.load.yaml_quoted): JSON is YAML, and
  // JSON escapes quotes, backslashes and C0 controls; YAML would fold or refuse these others.
  function quoted(text) {
    // Pasted text may carry what no record may hold (the check refuses it): control characters
    // become spaces, a lone half of a surrogate pair the replacement character.
    text = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g, " ");
    var whole = "";
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) whole += text[i] + text[++i];
      else whole += c >= 0xd800 && c <= 0xdfff ? "\ufffd" : text[i];
    }
    text = whole;
    return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (c) {
      return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
    });
  }

  function key(form) {
    // the form's kind too: an institution whose ID is "langkah" or "calon" never shares a draft with those blocks
    return "lplpp-isian:" + location.pathname + ":" + form.getAttribute("data-lp-versi") + ":" +
      form.getAttribute("data-lp-isian") + ":" + form.getAttribute("data-lp-kunci");
  }

  function fields(form) {  // typed fields (not the boxes)
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type !== "radio" && el.type !== "checkbox"));
    });
  }

  function state(form) {
    var saved = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.type === "radio" || el.type === "checkbox") { if (el.checked) saved[el.name] = el.value; }
      else if (el.value) saved[el.name] = el.value;
    });
    return saved;
  }

  function save(form) {
    try { localStorage.setItem(key(form), JSON.stringify(state(form))); } catch (e) { /* storage off or full */ }
  }

  function restore(form) {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(key(form)) || "null"); } catch (e) { saved = null; }
    if (!saved) return false;
    if (typeof saved !== "object") return false;
    // Storage is shared by every page of this host (on GitHub Pages, every site of the organisation):
    // a saved value is taken only as text the field itself would accept from the reader.
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !Object.prototype.hasOwnProperty.call(saved, el.name)) return;
      var value = saved[el.name];
      if (typeof value !== "string") return;
      if (el.type === "radio" || el.type === "checkbox") { el.checked = el.value === value; return; }
      if (el.maxLength > 0 && value.length > el.maxLength) return;
      el.value = value;
      if (!el.checkValidity()) el.value = "";
    });
    return true;
  }

  // A step whose status is chosen needs a date: it starts as today (also for a box ticked before
  // this script arrived).
  function dated(form, radio) {
    var date = form.elements[radio.name + ".tanggal"];
    if (date && radio.checked && !date.value) date.value = today();
  }

  function defaults(form) {
    var date = form.elements.tanggal;
    if (date && !date.value) date.value = today();
    Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]:checked"), function (radio) { dated(form, radio); });
    Array.prototype.forEach.call(form.querySelectorAll('input[type="date"]'), function (el) { el.max = today(); });
  }

  // On paper a typed field prints as text in its place (a span shown only in print).
  function mirror(el) {
    var span = el.lp_typed;
    if (!span) {
      span = el.lp_typed = document.createElement("span");
      span.className = "lp-typed" + (el.classList.contains("lp-line") ? " lp-typed--line" : "");
      el.after(span);
    }
    // A form with no answer yet prints blank, for a pen: its date is today's on screen only.
    span.textContent = el.name === "tanggal" && !answered(el.form) ? "" : el.value;
  }

  function answered(form) {
    return !!form.querySelector("input[type=radio]:checked:not([name=pelapor])");
  }

  function say(form, text) {
    form.querySelector(".lp-tools-msg").textContent = text;
  }

  // ------------------------------------------------------------------ the record as YAML

  function assessment(form) {
    var institution = form.getAttribute("data-lp-lembaga");
    var date = form.elements.tanggal.value;
    if (!date) return { error: "Isi tanggal penilaian." };
    var lines = ["# yaml-language-server: $schema=../../schemas/penilaian.schema.json",
                 "lembaga: " + quoted(institution), "tanggal: " + quoted(date),
                 "versi_pedoman: " + quoted(form.getAttribute("data-lp-versi"))];
    var note = form.elements.catatan;
    if (note && note.value.trim()) lines.push("catatan: " + quoted(note.value));
    lines.push("jawaban:");
    var answered = 0, open = [], seen = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]"), function (radio) {
      var id = radio.name;
      if (seen[id]) return;
      seen[id] = true;
      var chosen = form.querySelector('input[type=radio][name="' + id + '"]:checked');
      var extra = ["bukti", "tautan", "catatan"].map(function (part) {
        var el = form.elements[id + "." + part];
        return [part, el && el.value.trim() ? el.value : ""];
      }).filter(function (pair) { return pair[1]; });
      if (!chosen) {
        if (extra.length) open.push(id);
        return;
      }
      answered += 1;
      lines.push("  - kriteria: " + quoted(id), "    jawaban: " + quoted(chosen.value));
      extra.forEach(function (pair) { lines.push("    " + pair[0] + ": " + quoted(pair[1])); });
    });
    if (open.length) return { error: "Pilih jawaban untuk " + open.join(", ") + ": bukti atau catatannya sudah diisi." };
    if (!answered) return { error: "Belum ada jawaban: pilih Ya, Sebagian, atau Belum untuk kriteria yang dinilai." };
    var total = Object.keys(seen).length;
    return {
      path: "data/penilaian/" + institution + "/" + date + ".yaml",
      text: lines.join("\n") + "\n",
      note: answered < total ? " " + (total - answered) + " dari " + total + " kriteria belum dijawab." : ""
    };
  }

  function followup(form) {
    var code = form.getAttribute("data-lp-wilayah");
    var steps = [], missing = [], seen = {}, latest = "";
    Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]"), function (radio) {
      var id = radio.name;
      if (id === "pelapor" || seen[id]) return;
      seen[id] = true;
      var chosen = form.querySelector('input[type=radio][name="' + id + '"]:checked');
      if (!chosen) return;
      var date = form.elements[id + ".tanggal"].value, note = form.elements[id + ".catatan"].value;
      if (!date) { missing.push(id); return; }
      if (date > latest) latest = date;
      steps.push(["  - langkah: " + quoted(id), "    status: " + quoted(chosen.value), "    tanggal: " + quoted(date)]
        .concat(note.trim() ? ["    catatan: " + quoted(note)] : []).join("\n"));
    });
    if (missing.length) return { error: "Isi tanggal untuk " + missing.join(", ") + "." };
    if (!steps.length) return { error: "Belum ada langkah yang ditandai: pilih Belum, Berjalan, atau Selesai pada langkah yang sudah dimulai." };
    var reporter = form.querySelector('input[name="pelapor"]:checked');
    var updated = today() > latest ? today() : latest;
    return {
      path: "data/tindak-lanjut/" + code + ".yaml",
      text: ["# yaml-language-server: $schema=../schemas/tindak-lanjut-wilayah.schema.json",
             "wilayah: " + quoted(code), "versi_pedoman: " + quoted(form.getAttribute("data-lp-versi")),
             "pelapor: " + quoted(reporter ? reporter.value : "dinas-kabupaten-kota"),
             "diperbarui: " + quoted(updated), "langkah:"].concat(steps).join("\n") + "\n",
      note: form.hasAttribute("data-lp-ada")
        ? " Kabupaten/kota ini sudah punya berkas catatan: isi juga langkah yang sudah tercatat, lalu ganti isi berkas lama dengan berkas ini (jangan membuat berkas kedua)."
        : ""
    };
  }

  function record(form) {
    if (!form.reportValidity()) return null;  // dates within range, links starting with http(s)://
    var made = form.getAttribute("data-lp-isian") === "tindak-lanjut" ? followup(form) : assessment(form);
    if (made.error) { say(form, made.error); return null; }
    return made;
  }

  function download(made) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([made.text], { type: "application/yaml;charset=utf-8" }));
    link.download = made.path.split("/").pop();
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  function folder(path) { return path.slice(0, path.lastIndexOf("/")); }

  forms.forEach(function (form) {
    var restored = restore(form);
    defaults(form);
    fields(form).forEach(mirror);
    if (!restored && answered(form)) save(form);  // ticked before this script arrived
    form.addEventListener("input", function (event) {
      if (event.target.lp_typed) mirror(event.target);
      save(form);
    });
    form.addEventListener("change", function (event) {
      var el = event.target;
      if (el.type === "radio" && form.elements[el.name + ".tanggal"]) {
        dated(form, el);
        mirror(form.elements[el.name + ".tanggal"]);
      }
      if (el.type === "radio" && form.elements.tanggal && form.elements.tanggal.lp_typed) mirror(form.elements.tanggal);
      save(form);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var clear = form.querySelector("[data-lp-kosongkan]");
    if (clear) clear.addEventListener("click", function () {
      if (!window.confirm("Kosongkan semua isian di bagian ini? Isian yang belum diunduh akan hilang.")) return;
      form.reset();
      try { localStorage.removeItem(key(form)); } catch (e) { /* ignore */ }
      defaults(form);
      fields(form).forEach(mirror);
      say(form, "Isian dikosongkan.");
    });
    var get = form.querySelector("[data-lp-unduh]");
    if (get) get.addEventListener("click", function () {
      var made = record(form);
      if (!made) return;
      download(made);
      say(form, "Berkas " + made.path.split("/").pop() + " diunduh. Simpan di repositori sebagai " + made.path + "." + made.note);
    });
    var propose = form.querySelector("[data-lp-github]");
    if (propose) propose.addEventListener("click", function () {
      var made = record(form);
      if (!made) return;
      var repo = form.getAttribute("data-lp-repo").replace(/\/+$/, "");
      if (form.hasAttribute("data-lp-ada")) {  // GitHub refuses a new file where one exists: edit that one
        var edit = function (copied) {
          say(form, (copied ? "Isi berkas baru sudah disalin. " : "") + "Di GitHub, ganti seluruh isi " + made.path +
            (copied ? " dengan menempelkannya (Ctrl+V)" : " dengan isi berkas yang diunduh") +
            ", lalu pilih Commit changes… › Propose changes." + made.note);
          if (!copied) download(made);
          window.open(repo + "/edit/main/" + made.path, "_blank", "noopener");
        };
        if (navigator.clipboard) navigator.clipboard.writeText(made.text).then(function () { edit(true); }, function () { edit(false); });
        else edit(false);
        return;
      }
      var url = repo + "/new/main?filename=" + encodeURIComponent(made.path) + "&value=" + encodeURIComponent(made.text);
      if (url.length > MAX_URL) {
        download(made);
        say(form, "Isiannya terlalu panjang untuk dikirim lewat alamat. Berkas " + made.path.split("/").pop() +
          " sudah diunduh: di GitHub buka folder " + folder(made.path) + "/, pilih Add file › Upload files, " +
          "lalu seret berkas itu ke sana dan ajukan pull request." + made.note);
        window.open(repo + "/upload/main/" + folder(made.path), "_blank", "noopener");
        return;
      }
      say(form, "Halaman GitHub dibuka dengan berkas " + made.path + ". Periksa, lalu pilih Commit changes… › Propose changes." + made.note);
      window.open(url, "_blank", "noopener");
    });
  });
  window.addEventListener("beforeprint", function () {
    forms.forEach(function (form) { fields(form).forEach(mirror); });
  });
})();
