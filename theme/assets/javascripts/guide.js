/* The exercise guide's own behaviour: list filters and the print button.
 * Without JavaScript the full list shows and nothing here is needed. */
(function () {
  "use strict";

  function setUpFilters(form) {
    var list = document.querySelector("[data-eg-list]");
    if (!list) return;
    // URL parameter -> the card's data attribute that holds its ids (space-separated). The vocabularies
    // come from the page (the generator's registry), so that none is spelt out here.
    var FILTERS = { level: "level" };
    JSON.parse(form.getAttribute("data-eg-vocabularies") || "[]").forEach(function (vocabulary) {
      FILTERS[vocabulary.param] = vocabulary.id;
    });
    var cards = Array.prototype.slice.call(list.querySelectorAll(".eg-card"));
    var count = form.querySelector("[data-eg-count]");
    var empty = document.querySelector("[data-eg-empty]");

    function chosen() {
      var values = {};
      Object.keys(FILTERS).forEach(function (name) {
        var select = form.elements[name];
        if (select && select.value) values[name] = select.value;
      });
      return values;
    }

    function matches(card, values) {
      return Object.keys(values).every(function (name) {
        var ids = (card.getAttribute("data-" + FILTERS[name]) || "").split(" ");
        return ids.indexOf(values[name]) !== -1;
      });
    }

    function apply() {
      var values = chosen();
      var shown = 0;
      cards.forEach(function (card) {
        var show = matches(card, values);
        card.hidden = !show;
        if (show) shown += 1;
      });
      var total = cards.length;
      var noun = total === 1 ? "exercise" : "exercises";
      count.textContent = Object.keys(values).length
        ? "Showing " + shown + " of " + total + " " + noun
        : "All " + total + " " + noun;
      if (empty) empty.hidden = shown !== 0;
      var query = new URLSearchParams(values).toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(null, "", url);
    }

    // Start from the address, so that a shared, filtered link opens filtered.
    var params = new URLSearchParams(window.location.search);
    Object.keys(FILTERS).forEach(function (name) {
      var select = form.elements[name];
      var value = params.get(name);
      if (!select || !value) return;
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      if (known) select.value = value;
    });

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  function setUpPrint(button) {
    button.addEventListener("click", function () { window.print(); });
  }

  // Material's search dialog has no accessible name; screen readers announce it as "Search".
  Array.prototype.forEach.call(document.querySelectorAll(".md-search[role=dialog]:not([aria-label])"), function (dialog) {
    dialog.setAttribute("aria-label", "Search");
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-eg-filters]"), setUpFilters);
  Array.prototype.forEach.call(document.querySelectorAll("[data-eg-print]"), setUpPrint);
})();
