/* The reader's own card as data: its address (read and written), dosages in words, its duration.
 *
 * No page furniture here, only functions (window.egCard), shared by guide.js ("Add to my card") and
 * builder.js (the builder). The address format is documented in generator/site/custom_card.py and in
 * README.md; that module writes the same addresses for the routines' Customize links, and words.py
 * the same words: tests run these functions in Chromium against the Python ones, so they cannot drift.
 *
 * An address is untrusted input: reading one never throws and never returns markup; what cannot be
 * read is left out and said, in plain words, in `problems`. */
(function () {
  "use strict";

  var VERSION = "1";
  var KEYS = ["v", "n", "f", "r", "b", "x"];
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var DOSAGE = /^(?:(\d{1,6})x)?(?:(\d{1,6})(?:-(\d{1,6})|(s))?)?(?:h(\d{1,6}))?(?:r(\d{1,6}))?(p)?$/;
  var NUMBER = /^\d{1,6}$/;
  // What a title may not hold: what content's names may not hold either (schema.py's _UNSEEN_CATEGORIES).
  var UNSEEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\p{Cn}]/gu;
  var SHOWN = 24; // characters of a bad value quoted in a message

  // ---- words (generator/site/words.py) ---------------------------------------------------------

  function seconds(value) {
    var minutes = Math.floor(value / 60);
    var rest = value % 60;
    if (!minutes) return rest + " s";
    return rest ? minutes + " min " + rest + " s" : minutes + " min";
  }

  function about(value) {
    if (value < 60) return "under a minute";
    // Python's round(): halves go to the even neighbour.
    var minutes = Math.floor(value / 60);
    var twice = (value % 60) * 2;
    if (twice > 60 || (twice === 60 && minutes % 2 === 1)) minutes += 1;
    return "about " + minutes + " min";
  }

  function work(dosage, perSide) {
    var side = dosage.perSide ? perSide : "";
    var parts;
    if (dosage.reps) {
      var low = dosage.reps[0];
      var high = dosage.reps[1];
      parts = [(low === high ? String(low) : low + "\u2013" + high) + side];
    } else if (dosage.time != null) {
      parts = [seconds(dosage.time) + side];
    } else if (dosage.hold != null) {
      return ["hold " + seconds(dosage.hold) + side];
    } else {
      parts = [];
    }
    if (dosage.hold != null) parts.push("hold " + seconds(dosage.hold));
    return parts;
  }

  function dosageParts(dosage, perSide) {
    var parts = work(dosage, perSide);
    if (dosage.rest != null) parts.push("rest " + seconds(dosage.rest));
    if (dosage.sets && parts.length) parts[0] = dosage.sets + " \u00d7 " + parts[0];
    return parts;
  }

  /** In full, for the screen: '2 × 8 per side, hold 3 s, rest 30 s'. */
  function dosageText(dosage) {
    var parts = dosageParts(dosage, " per side");
    if (!parts.length && dosage.sets) parts = [dosage.sets + " sets"];
    return parts.join(", ");
  }

  /** Short, as the card prints it: '3 × 8/side · hold 3 s · rest 30 s'. */
  function dosageShort(dosage) {
    return dosageParts(dosage, "/side").join(" \u00b7 ");
  }

  /** Estimated seconds of all sets (schema.py's Dosage.seconds). */
  function dosageSeconds(dosage, secondsPerRep) {
    var effort;
    if (dosage.time != null) effort = dosage.time;
    else if (dosage.reps) effort = Math.ceil((dosage.reps[0] + dosage.reps[1]) / 2) * (secondsPerRep + (dosage.hold || 0));
    else effort = dosage.hold || 0;
    if (dosage.perSide) effort *= 2;
    return (dosage.sets || 1) * (effort + (dosage.rest || 0));
  }

  /** Estimated seconds of a card (records.py's Routine.seconds). */
  function cardSeconds(card, secondsPerRep) {
    var round = card.items.reduce(function (sum, item) { return sum + dosageSeconds(item.dosage, secondsPerRep); }, 0);
    return round * card.rounds + (card.rest || 0) * (card.rounds - 1);
  }

  // ---- the address -----------------------------------------------------------------------------

  function shown(value) {
    var text = String(value).replace(UNSEEN, "");
    var characters = Array.from(text);
    return "\u201c" + (characters.length > SHOWN ? characters.slice(0, SHOWN).join("") + "\u2026" : text) + "\u201d";
  }

  function emptyDosage() {
    return { sets: null, reps: null, time: null, hold: null, rest: null, perSide: null };
  }

  function dosageCode(dosage) {
    var code = dosage.sets ? dosage.sets + "x" : "";
    if (dosage.reps) code += dosage.reps[0] === dosage.reps[1] ? dosage.reps[0] : dosage.reps[0] + "-" + dosage.reps[1];
    else if (dosage.time != null) code += dosage.time + "s";
    if (dosage.hold != null) code += "h" + dosage.hold;
    if (dosage.rest != null) code += "r" + dosage.rest;
    if (dosage.perSide) code += "p";
    return code;
  }

  /** A dosage from its code ('2x8h5p'), each number within `limits`; what is out of range is left out
   * and said in `problems` (prefixed with `where`). Returns null when the code cannot be read at all. */
  function readDosage(code, limits, problems, where) {
    var match = DOSAGE.exec(code);
    if (!match) return null;
    var dosage = emptyDosage();
    function number(text, limit, what, unit) {
      if (text === undefined) return null;
      var value = parseInt(text, 10);
      if (value >= 1 && value <= limit) return value;
      problems.push(where + what + " " + value + unit + " is not between 1 and " + limit + unit + "; left out.");
      return null;
    }
    dosage.sets = number(match[1], limits.sets, "sets", "");
    if (match[4]) {
      dosage.time = number(match[2], limits.time, "time", " s");
    } else if (match[2] !== undefined) {
      var low = number(match[2], limits.reps, "reps", "");
      var high = match[3] === undefined ? low : number(match[3], limits.reps, "reps", "");
      if (low !== null && high !== null && high < low) {
        problems.push(where + "reps " + low + "-" + high + " do not go up; left out.");
      } else if (low !== null && high !== null) {
        dosage.reps = [low, high];
      }
    }
    dosage.hold = number(match[5], limits.hold, "hold", " s");
    dosage.rest = number(match[6], limits.rest, "rest", " s");
    dosage.perSide = match[7] ? true : null;
    return dosage;
  }

  /** Text as a title may hold it: no control or invisible characters, spaces as one, at most `limit`
   * characters. */
  function cleanTitle(text, limit) {
    var cleaned = String(text).replace(UNSEEN, " ").replace(/\s+/g, " ").trim();
    var characters = Array.from(cleaned);
    return characters.length > limit ? characters.slice(0, limit).join("").trim() : cleaned;
  }

  function titleCode(title) {
    return encodeURIComponent(title).replace(/%20/g, "+");
  }

  /** The query string of a card (without '?'), as custom_card.py's `address` writes it. `card` is a
   * checked card (items with a dosage each), or one as `parse` read it (items with their code, or none:
   * the exercise's own dosage), whose parts are written back as they were given. */
  function format(card, defaultTitle) {
    var parts = ["v=" + VERSION];
    if (card.title !== null && card.title !== defaultTitle) parts.push("n=" + titleCode(card.title));
    if (card.from) parts.push("f=" + encodeURIComponent(card.from));
    if (card.rounds !== null && String(card.rounds) !== "1") parts.push("r=" + encodeURIComponent(card.rounds));
    if (card.rest) parts.push("b=" + encodeURIComponent(card.rest));
    parts.push("x=" + card.items.map(function (item) {
      if (item.dosage) return item.id + "." + dosageCode(item.dosage);
      return item.code == null ? item.id : item.id + "." + encodeURIComponent(item.code);
    }).join(","));
    return parts.join("&");
  }

  /** Where a reader's card is kept while it is being built (localStorage), for the builder page at
   * `builderUrl`: one card per site, also for copies of it on disk. Storage may be refused (private
   * windows, settings): then nothing is kept, and nothing breaks. */
  function storage(builderUrl) {
    var page = new URL(builderUrl, window.location.href);
    var key = "eg-card " + page.origin + page.pathname.replace(/index\.html$/, "");
    function get(suffix) {
      try { return window.localStorage.getItem(key + (suffix || "")) || ""; } catch (error) { return ""; }
    }
    function set(value, suffix) {
      try { window.localStorage.setItem(key + (suffix || ""), value); return true; } catch (error) { return false; }
    }
    return { get: get, set: set };
  }

  /** The parts of an address as written, before they are checked against the guide: {card: {title
   * (null: none given), from, rounds, rest, items: [{id, code (null: none given)}]}, problems}, or
   * {card: null, problems} when the address holds no card this site can read. */
  function parse(search) {
    var query = String(search || "").replace(/^\?/, "");
    var params = new URLSearchParams(query);
    var problems = [];
    if (!KEYS.some(function (key) { return params.has(key); })) {
      if (query) problems.push("This address holds no card (nothing in it is a title, rounds or exercises).");
      return { card: null, problems: problems };
    }
    var version = params.get("v");
    if (version === null) {
      problems.push("This address does not say which version of card it holds; it was read as version " + VERSION + ".");
    } else if (version !== VERSION) {
      problems.push("This address holds a card of version " + shown(version) + ", which this site cannot read; nothing in it was used.");
      return { card: null, problems: problems };
    }
    var card = { title: params.get("n"), from: params.get("f"), rounds: params.get("r"), rest: params.get("b"), items: [] };
    var pieces = (params.get("x") || "").split(",");
    var bad = 0;
    pieces.forEach(function (piece) {
      if (!piece) return;
      var dot = piece.indexOf(".");
      var id = dot === -1 ? piece : piece.slice(0, dot);
      if (!ID.test(id) || id.length > 80) {
        bad += 1;
        if (bad <= 5) problems.push(shown(piece) + " is not an exercise of this guide; left out.");
        return;
      }
      card.items.push({ id: id, code: dot === -1 ? null : piece.slice(dot + 1) });
    });
    if (bad > 5) problems.push((bad - 5) + " more entries were not exercises either; left out.");
    return { card: card, problems: problems };
  }

  /** A parsed card checked against the guide (`data`: the builder page's data): its exercises known,
   * its numbers within the limits. Returns {card, problems}; `card` holds only what could be read:
   * {title, from, rounds, rest, items: [{id, dosage}]}. */
  function resolve(parsed, data, exercises, routines) {
    var problems = parsed.problems.slice();
    var limits = data.limits;
    var given = parsed.card;
    var card = { title: null, from: null, rounds: 1, rest: null, items: [] };
    if (!given) return { card: null, problems: problems };

    if (given.from !== null) {
      if (Object.prototype.hasOwnProperty.call(routines, given.from)) card.from = given.from;
      else problems.push("There is no routine " + shown(given.from) + " in this guide; the card is shown without it.");
    }
    if (given.rounds !== null) {
      var rounds = NUMBER.test(given.rounds) ? parseInt(given.rounds, 10) : NaN;
      if (rounds >= 1 && rounds <= limits.rounds) card.rounds = rounds;
      else problems.push("Rounds " + shown(given.rounds) + " is not between 1 and " + limits.rounds + "; the card has 1 round.");
    }
    if (given.rest !== null) {
      var rest = NUMBER.test(given.rest) ? parseInt(given.rest, 10) : NaN;
      if (rest >= 1 && rest <= limits.rest) card.rest = rest;
      else problems.push("Rest between rounds " + shown(given.rest) + " is not between 1 and " + limits.rest + " seconds; left out.");
    }
    var defaultTitle = card.from ? routines[card.from].name : data.title;
    if (given.title === null) {
      card.title = defaultTitle;
    } else {
      var cleaned = cleanTitle(given.title, limits.name);
      var plain = String(given.title).replace(/\s+/g, " ").trim();
      card.title = cleaned || defaultTitle;
      if (Array.from(plain).length > limits.name) problems.push("The title was longer than " + limits.name + " characters; it was cut short.");
      else if (cleaned !== plain) problems.push("The title held characters a card cannot print; they were left out.");
    }

    var unknown = 0;
    var kept = given.items.filter(function (item) {
      if (Object.prototype.hasOwnProperty.call(exercises, item.id)) return true;
      unknown += 1;
      if (unknown <= 5) problems.push("There is no exercise " + shown(item.id) + " in this guide; left out.");
      return false;
    });
    if (unknown > 5) problems.push((unknown - 5) + " more exercises are not in this guide; left out.");
    if (kept.length > limits.items) {
      var over = kept.length - limits.items;
      problems.push("A card holds " + limits.items + " exercises; the last " + (over === 1 ? "one was" : over + " were") + " left out.");
      kept = kept.slice(0, limits.items);
    }
    kept.forEach(function (item, index) {
      var exercise = exercises[item.id];
      var where = "Exercise " + (index + 1) + " (" + exercise.name + "): ";
      var dosage = null;
      if (item.code !== null) {
        dosage = readDosage(item.code, limits, problems, where);
        if (dosage === null) problems.push(where + "the dosage " + shown(item.code) + " cannot be read; the exercise's own is used.");
      }
      if (dosage === null) dosage = exercise.dosage ? readDosage(exercise.dosage, limits, [], "") || emptyDosage() : emptyDosage();
      card.items.push({ id: item.id, dosage: dosage });
    });
    return { card: card, problems: problems };
  }

  window.egCard = {
    VERSION: VERSION,
    seconds: seconds,
    about: about,
    dosageText: dosageText,
    dosageShort: dosageShort,
    dosageSeconds: dosageSeconds,
    cardSeconds: cardSeconds,
    dosageCode: dosageCode,
    readDosage: readDosage,
    emptyDosage: emptyDosage,
    cleanTitle: cleanTitle,
    format: format,
    storage: storage,
    parse: parse,
    resolve: resolve,
  };
})();
