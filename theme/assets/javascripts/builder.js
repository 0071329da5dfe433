/* The card builder (/routines/custom/): the reader's own card, kept in the page's address.
 *
 * The page carries everything needed (no request is made, so a copy on disk works): the exercises,
 * the routines and the limits in <script type="application/json" data-eg-card-data>, written by
 * generator/site/custom_card.py; the printed card's pieces in <template data-eg-card-template>, from
 * the same macros as an editor's card (theme/pages/_card.md); an item's fields in
 * <template data-eg-item-template>. This script copies those pieces and fills them with textContent
 * and attribute values only: nothing from the address or the data is ever read as markup.
 *
 * The card is read from the address (card.js says how, and what it leaves out); without one, from
 * localStorage, where "Add to my card" puts exercises. Every change writes the card back to both. */
(function () {
  "use strict";

  var root = document.querySelector("[data-eg-builder]");
  var dataElement = document.querySelector("[data-eg-card-data]");
  var cardTemplate = document.querySelector("[data-eg-card-template]");
  var model = window.egCard;
  if (!root || !dataElement || !cardTemplate || !model) return;

  var SVG = "http://www.w3.org/2000/svg";
  var QUIET_ZONE = 4; // modules of white around a QR code, as the standard asks (and qr.py draws)
  var data = JSON.parse(dataElement.textContent);
  var limits = data.limits;
  var exercises = {};
  data.exercises.forEach(function (row) {
    var exercise = {};
    data.fields.forEach(function (field, index) { exercise[field] = row[index]; });
    exercises[exercise.id] = exercise;
  });
  var routines = {};
  data.routines.forEach(function (routine) { routines[routine.id] = routine; });
  var stored = model.storage(window.location.href);

  var form = root.querySelector("[data-eg-card-form]");
  var list = root.querySelector("[data-eg-items]");
  var itemTemplate = root.querySelector("[data-eg-item-template]");
  var status = root.querySelector("[data-eg-status]");
  var problemsBox = root.querySelector("[data-eg-problems]");
  var restoreLine = root.querySelector("[data-eg-restore-line]");
  var fromLabel = root.querySelector("[data-eg-from]");
  var addForm = root.querySelector("[data-eg-add-form]");
  var link = root.querySelector("[data-eg-link]");
  var sheets = cardTemplate.parentNode;

  var card; // {title, from, rounds, rest, items: [{id, dosage}]}
  var offeredFrom = null; // the routine the reader may print the summary and notes of
  var previous = ""; // the card the address or "Clear card" replaced, as an address
  var nextId = 0;

  function emptyCard() {
    return { title: data.title, from: null, rounds: 1, rest: null, items: [] };
  }

  function defaultTitle() {
    return card.from ? routines[card.from].name : data.title;
  }

  function query() {
    return model.format(card, defaultTitle());
  }

  /** The card's full address when the site has one (site_url): printed, and drawn as the QR code. */
  function fullAddress() {
    return data.address ? data.address + "?" + query() : null;
  }

  function say(text) {
    status.textContent = text;
  }

  // ---- reading the card --------------------------------------------------------------------------

  function read(search) {
    var resolved = model.resolve(model.parse(search), data, exercises, routines);
    return resolved;
  }

  function start() {
    var search = window.location.search;
    var problems = [];
    if (search.replace(/^\?/, "")) {
      var fromAddress = read(search);
      problems = fromAddress.problems;
      if (fromAddress.card) {
        card = fromAddress.card;
        var before = stored.get();
        if (before && before !== query() && read(before).card && read(before).card.items.length) previous = before;
      }
    }
    if (!card) {
      var kept = stored.get();
      card = (kept && read(kept).card) || emptyCard();
    }
    offeredFrom = card.from;
    showProblems(problems);
    fillCardFields();
    renderItems();
    commit();
    if (previous) {
      restoreLine.hidden = false;
      say("This card replaced the one you were building; you can restore that one.");
    }
    root.hidden = false;
    Array.prototype.forEach.call(document.querySelectorAll("[data-eg-needs-js]"), function (note) { note.hidden = true; });
  }

  function showProblems(problems) {
    var listed = problemsBox.querySelector("[data-eg-problem-list]");
    listed.textContent = "";
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = problem;
      listed.appendChild(item);
    });
    problemsBox.hidden = problems.length === 0;
  }

  // ---- writing it back ---------------------------------------------------------------------------

  /** The card into the address, localStorage, the printed card and the totals. */
  function commit() {
    var text = query();
    try {
      window.history.replaceState(null, "", window.location.pathname + "?" + text + window.location.hash);
    } catch (error) {
      // A browser may refuse to change the address of a file on disk; the card is still kept below.
    }
    stored.set(text);
    link.value = fullAddress() || window.location.href;
    var count = card.items.length;
    root.querySelector("[data-eg-total]").textContent =
      count + (count === 1 ? " exercise" : " exercises") + " \u00b7 " + model.about(model.cardSeconds(card, data.seconds_per_rep));
    root.querySelector("[data-eg-empty]").hidden = count !== 0;
    renderCard();
  }

  function fillCardFields() {
    form.elements.title.value = card.title;
    form.elements.rounds.value = card.rounds;
    form.elements.break.value = card.rest || "";
    fromLabel.hidden = !offeredFrom;
    if (offeredFrom) {
      fromLabel.querySelector("[data-eg-from-label]").textContent =
        "Print the summary, level, goals and notes of the routine \u201c" + routines[offeredFrom].name + "\u201d";
      form.elements.from.checked = card.from === offeredFrom;
    }
  }

  // ---- the items on screen -----------------------------------------------------------------------

  function field(item, name) {
    return item.querySelector("[name=" + name + "]");
  }

  function countOf(dosage) {
    if (dosage.reps) return "reps";
    if (dosage.time != null) return "time";
    return dosage.hold != null ? "none" : "reps";
  }

  function showCount(element, count) {
    Array.prototype.forEach.call(element.querySelectorAll("[data-eg-count]"), function (label) {
      label.hidden = label.getAttribute("data-eg-count") !== count;
    });
  }

  function renderItems() {
    list.textContent = "";
    card.items.forEach(function (item, index) {
      var exercise = exercises[item.id];
      var element = itemTemplate.content.firstElementChild.cloneNode(true);
      element.querySelector(".eg-builder__number").textContent = index + 1 + ".";
      var name = element.querySelector(".eg-builder__name");
      name.textContent = exercise.name;
      name.setAttribute("href", data.exercise_url.split("{id}").join(item.id));
      var dosage = item.dosage;
      field(element, "sets").value = dosage.sets || "";
      field(element, "reps").value = dosage.reps ? dosage.reps[0] : "";
      field(element, "reps_high").value = dosage.reps && dosage.reps[1] !== dosage.reps[0] ? dosage.reps[1] : "";
      field(element, "time").value = dosage.time != null ? dosage.time : "";
      field(element, "hold").value = dosage.hold != null ? dosage.hold : "";
      field(element, "rest").value = dosage.rest != null ? dosage.rest : "";
      field(element, "per_side").checked = Boolean(dosage.perSide);
      field(element, "count").value = countOf(dosage);
      showCount(element, countOf(dosage));
      var error = element.querySelector("[data-eg-error]");
      error.id = "eg-item-error-" + (nextId += 1);
      element.querySelector(".eg-builder__dosage").textContent = model.dosageText(dosage) || "No dosage yet";
      element.querySelector("[data-eg-move='-1']").setAttribute("aria-label", "Move " + exercise.name + " up");
      element.querySelector("[data-eg-move='1']").setAttribute("aria-label", "Move " + exercise.name + " down");
      element.querySelector("[data-eg-remove]").setAttribute("aria-label", "Remove " + exercise.name);
      element.querySelector("[data-eg-move='-1']").setAttribute("aria-disabled", String(index === 0));
      element.querySelector("[data-eg-move='1']").setAttribute("aria-disabled", String(index === card.items.length - 1));
      list.appendChild(element);
    });
  }

  function indexOf(element) {
    return Array.prototype.indexOf.call(list.children, element);
  }

  /** The dosage an item's fields give, or null (and the fields marked) when one is not within limits. */
  function readFields(element) {
    var problems = [];
    var invalid = [];
    function number(name, label, limit, minimum) {
      var input = field(element, name);
      input.removeAttribute("aria-invalid");
      var text = input.value.trim();
      if (!text && !input.validity.badInput) return null;
      var value = Number(text);
      if (!/^\d+$/.test(text) || value < minimum || value > limit) {
        problems.push(label + " must be a whole number from " + minimum + " to " + limit + ".");
        invalid.push(input);
        return null;
      }
      return value;
    }
    var count = field(element, "count").value;
    var dosage = model.emptyDosage();
    dosage.sets = number("sets", "Sets", limits.sets, 1);
    if (count === "reps") {
      var low = number("reps", "Reps", limits.reps, 1);
      var high = number("reps_high", "Up to", limits.reps, 1);
      if (low !== null && high !== null && high < low) {
        problems.push("Up to must be at least the reps (" + low + ").");
        invalid.push(field(element, "reps_high"));
      } else if (low !== null) {
        dosage.reps = [low, high === null ? low : high];
      } else if (high !== null) {
        problems.push("Give the reps before an upper end.");
        invalid.push(field(element, "reps"));
      }
    } else if (count === "time") {
      dosage.time = number("time", "Time", limits.time, 1);
    }
    dosage.hold = number("hold", "Hold", limits.hold, 1);
    dosage.rest = number("rest", "Rest", limits.rest, 1);
    dosage.perSide = field(element, "per_side").checked ? true : null;
    var error = element.querySelector("[data-eg-error]");
    invalid.forEach(function (input) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", error.id);
    });
    error.textContent = problems.join(" ");
    error.hidden = problems.length === 0;
    return problems.length ? null : dosage;
  }

  list.addEventListener("input", function (event) {
    var element = event.target.closest(".eg-builder__item");
    if (!element) return;
    if (event.target.name === "count") {
      showCount(element, event.target.value);
      ["reps", "reps_high", "time"].forEach(function (name) {
        if (field(element, name).closest("label").hidden) field(element, name).value = "";
      });
    }
    var dosage = readFields(element);
    if (!dosage) return; // the card keeps the last dosage that was within limits
    var item = card.items[indexOf(element)];
    item.dosage = dosage;
    element.querySelector(".eg-builder__dosage").textContent = model.dosageText(dosage) || "No dosage yet";
    commit();
  });

  list.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var element = button.closest(".eg-builder__item");
    var index = indexOf(element);
    var item = card.items[index];
    var name = exercises[item.id].name;
    if (button.hasAttribute("data-eg-remove")) {
      card.items.splice(index, 1);
      renderItems();
      commit();
      say(name + " removed; " + card.items.length + (card.items.length === 1 ? " exercise" : " exercises") + " left.");
      var next = list.children[Math.min(index, card.items.length - 1)];
      if (next) next.querySelector("[data-eg-remove]").focus();
      else addForm.elements.exercise.focus();
      return;
    }
    var step = parseInt(button.getAttribute("data-eg-move"), 10);
    if (!step) return;
    var to = index + step;
    if (to < 0 || to >= card.items.length) {
      say(name + " is " + (to < 0 ? "first" : "last") + " already.");
      return;
    }
    card.items.splice(index, 1);
    card.items.splice(to, 0, item);
    renderItems();
    commit();
    list.children[to].querySelector("[data-eg-move='" + step + "']").focus();
    say(name + " moved to place " + (to + 1) + " of " + card.items.length + ".");
  });

  // ---- the card's own fields ---------------------------------------------------------------------

  form.addEventListener("submit", function (event) { event.preventDefault(); });

  form.addEventListener("input", function (event) {
    var target = event.target;
    if (target.closest(".eg-builder__item")) return;
    if (target.name === "title") {
      card.title = model.cleanTitle(target.value, limits.name) || defaultTitle();
    } else if (target.name === "rounds" || target.name === "break") {
      var rounds = target.name === "rounds";
      var text = target.value.trim();
      var value = Number(text);
      var fits = rounds ? /^\d+$/.test(text) && value >= 1 && value <= limits.rounds
        : text === "" || (/^\d+$/.test(text) && value <= limits.rest);
      if (fits) target.removeAttribute("aria-invalid");
      else target.setAttribute("aria-invalid", "true");
      if (!fits) {
        say(rounds ? "Rounds must be from 1 to " + limits.rounds + "." : "Rest between rounds must be from 0 to " + limits.rest + " seconds.");
        return;
      }
      if (rounds) card.rounds = value;
      else card.rest = value || null;
    } else if (target.name === "from") {
      var title = card.title;
      card.from = target.checked ? offeredFrom : null;
      card.title = title;
    } else {
      return;
    }
    commit();
  });

  form.elements.title.addEventListener("change", function () {
    form.elements.title.value = card.title;
  });

  // ---- adding, printing, copying, clearing -------------------------------------------------------

  var names = Object.keys(exercises).map(function (id) { return [exercises[id].name.toLowerCase(), id]; });
  var options = root.querySelector("[data-eg-exercise-list]");
  names.forEach(function (pair) {
    var option = document.createElement("option");
    option.value = exercises[pair[1]].name;
    options.appendChild(option);
  });

  function find(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) return null;
    if (Object.prototype.hasOwnProperty.call(exercises, wanted)) return wanted;
    var exact = names.filter(function (pair) { return pair[0] === wanted; });
    if (exact.length) return exact[0][1];
    var partial = names.filter(function (pair) { return pair[0].indexOf(wanted) !== -1; });
    return partial.length === 1 ? partial[0][1] : null;
  }

  addForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var input = addForm.elements.exercise;
    var id = find(input.value);
    if (!id) {
      say(input.value.trim() ? "No single exercise is called \u201c" + input.value.trim() + "\u201d: choose one from the list." : "Type the name of an exercise first.");
      return;
    }
    if (card.items.length >= limits.items) {
      say("A card holds " + limits.items + " exercises: remove one before adding another.");
      return;
    }
    var exercise = exercises[id];
    var dosage = exercise.dosage ? model.readDosage(exercise.dosage, limits, [], "") : null;
    card.items.push({ id: id, dosage: dosage || model.emptyDosage() });
    input.value = "";
    renderItems();
    commit();
    say(exercise.name + " added as exercise " + card.items.length + ".");
  });

  root.querySelector("[data-eg-copy]").addEventListener("click", function () {
    var text = link.value;
    function fallback() {
      link.focus();
      link.select();
      say("The link is selected: copy it with Ctrl+C or \u2318C.");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { say("Link copied."); }, fallback);
    } else {
      fallback();
    }
  });

  root.querySelector("[data-eg-clear]").addEventListener("click", function () {
    if (card.items.length) {
      previous = query();
      restoreLine.hidden = false;
    }
    card = emptyCard();
    offeredFrom = null;
    showProblems([]);
    fillCardFields();
    renderItems();
    commit();
    say("The card is empty now.");
  });

  root.querySelector("[data-eg-restore]").addEventListener("click", function () {
    var restored = read(previous).card;
    restoreLine.hidden = true;
    previous = "";
    if (!restored) return;
    card = restored;
    offeredFrom = card.from;
    showProblems([]);
    fillCardFields();
    renderItems();
    commit();
    say("Your earlier card is back: " + card.items.length + (card.items.length === 1 ? " exercise." : " exercises."));
    form.elements.title.focus();
  });

  // ---- the printed card --------------------------------------------------------------------------

  function remove(element) {
    if (element) element.parentNode.removeChild(element);
  }

  /** Each item's note from the routine the card was made from: the k-th time an exercise is on the
   * card, the note of the k-th time it is in the routine. */
  function notes() {
    var routine = card.from ? routines[card.from] : null;
    var seen = {};
    return card.items.map(function (item) {
      if (!routine) return null;
      var k = (seen[item.id] = (seen[item.id] || 0) + 1);
      var found = routine.notes.filter(function (entry) { return entry[0] === item.id; })[k - 1];
      return found ? found[1] : null;
    });
  }

  function equipment() {
    var ids = [];
    card.items.forEach(function (item) {
      exercises[item.id].equipment.forEach(function (id) { if (ids.indexOf(id) === -1) ids.push(id); });
    });
    return ids.map(function (id) { return data.equipment[id] || id; }).join(", ");
  }

  function renderCard() {
    var sheet = cardTemplate.content.querySelector(".eg-sheet").cloneNode(true);
    var routine = card.from ? routines[card.from] : null;
    var long = card.items.length > data.long_after;
    sheet.classList.toggle("eg-sheet--long", long);
    sheet.setAttribute("aria-label", "Routine card: " + card.title);
    sheet.querySelector(".eg-sheet__title").textContent = card.title;
    if (routine) sheet.querySelector(".eg-sheet__summary").textContent = routine.summary;
    else remove(sheet.querySelector(".eg-sheet__summary"));

    var facts = {
      level: routine ? routine.level : null,
      time: model.about(model.cardSeconds(card, data.seconds_per_rep)),
      rounds: card.rounds + (card.rest ? ", " + model.seconds(card.rest) + " rest between rounds" : ""),
      equipment: equipment() || "None (bodyweight)",
      goals: routine && routine.goals.length ? routine.goals.join(", ") : null,
    };
    Array.prototype.forEach.call(sheet.querySelectorAll("[data-eg-fact]"), function (fact) {
      var text = facts[fact.getAttribute("data-eg-fact")];
      if (text == null) remove(fact);
      else fact.querySelector("dd").textContent = text;
    });

    var header = sheet.querySelector("thead th.eg-sheet__round");
    for (var round = 1; round <= card.rounds; round += 1) {
      var th = header.cloneNode(true);
      th.textContent = card.rounds > 1 ? "Round " + round : "Sets";
      header.parentNode.insertBefore(th, header);
    }
    remove(header);

    // A column of figures when any exercise of the card has one, as on an editor's card; here each is
    // the exercise's list picture (a file), as the page cannot draw it.
    var drawn = card.items.some(function (item) { return exercises[item.id].figure; });
    if (!drawn) remove(sheet.querySelector("thead th.eg-sheet__figure"));
    var row = sheet.querySelector("tbody tr");
    var itemNotes = notes();
    card.items.forEach(function (item, index) {
      var exercise = exercises[item.id];
      var tr = row.cloneNode(true);
      tr.querySelector(".eg-sheet__number").textContent = index + 1;
      var figureCell = tr.querySelector("td.eg-sheet__figure");
      if (!drawn) remove(figureCell);
      else if (exercise.figure) {
        var picture = document.createElement("img");
        picture.src = data.figure_url.replace("{id}", encodeURIComponent(exercise.id));
        picture.alt = "";
        figureCell.appendChild(picture);
      }
      tr.querySelector(".eg-sheet__name").textContent = exercise.name;
      tr.querySelector(".eg-sheet__dosage").textContent = model.dosageShort(item.dosage);
      var note = tr.querySelector(".eg-sheet__note");
      if (itemNotes[index] != null) note.textContent = itemNotes[index];
      else remove(note);
      var cues = exercise.cues.slice(0, long ? 1 : data.cues);
      var cueList = tr.querySelector(".eg-sheet__cues");
      var cueItem = cueList.querySelector("li");
      cues.forEach(function (cue) {
        var li = cueItem.cloneNode(true);
        li.textContent = cue;
        cueList.appendChild(li);
      });
      remove(cueItem);
      if (!cues.length) remove(cueList);
      var cell = tr.querySelector("td.eg-sheet__round");
      var box = cell.querySelector(".eg-box");
      remove(box);
      var sets = item.dosage.sets || 1;
      for (var r = 1; r <= card.rounds; r += 1) {
        var td = cell.cloneNode(true);
        td.setAttribute("aria-label", "Round " + r + ": " + sets + (sets === 1 ? " set" : " sets"));
        for (var s = 0; s < sets; s += 1) td.appendChild(box.cloneNode(true));
        cell.parentNode.insertBefore(td, cell);
      }
      remove(cell);
      row.parentNode.insertBefore(tr, row);
    });
    remove(row);

    // With a QR code, the card prints the builder's address alone: the code holds the card's whole
    // address, hundreds of characters that nobody would type and that would take a third of the foot.
    var address = fullAddress();
    sheet.querySelector(".eg-sheet__url").textContent = address ? data.address : data.path + "?" + query();
    if (address) {
      var code = qrCode(address);
      if (code) sheet.querySelector(".eg-sheet__foot").appendChild(code);
    }
    remove(sheets.querySelector(".eg-sheet"));
    sheets.appendChild(sheet);
  }

  /** The QR code of `text` as an <svg> drawn as qr.py draws the editors' cards' (medium error
   * correction, a quiet zone of four modules, one path of horizontal runs). Its size comes from CSS; a
   * long address makes more modules, and --eg-qr-modules lets print.css keep each one big enough. */
  function qrCode(text) {
    if (typeof window.qrcode !== "function") return null;
    var code = window.qrcode(0, "M");
    code.addData(text, "Byte");
    code.make();
    var count = code.getModuleCount();
    var size = count + 2 * QUIET_ZONE;
    var d = "";
    for (var y = 0; y < count; y += 1) {
      var x = 0;
      while (x < count) {
        if (!code.isDark(y, x)) { x += 1; continue; }
        var start = x;
        while (x < count && code.isDark(y, x)) x += 1;
        d += "M" + (start + QUIET_ZONE) + " " + (y + QUIET_ZONE + 0.5) + "h" + (x - start);
      }
    }
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("class", "eg-qr");
    svg.style.setProperty("--eg-qr-modules", String(size));
    var title = document.createElementNS(SVG, "title");
    title.textContent = "QR code of " + text;
    svg.appendChild(title);
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("stroke", "#000");
    path.setAttribute("d", d);
    svg.appendChild(path);
    return svg;
  }

  start();
})();
