/* Checklists: paper-size switch (A4 / F4) and print button. Without JavaScript the
   switch stays hidden and pages print on A4 (the default in lplpp.css). */
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
    form.hidden = false;
    form.addEventListener("change", function (event) {
      if (event.target.name !== "kertas") return;
      apply(event.target.value);
      try { localStorage.setItem("lplpp-kertas", event.target.value); } catch (e) { /* ignore */ }
    });
    form.querySelector("[data-lp-print]").addEventListener("click", function () { window.print(); });
  });
})();
