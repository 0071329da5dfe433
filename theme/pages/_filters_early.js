/* The exercise list's filters before the list is drawn. exercises.md puts this script right after the form, so
 * it runs while the page is still being parsed, before any entry exists: it shows the form, takes the filters
 * from the address and hides what they leave out with one style rule. A shared, filtered link so opens filtered
 * in its first frame, and nothing moves when guide.js arrives. guide.js rewrites the same rule on every change
 * (window.egFilters.show): the browser matches the entries' data attributes against it, and no script walks
 * thousands of entries to hide them. Without JavaScript none of this runs and the full list shows. */
(function () {
  "use strict";
  var form = document.querySelector("[data-eg-filters]");
  if (!form || !window.CSS || !window.CSS.escape || !window.URLSearchParams) return;
  // [URL parameter, the entries' data attribute]: the level, then the vocabularies the page carries (from the
  // generator's registry), so that none is spelt out here.
  var filters = [["level", "data-level"]];
  JSON.parse(form.getAttribute("data-eg-vocabularies") || "[]").forEach(function (vocabulary) {
    filters.push([vocabulary.param, "data-" + vocabulary.id]);
  });
  var style = document.createElement("style");
  document.head.appendChild(style);

  // values: URL parameter -> the chosen id. An entry is hidden when it lacks any chosen id; while any is chosen,
  // the form carries data-eg-active, which guide.css lays the list out by.
  // A chunk of the list (a <ul>) none of whose entries is let through is hidden too, so that it leaves no gap
  // where guide.css keeps the chunks (a list one column wide).
  function show(values) {
    var hidden = [];
    var kept = "";
    filters.forEach(function (filter) {
      var value = values[filter[0]];
      if (!value) return;
      var holds = "[" + filter[1] + '~="' + window.CSS.escape(value) + '"]';
      hidden.push("[data-eg-list] li:not(" + holds + ")");
      kept += holds;
    });
    var rule = hidden.length ? hidden.join(",") + "{display:none!important}" : "";
    // A rule of its own: a browser without :has() drops this one, not the entries' rule with it.
    if (hidden.length) rule += "[data-eg-list] > ul:not(:has(> li" + kept + ")){display:none!important}";
    // A new rule has the whole page's style recomputed: only when it differs.
    if (style.textContent !== rule) style.textContent = rule;
    form.toggleAttribute("data-eg-active", hidden.length > 0);
  }

  var params = new URLSearchParams(window.location.search);
  var values = {};
  filters.forEach(function (filter) {
    var select = form.elements[filter[0]];
    var value = params.get(filter[0]);
    // A value the page does not offer is ignored, rather than hiding everything.
    var offered = select && value && Array.prototype.some.call(select.options, function (option) {
      return option.value === value;
    });
    if (offered) {
      select.value = value;
      values[filter[0]] = value;
    }
  });
  show(values);
  form.hidden = false;
  window.egFilters = { filters: filters, show: show };
})();
