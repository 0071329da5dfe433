/* The exercise guide's own behaviour: list filters, the print button and "Add to my card".
 * Without JavaScript the full list shows and nothing here is needed. */
(function () {
  "use strict";

  // The exercise list's filters. The early script (theme/pages/_filters_early.js, inline after the form) has
  // shown the form, applied the address and left window.egFilters: the filters and `show`, which hides what the
  // chosen values leave out with a style rule. That rule stays until the reader changes a filter. From then on,
  // the full list is set aside (data-eg-away: not drawn, its layout kept for the way back) and the entries the
  // filters let through show as copies in a list of their own, PAGE at a time ("Show more"): a change restyles
  // and lays out the few entries shown, not every entry of a long list (measured in BENCHMARKS.md, "The
  // exercise list on a phone"). On every change: the count of each option beside the others chosen, the count
  // of the list and the address. They come from an index of the entries made once,
  // when the browser is idle or at the first change, so that no change walks the list's elements.
  function setUpFilters(form) {
    var early = window.egFilters;
    var list = document.querySelector("[data-eg-list]");
    if (!early || !list) return;
    var filters = early.filters; // [URL parameter, data attribute]
    var entries = list.getElementsByTagName("li");
    var total = entries.length;
    var count = form.querySelector("[data-eg-count]");
    var empty = document.querySelector("[data-eg-empty]");
    var results = document.querySelector("[data-eg-results]");
    var more = document.querySelector("[data-eg-more]");
    var noun = total === 1 ? "exercise" : "exercises";
    var PAGE = 30;
    var matching = []; // the entries the filters let through, in the list's order
    var drawn = 0; // how many of them the results show
    var index = null;

    // ids[f][n]: the ids entry n holds for filter f; has[f][id]: the entries that hold id. options[f]: filter f's
    // options with their names (the page's text less its count: "Glutes (20)" -> "Glutes") and shown counts.
    // Made SLICE entries at a time while the browser is idle (indexWhenIdle), or the rest at once when a change
    // needs it (indexed): read at load in one go, the attributes of 889 entries held the main thread for 64 ms
    // on a phone (CPU ÷4), one of the list's long tasks (BENCHMARKS.md, "The exercise list on a phone").
    var SLICE = 50;
    var partial = null; // { ids, has, next }: the index while it is being made
    function indexTo(end) {
      var made = partial || (partial = {
        ids: filters.map(function () { return new Array(total); }),
        has: filters.map(function () { return Object.create(null); }),
        next: 0
      });
      for (; made.next < end; made.next += 1) {
        var n = made.next;
        for (var f = 0; f < filters.length; f += 1) {
          var held = (entries[n].getAttribute(filters[f][1]) || "").split(" ").filter(Boolean);
          made.ids[f][n] = held;
          for (var k = 0; k < held.length; k += 1) (made.has[f][held[k]] || (made.has[f][held[k]] = [])).push(n);
        }
      }
      if (made.next < total || index) return;
      var options = filters.map(function (filter) {
        var select = form.elements[filter[0]];
        var offered = select ? Array.prototype.filter.call(select.options, function (option) { return option.value; }) : [];
        return offered.map(function (option) {
          var match = /^(.*) \((\d+)\)$/.exec(option.textContent);
          return { option: option, name: match ? match[1] : option.textContent, count: match ? Number(match[2]) : null };
        });
      });
      index = { ids: made.ids, has: made.has, options: options };
    }
    function indexed() {
      if (!index) indexTo(total);
      return index;
    }
    // then: called once the index is whole. Each idle task stops after BUDGET ms, well under the 50 ms that
    // makes a task long: a browser hands out idle periods of up to 50 ms, and filling them was as long a task
    // on a slow phone as indexing in one go (Lighthouse counts the task at four times what it took here).
    // A page that is never idle still gets a slice a second.
    var BUDGET = 8;
    function indexWhenIdle(then) {
      function later(step) {
        if (window.requestIdleCallback) return window.requestIdleCallback(step, { timeout: 1000 });
        return window.setTimeout(step, 1);
      }
      function step() {
        var until = window.performance.now() + BUDGET;
        while (!index) {
          indexTo(Math.min(total, (partial ? partial.next : 0) + SLICE));
          if (!index && window.performance.now() > until) return later(step);
        }
        then();
      }
      later(step);
    }

    function chosen() {
      var values = {};
      filters.forEach(function (filter) {
        var select = form.elements[filter[0]];
        if (select && select.value) values[filter[0]] = select.value;
      });
      return values;
    }

    // first: the page has just loaded, filtered as the address says by the early script's rule, which stays.
    // Its counts wait for the index (made when idle); a change before then makes the index at once.
    var changed = false;
    function update(first) {
      var values = chosen();
      var filtered = Object.keys(values).length > 0;
      if (first === true && filtered && !index) return;
      if (first !== true) changed = true;
      // The page was built with every option's count on its own: they only change once a filter is chosen.
      matching = filtered || index ? recount(values) : [];
      var shown = filtered ? matching.length : total;
      if (first !== true && results && more) {
        early.show({});
        list.toggleAttribute("data-eg-away", filtered);
        results.textContent = "";
        drawn = 0;
        if (filtered) draw();
        results.hidden = !filtered;
        more.parentNode.hidden = !filtered || drawn >= matching.length;
      }
      var text = filtered ? "Showing " + shown + " of " + total + " " + noun : "All " + total + " " + noun;
      if (count.textContent !== text) count.textContent = text;
      if (empty) empty.hidden = shown !== 0;
      address(values);
    }

    // The next page of results, as copies of the list's own entries.
    function draw() {
      var page = document.createDocumentFragment();
      var end = Math.min(drawn + PAGE, matching.length);
      for (; drawn < end; drawn += 1) page.appendChild(entries[matching[drawn]].cloneNode(true));
      results.appendChild(page);
      var left = matching.length - drawn;
      more.textContent = "Show " + Math.min(PAGE, left) + " more (" + left + " left)";
      more.parentNode.hidden = left === 0;
    }

    // The address follows the filters, so that a filtered list can be shared; once the list is drawn, as
    // replacing it costs a few milliseconds that the reader would otherwise wait for the list.
    var pending = null;
    function address(values) {
      var later = window.requestIdleCallback || function (callback) { return window.setTimeout(callback, 50); };
      var cancel = window.cancelIdleCallback || window.clearTimeout;
      if (pending !== null) cancel(pending);
      pending = later(function () {
        pending = null;
        var query = new URLSearchParams(values).toString();
        var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
        if (url !== window.location.pathname + window.location.search + window.location.hash) window.history.replaceState(null, "", url);
      }, { timeout: 500 });
    }

    // Writes each option's count (the entries that every other chosen filter lets through and that hold its id,
    // so that it tells what choosing it would show); returns the entries the chosen filters let through.
    function recount(values) {
      var data = indexed();
      // misses[n]: how many chosen filters entry n fails; fails[f]: the entries filter f turns away, if chosen.
      var misses = new Uint8Array(total);
      var fails = filters.map(function (filter, f) {
        var value = values[filter[0]];
        if (!value) return null;
        var failing = new Uint8Array(total).fill(1);
        (data.has[f][value] || []).forEach(function (n) { failing[n] = 0; });
        for (var n = 0; n < total; n += 1) misses[n] += failing[n];
        return failing;
      });
      var passed = [];
      for (var n = 0; n < total; n += 1) if (!misses[n]) passed.push(n);
      filters.forEach(function (filter, f) {
        var counts = Object.create(null);
        for (var n = 0; n < total; n += 1) {
          if (misses[n] - (fails[f] ? fails[f][n] : 0)) continue;
          var held = data.ids[f][n];
          for (var k = 0; k < held.length; k += 1) counts[held[k]] = (counts[held[k]] || 0) + 1;
        }
        data.options[f].forEach(function (item) {
          var number = counts[item.option.value] || 0;
          if (number !== item.count) {
            item.count = number;
            item.option.textContent = item.name + " (" + number + ")";
          }
        });
      });
      return passed;
    }

    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    if (more) more.addEventListener("click", draw);
    update(true);
    indexWhenIdle(function () {
      if (!changed && Object.keys(chosen()).length) update(true);
    });
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
