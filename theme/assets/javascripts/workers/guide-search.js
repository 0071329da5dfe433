/* The site's search worker: Material's own, with the guide's names ranked ahead of its full text.
 *
 * Material starts its search worker from the address in the page's __config, its documented way to a
 * custom search; theme/main.html points it here and passes on the addresses of Material's own worker
 * and of the name index (search/names.json, written by generator/site/search_names.py). This script loads
 * Material's worker into itself and lets it answer every message as it always does; only its answers
 * to queries are rewritten. Exercises whose name or alias matches what the reader typed (the whole
 * name, its start, its words, or its words with one typo) and the exercises of a muscle, piece of
 * equipment or goal the reader named go first, in Material's own result format, so that Material's
 * markup, keyboard handling and highlighting stay as they are; Material's full-text results follow,
 * without the pages already listed. Names come from contributors: they are escaped here before
 * Material puts them into the page as HTML.
 *
 * From disk (the offline copy), where no worker can start, Material's iframe-worker shim runs this script in a
 * hidden frame instead; it then reads the index from search/names.js, as nothing can be fetched from file://.
 *
 * Plain ES2017 (plus Unicode property escapes, which Material's worker uses too); no build step.
 * Outside a worker (a test page) it only defines `GuideSearch`, the ranking without the messaging.
 */
(function (scope) {
  "use strict";

  // Material's message types (src/templates/assets/javascripts/integrations/search/worker/message).
  var READY = 1;
  var QUERY = 2;
  var RESULT = 3;

  var TYPO_MIN = 5; // a word this long or longer is still found with one letter dropped, doubled, swapped or wrong
  var TERM_PAGE_AFTER = 9; // a term's page comes after at most this many of its exercises: among the first ten results
  var MAX_HITS = 100; // results of our own, at most; Material's full text adds its own after them

  // Tiers, best first.
  var EXACT = 0; // the whole name, as typed (any case, hyphens, apostrophes, spaces)
  var START = 1; // the start of the name
  var WORDS = 2; // every word typed starts a word of the name
  var TYPO = 3; // ... with one typo in a long word

  // ---- text ----------------------------------------------------------------------------------

  var APOSTROPHES = /['\u2018\u2019\u02bc`]/g;
  var MARKS = /[\u0300-\u036f]/g;
  var SEPARATORS = /[^\p{L}\p{N}]+/gu;

  /** The text as the search compares it: lower case, accents and apostrophes dropped, words apart by one space. */
  function normal(text) {
    var plain = String(text).normalize("NFKD").replace(MARKS, "").toLowerCase();
    return plain.replace(APOSTROPHES, "").replace(SEPARATORS, " ").trim();
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /** The text as HTML, with the words whose normal form is in `marked` (a Set) wrapped in <mark>. */
  function markWords(text, marked) {
    return String(text)
      .split(/([^\p{L}\p{N}'\u2018\u2019\u02bc`]+)/u)
      .map(function (part, index) {
        var html = escapeHtml(part);
        return index % 2 === 0 && part && marked.has(normal(part)) ? "<mark>" + html + "</mark>" : html;
      })
      .join("");
  }

  /** Whether `a` becomes `b` by one letter dropped, added, changed, or two neighbours swapped. */
  function oneEdit(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
    if (a.length === b.length) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true; // one changed
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // two swapped
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // ---- the index -----------------------------------------------------------------------------

  function address(pattern, id) {
    return pattern.replace("*", id);
  }

  /** A name or alias, ready to compare. */
  function entry(text, owner, isAlias) {
    var words = normal(text);
    var compact = words.replace(/ /g, "");
    return { text: text, normal: words, compact: compact, words: words ? words.split(" ") : [], owner: owner, alias: isAlias };
  }

  /** The index from search/names.json (its shape is described in generator/site/search_names.py). */
  function buildIndex(data, root) {
    var levels = data.l;
    var terms = [];
    var vocabularies = data.t.map(function (row, key) {
      var vocabulary = { key: key, noun: row[0], none: row[3] };
      vocabulary.terms = row[2].map(function (term) {
        var made = { vocabulary: vocabulary, id: term[0], name: term[1], url: address(row[1], term[0]), main: [], also: [], position: terms.length };
        made.entry = entry(term[1], made, false);
        terms.push(made);
        return made;
      });
      return vocabulary;
    });
    var exercises = data.e.map(function (row, order) {
      var ex = {
        order: order,
        slug: row[0],
        name: row[1],
        aliases: row[2],
        level: levels[row[3]],
        figure: row[4] ? new URL(address(data.f, row[0]), root || "http://invalid/").href : null,
        url: address(data.x, row[0]),
        main: [], // per vocabulary, its terms for the exercise: the main role's, and all
        all: [],
      };
      row[5].forEach(function (roles, key) {
        var of = vocabularies[key].terms;
        ex.main[key] = roles[0].map(function (i) { return of[i]; });
        ex.all[key] = ex.main[key].concat(roles[1].map(function (i) { return of[i]; }));
        ex.main[key].forEach(function (term) { term.main.push(ex); });
        roles[1].forEach(function (i) { of[i].also.push(ex); });
      });
      return ex;
    });
    var entries = [];
    var postings = new Map(); // word -> the entries that hold it
    exercises.forEach(function (ex) {
      [ex.name].concat(ex.aliases).forEach(function (text, k) {
        var made = entry(text, ex, k > 0);
        entries.push(made);
        made.words.forEach(function (word) {
          var list = postings.get(word);
          if (!list) postings.set(word, (list = []));
          if (list[list.length - 1] !== made) list.push(made);
        });
      });
    });
    // Every word a typed word may stand for: those of the names, and those of the terms.
    var words = new Set(postings.keys());
    terms.forEach(function (term) { term.entry.words.forEach(function (word) { words.add(word); }); });
    return { vocabularies: vocabularies, exercises: exercises, terms: terms, entries: entries, postings: postings, words: Array.from(words) };
  }

  // ---- ranking -------------------------------------------------------------------------------

  /** What a typed word can stand for: word -> 0 (the word itself), 1 (its start) or 2 (one typo). */
  function readings(words, typed) {
    var found = new Map();
    var typos = typed.length >= TYPO_MIN - 1; // a dropped letter leaves four of five
    words.forEach(function (word) {
      if (word === typed) found.set(word, 0);
      else if (word.startsWith(typed)) found.set(word, 1);
      else if (typos && word.length >= TYPO_MIN && oneEdit(typed, word)) found.set(word, 2);
    });
    return found;
  }

  /** How well the typed words fit a name or alias: null, or its tier, cost and the words it matched. */
  function fit(candidate, query) {
    if (candidate.normal === query.normal || (query.compact && candidate.compact === query.compact)) {
      return { tier: EXACT, cost: 0, extra: 0, order: 0, marked: new Set(candidate.words) };
    }
    var start = candidate.normal.startsWith(query.normal) || candidate.compact.startsWith(query.compact);
    var marked = new Set();
    var cost = 0;
    var typo = false;
    var last = -1;
    var order = 0;
    for (var i = 0; i < query.readings.length; i += 1) {
      var best = null;
      for (var j = 0; j < candidate.words.length; j += 1) {
        var c = query.readings[i].get(candidate.words[j]);
        if (c !== undefined && (best === null || c < best.cost)) best = { cost: c, at: j };
      }
      if (best === null) {
        if (!start) return null;
        marked = startWords(candidate.words, query.compact);
        return { tier: START, cost: 0, extra: candidate.words.length - marked.size, order: 0, marked: marked };
      }
      cost += best.cost;
      typo = typo || best.cost === 2;
      if (best.at < last) order = 1;
      last = best.at;
      marked.add(candidate.words[best.at]);
    }
    var tier = start ? START : typo ? TYPO : WORDS;
    return { tier: tier, cost: cost, extra: candidate.words.length - marked.size, order: order, marked: marked };
  }

  /** The words at the start of a name that the typed text (without spaces) covers. */
  function startWords(words, compact) {
    var marked = new Set();
    var covered = 0;
    for (var i = 0; i < words.length && covered < compact.length; i += 1) {
      marked.add(words[i]);
      covered += words[i].length;
    }
    return marked;
  }

  function compareFits(a, b) {
    return a.fit.tier - b.fit.tier || a.fit.cost - b.fit.cost || a.fit.extra - b.fit.extra || a.fit.order - b.fit.order ||
      (a.entry.alias ? 1 : 0) - (b.entry.alias ? 1 : 0) || a.entry.owner.order - b.entry.owner.order;
  }

  /** The names and aliases that fit the query, best first, one per exercise. */
  function matchNames(index, query) {
    var candidates = new Set();
    // The whole query against each whole name: 'pushup' is 'Push-Up', 'single leg gl' starts 'Single-leg Glute Bridge'.
    index.entries.forEach(function (candidate) {
      var starts = candidate.normal.startsWith(query.normal) || (query.compact && candidate.compact.startsWith(query.compact));
      if (starts) candidates.add(candidate);
    });
    // Word by word: the names that hold a reading of every typed word.
    var sets = query.readings.map(function (reading) {
      var set = new Set();
      reading.forEach(function (_, word) {
        (index.postings.get(word) || []).forEach(function (candidate) { set.add(candidate); });
      });
      return set;
    });
    if (sets.length) {
      sets.sort(function (a, b) { return a.size - b.size; });
      sets[0].forEach(function (candidate) {
        if (sets.every(function (set) { return set.has(candidate); })) candidates.add(candidate);
      });
    }
    var fits = [];
    candidates.forEach(function (candidate) {
      var found = fit(candidate, query);
      if (found) fits.push({ entry: candidate, fit: found });
    });
    fits.sort(compareFits);
    var seen = new Set();
    return fits.filter(function (hit) {
      if (seen.has(hit.entry.owner)) return false;
      seen.add(hit.entry.owner);
      return true;
    });
  }

  /** The muscles, equipment and goals the query names, best first. */
  function matchTerms(index, query) {
    var fits = [];
    index.terms.forEach(function (term) {
      var found = fit(term.entry, query);
      // Named, not merely touched: the whole name, its start from three letters on, or all its words (one may have a typo).
      var named = found && (found.tier === EXACT || (found.tier === START ? query.normal.length >= 3 : found.extra === 0));
      if (named) fits.push({ entry: term.entry, fit: found });
    });
    return fits.sort(function (a, b) {
      return a.fit.tier - b.fit.tier || a.fit.cost - b.fit.cost || a.entry.owner.position - b.entry.owner.position;
    });
  }

  function parseQuery(index, text) {
    var words = normal(text);
    var query = { normal: words, compact: words.replace(/ /g, ""), words: words ? words.split(" ") : [] };
    query.readings = query.words.map(function (word) { return readings(index.words, word); });
    return query;
  }

  /** A term's exercises in the order a reader wants them: main ones, the page itself, the others. */
  function termBlock(term, nameTier) {
    function focus(ex) {
      return ex.main[term.vocabulary.key].length; // an exercise given to fewer of them is more about this one
    }
    var main = term.main.slice().sort(function (a, b) {
      return nameTier(a) - nameTier(b) || focus(a) - focus(b) || a.order - b.order;
    });
    var listed = function (ex) { return { exercise: ex, via: term }; };
    var after = main.slice(TERM_PAGE_AFTER).concat(term.also);
    return main.slice(0, TERM_PAGE_AFTER).map(listed).concat([{ term: term }], after.map(listed));
  }

  /** Our own results for the query, best first: [{exercise, entry, fit, via} | {term, fit}] (via: the term it is listed for). */
  function rank(index, text) {
    var query = parseQuery(index, text);
    if (!query.words.length) return [];
    var names = matchNames(index, query);
    var byExercise = new Map();
    names.forEach(function (hit) { byExercise.set(hit.entry.owner, hit); });
    var nameTier = function (ex) { var hit = byExercise.get(ex); return hit ? hit.fit.tier : TYPO + 1; };
    var terms = matchTerms(index, query);
    var exact = names.filter(function (hit) { return hit.fit.tier === EXACT; });
    var starts = names.filter(function (hit) { return hit.fit.tier === START; });
    var rest = names.filter(function (hit) { return hit.fit.tier > START; });
    var asHits = function (list) { return list.map(function (hit) { return { exercise: hit.entry.owner }; }); };
    var order;
    if (terms.length) {
      var block = termBlock(terms[0].entry.owner, nameTier);
      var others = terms.slice(1).map(function (hit) { return { term: hit.entry.owner }; });
      order = terms[0].fit.tier === EXACT
        ? asHits(exact).concat(block, asHits(starts), others, asHits(rest))
        : asHits(exact).concat(asHits(starts), block, others, asHits(rest));
    } else {
      order = asHits(names);
    }
    var seen = new Set();
    var hits = [];
    order.forEach(function (hit) {
      var key = hit.exercise || hit.term;
      if (seen.has(key) || hits.length >= MAX_HITS) return;
      seen.add(key);
      var named = hit.exercise && byExercise.get(hit.exercise);
      hits.push({ exercise: hit.exercise, term: hit.term, via: hit.via, entry: named && named.entry, fit: named && named.fit });
    });
    if (terms.length) {
      hits.forEach(function (hit) {
        var term = terms.find(function (t) { return t.entry.owner === hit.term; });
        if (term) hit.fit = term.fit;
      });
    }
    return hits;
  }

  // ---- results in Material's format ----------------------------------------------------------

  /** The facts a reader chooses by: level, and the terms of the vocabularies the index asks to show. */
  function facts(ex, vocabularies) {
    var parts = [escapeHtml(ex.level)];
    vocabularies.forEach(function (vocabulary) {
      if (vocabulary.none === null || vocabulary.none === undefined) return;
      var names = ex.all[vocabulary.key].map(function (term) { return escapeHtml(term.name); });
      parts.push(names.join(", ") || escapeHtml(vocabulary.none));
    });
    return parts.join(" · ");
  }

  function exerciseDocument(hit, index) {
    var ex = hit.exercise;
    var marked = hit.fit ? hit.fit.marked : new Set();
    var alias = hit.entry && hit.entry.alias ? hit.entry.text : null;
    // The list's picture, beside the text; decorative here (the name is the link's text), so no alt.
    var figure = ex.figure
      ? '<img class="eg-search-figure" src="' + escapeHtml(ex.figure) + '" alt="" width="64" height="48" loading="lazy" decoding="async">'
      : "";
    var text = figure + (alias ? "<p>Also called " + markWords(alias, marked) + "</p>" : "") + "<p>" + facts(ex, index.vocabularies) + "</p>";
    // Listed for a term (a muscle, say) and not by name: the page opens with the term's name highlighted.
    var highlighted = hit.fit ? marked : hit.via ? new Set(hit.via.entry.words) : marked;
    var title = alias ? escapeHtml(ex.name) : markWords(ex.name, marked);
    return { location: ex.url, title: title, text: text, terms: highlightTerms(highlighted) };
  }

  function termDocument(hit) {
    var term = hit.term;
    var marked = hit.fit ? hit.fit.marked : new Set(term.entry.words);
    var count = term.main.length + term.also.length;
    var text = "<p>" + escapeHtml(term.vocabulary.noun) + " · " + count + (count === 1 ? " exercise" : " exercises") + "</p>";
    return { location: term.url, title: markWords(term.name, marked), text: text, terms: highlightTerms(marked) };
  }

  /** Material's `terms`: the words to highlight on the page the reader opens (?h=...), all found. */
  function highlightTerms(marked) {
    var terms = {};
    marked.forEach(function (word) { terms[word] = true; });
    return terms;
  }

  function articleOf(group) {
    var article = group.find(function (doc) { return doc.location.indexOf("#") === -1; });
    return article ? article.location : group[0] && group[0].location;
  }

  /** Material's result with ours ahead of it: each page once, our pages keeping Material's sections for them. */
  function merge(hits, result, index) {
    var groups = (result && result.items) || [];
    if (!hits.length) return result;
    var theirs = new Map();
    var top = 0;
    groups.forEach(function (group) {
      theirs.set(articleOf(group), group);
      group.forEach(function (doc) { top = Math.max(top, doc.score || 0); });
    });
    // Scores above all of Material's, falling in our order: Enter opens the highest-scored result.
    var ours = hits.map(function (hit, position) {
      var doc = hit.exercise ? exerciseDocument(hit, index) : termDocument(hit);
      doc.score = Math.ceil(top) + hits.length - position;
      var group = theirs.get(doc.location) || [];
      return [doc].concat(group.filter(function (section) { return section.location !== doc.location; }));
    });
    var listed = new Set(ours.map(function (group) { return group[0].location; }));
    var rest = groups.filter(function (group) { return !listed.has(articleOf(group)); });
    return Object.assign({}, result, { items: ours.concat(rest) });
  }

  var api = { normal: normal, markWords: markWords, oneEdit: oneEdit, buildIndex: buildIndex, rank: rank, merge: merge };

  // ---- the worker ----------------------------------------------------------------------------

  /** Where this script was loaded from, with Material's and the index's addresses as its parameters. In a worker,
   * its own location; under the iframe-worker shim (the offline copy, opened from file://), where workers cannot
   * start, the page's hidden frame runs it as a script, and the shim adds "?<time>" to the address. */
  function ownAddress(shimmed) {
    return shimmed ? document.currentScript.src.replace(/\?\d+$/, "") : scope.location.href;
  }

  function startWorker(shimmed) {
    var params = new URL(ownAddress(shimmed)).searchParams;
    var material = sameSite(params.get("material"));
    var names = sameSite(params.get("names"));
    var root = sameSite(params.get("root")); // the site's root, which the index's addresses are relative to
    var post = scope.postMessage.bind(scope);
    var listen = scope.addEventListener.bind(scope);
    var materialListeners = [];
    var pending = []; // the queries Material is answering, in the order it answers them
    var index = null;
    var indexOf = function () { return index; };
    if (shimmed && names) {
      // From file:// nothing can be fetched, only run: the offline copy has the index as a script as well
      // (search/names.js, written by the plugin when Material's offline plugin is on), loaded before Material's
      // worker; the shim's importScripts loads in order, without waiting, so the index is read at the first query.
      names = names.replace(/\.json$/, ".js");
      indexOf = function () {
        if (!index && scope.__guideSearchNames) index = buildIndex(scope.__guideSearchNames, root);
        return index;
      };
    } else {
      index = loadIndex(names, root);
    }

    // Material's worker registers its message listener and posts its answers through these globals.
    scope.addEventListener = function (type, listener, options) {
      if (type === "message") materialListeners.push(listener);
      else listen(type, listener, options);
    };
    scope.postMessage = function (message) {
      if (message && message.type === RESULT) message = answer(indexOf(), pending.shift(), message);
      post(message);
    };
    listen("message", function (event) {
      if (event.data && event.data.type === QUERY) pending.push(event.data.data);
      materialListeners.forEach(function (listener) { listener.call(scope, event); });
    });
    if (shimmed && names && material) scope.importScripts(names, material);
    else if (material) scope.importScripts(material);
  }

  /** The name index, read before anything else, while the page is still fetching and reading the full-text index:
   * Material's setup message waits in the queue and finds it ready. (Read asynchronously, it was often read only
   * once Material had built its index, which delayed the first result by a tenth of a second at 2,667 exercises.) */
  function loadIndex(names, root) {
    if (!names) return null;
    try {
      var request = new XMLHttpRequest();
      request.open("GET", names, false); // synchronous, which a worker may do: no page waits on it
      request.send();
      if (request.status !== 200) throw new Error(request.status + " " + request.statusText);
      return buildIndex(JSON.parse(request.responseText), root);
    } catch (error) {
      console.warn("guide search: no name index (" + names + "): " + error + "; full-text search only");
      return null;
    }
  }

  function answer(index, query, message) {
    if (!index) return message;
    try {
      return { type: RESULT, data: merge(rank(index, query || ""), message.data, index) };
    } catch (error) {
      console.warn("guide search: " + error);
      return message;
    }
  }

  /** The address if it is on this site's own origin (nothing is loaded from elsewhere), else null. (Opened from
   * file://, every address has the origin "null": a file beside the site is as much its own as one inside it.) */
  function sameSite(href) {
    if (!href) return null;
    var url = new URL(href, scope.location.href);
    return url.origin === scope.location.origin ? url.href : null;
  }

  if (typeof WorkerGlobalScope !== "undefined" && scope instanceof WorkerGlobalScope) startWorker(false);
  else if (typeof document !== "undefined" && document.currentScript && scope.parent !== scope) startWorker(true);
  else scope.GuideSearch = api;
})(self);
