/* The exercise guide's own behaviour: list filters, the print button and "Add to my card".
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

  // "Add to my card": the exercise's id goes onto the reader's card, kept in localStorage as the card's
  // address (card.js); the builder page reads it from there. A button in a list takes its exercise from
  // the entry's link ('.../plank/' or '.../plank.html'), so that a list entry needs no more markup.
  function setUpAdding(status) {
    var card = window.egCard;
    if (!card) return;
    var builder = status.getAttribute("data-eg-card");
    var limit = parseInt(status.getAttribute("data-eg-limit"), 10);
    var stored = card.storage(builder);

    function exerciseOf(button) {
      var id = button.getAttribute("data-eg-add");
      if (id) return { id: id, name: button.getAttribute("data-eg-name") || id };
      var entry = button.closest(".eg-card");
      var link = entry && entry.querySelector(".eg-card__name");
      if (!link) return null;
      var path = new URL(link.getAttribute("href"), window.location.href).pathname;
      var slug = path.replace(/\/index\.html$|\/$|\.html$/, "").split("/").pop();
      return { id: decodeURIComponent(slug), name: link.textContent };
    }

    function say(text) {
      status.textContent = "";
      status.appendChild(document.createTextNode(text + " "));
      var open = document.createElement("a");
      open.href = builder;
      open.textContent = "Open my card";
      status.appendChild(open);
    }

    function add(exercise) {
      var read = card.parse(stored.get()).card || { title: null, from: null, rounds: null, rest: null, items: [] };
      var at = read.items.findIndex(function (item) { return item.id === exercise.id; });
      if (at !== -1) {
        say(exercise.name + " is on your card already, as exercise " + (at + 1) + " of " + read.items.length + ".");
      } else if (read.items.length >= limit) {
        say("Your card holds " + limit + " exercises, as many as a card prints: remove one before adding " + exercise.name + ".");
      } else {
        read.items.push({ id: exercise.id, code: null });
        if (stored.set(card.format(read))) say(exercise.name + " is on your card: exercise " + read.items.length + " of " + read.items.length + ".");
        else say("This browser does not let the site keep your card, so " + exercise.name + " could not be added.");
      }
    }

    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-eg-add]");
      if (!button) return;
      var exercise = exerciseOf(button);
      if (exercise) add(exercise);
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-eg-add-actions]"), function (actions) {
      actions.hidden = false;
    });
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
  var added = document.querySelector("[data-eg-added]");
  if (added) setUpAdding(added);
})();
