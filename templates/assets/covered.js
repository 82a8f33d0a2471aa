/* "Am I covered?" — evaluates the warranty decision table embedded in the page, in the browser.
 *
 * decide() mirrors decide() of generator/warranty/table.py exactly (its docstring is the
 * specification; tests/browser/test_tool_pages_browser.py compares both on a grid of cases).
 * No network, no dependencies, no inline handlers; every text is set with textContent, never as HTML.
 */
(function () {
  "use strict";

  var COSTS = ["parts", "labour", "travel"];

  /* Highest priority first, no priority last, then the rule id (rank() in table.py). */
  function rank(a, b) {
    var aNone = a.priority === null, bNone = b.priority === null;
    if (aNone !== bNone) return aNone ? 1 : -1;
    var byPriority = -(a.priority || 0) - -(b.priority || 0);
    if (byPriority !== 0) return byPriority;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }

  function matches(table, rule, input) {
    var age = input.age_months;
    if (rule.products.indexOf(input.product) === -1 || rule.causes.indexOf(input.cause) === -1) return false;
    if (!(rule.from_month <= age && (rule.to_month === null || age < rule.to_month))) return false;
    for (var i = 0; i < table.inputs.facts.length; i++) {
      var name = table.inputs.facts[i];
      var have = Boolean(input.facts && input.facts[name]);  // not given: false, as in decide()
      if (rule[name] !== "any" && rule[name] !== have) return false;
    }
    // A purchase date, when given, leaves out rules for goods sold from a later day (ISO dates).
    return !input.delivered || rule.applies_from === null || rule.applies_from === undefined
      || rule.applies_from <= input.delivered;
  }

  /* The deciding rule's outcome ({rule, covered, category, remedies, pays}, like Decision.as_dict()) or null. */
  function decide(table, input) {
    var matching = table.rules.filter(function (rule) { return matches(table, rule, input); });
    if (matching.length === 0) return null;
    var winner = null;
    if (table.hit_policy === "unique") {
      winner = matching.length === 1 ? matching[0] : null;
    } else {  // "first" or "priority", as precedence() in table.py
      var ordered = matching.slice().sort(rank);
      if (table.hit_policy === "first") {
        winner = ordered[0];
      } else {
        var top = ordered.filter(function (rule) { return rule.priority === ordered[0].priority; });
        winner = top.length === 1 ? top[0] : null;
      }
    }
    if (winner === null) return null;
    var pays = {};
    COSTS.forEach(function (cost) { pays[cost] = winner.pays[cost]; });
    return {rule: winner.id, covered: winner.covered, category: winner.category,
            remedies: winner.remedies.slice(), pays: pays};
  }

  function parseDate(iso) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
  }

  function daysInMonth(year, month) { return new Date(Date.UTC(year, month, 0)).getUTCDate(); }

  function compare(a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; }

  /* Whole months from delivery to a day (age_in_months() in table.py); null when the day is earlier. */
  function ageInMonths(deliveredIso, onIso) {
    var from = parseDate(deliveredIso), on = parseDate(onIso);
    if (!from || !on || compare(on, from) < 0) return null;
    var months = (on[0] - from[0]) * 12 + on[1] - from[1];
    if (months > 0) {
      var index = from[1] - 1 + months;
      var year = from[0] + Math.floor(index / 12), month = index % 12 + 1;
      var anniversary = [year, month, Math.min(from[2], daysInMonth(year, month))];
      if (compare(anniversary, on) > 0) months -= 1;
    }
    return months;
  }

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function readJson(id) {
    var element = document.getElementById(id);
    if (!element) return null;
    try { return JSON.parse(element.textContent); } catch (error) { return null; }
  }

  var table = null;

  function pageTable() {
    if (table === null) table = readJson("as-warranty-table");
    return table;
  }

  /* What the form evaluates: the page's own table (tests call this too). */
  function decideCase(input) {
    var current = pageTable();
    return current && current.complete === true ? decide(current, input) : null;
  }

  window.aftersalesCovered = {decide: decide, decideCase: decideCase, ageInMonths: ageInMonths, table: pageTable};

  // ------------------------------------------------------------------ the form

  var form = document.getElementById("as-covered-form");
  var ui = readJson("as-covered-ui");
  if (!form || !ui) return;
  var text = ui.text;
  var result = document.getElementById("as-covered-result");
  var resultTitle = document.getElementById("as-covered-result-title");
  var delivered = document.getElementById("as-delivered");
  var product = document.getElementById("as-product");

  function element(tag, content, className) {
    var node = document.createElement(tag);
    if (content !== undefined && content !== null) node.textContent = content;
    if (className) node.className = className;
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function capitalised(words) { return words ? words.charAt(0).toUpperCase() + words.slice(1) : words; }

  function longDate(iso) {
    var parts = parseDate(iso);
    try {
      return new Intl.DateTimeFormat(ui.lang, {dateStyle: "long", timeZone: "UTC"})
        .format(new Date(Date.UTC(parts[0], parts[1] - 1, parts[2])));
    } catch (error) { return iso; }
  }

  function ageWords(rule) {
    if (rule.to_month === null) {
      return rule.from_month === 0 ? text["age.any"] : text["age.from"].replace("{from}", rule.from_month);
    }
    if (rule.from_month === 0) return text["age.under"].replace("{to}", rule.to_month);
    return text["age.between"].replace("{from}", rule.from_month).replace("{to}", rule.to_month);
  }

  function labelled(name, value) {
    var item = element("li");
    item.appendChild(element("strong", name + ": "));
    item.appendChild(document.createTextNode(value));
    return item;
  }

  function conditions(current, labels, rule) {
    var list = element("ul");
    var names = function (values, kind) {
      return values.map(function (value) { return labels[kind][value] || value; }).join(", ");
    };
    var everyProduct = current.inputs.product.every(function (id) { return rule.products.indexOf(id) !== -1; });
    if (!everyProduct) list.appendChild(labelled(text.products_concerned, names(rule.products, "product")));
    list.appendChild(labelled(text.causes, names(rule.causes, "cause")));
    list.appendChild(labelled(text.age, ageWords(rule)));
    current.inputs.facts.forEach(function (name) {
      if (rule[name] !== "any") list.appendChild(element("li", text["fact." + name + "." + rule[name]]));
    });
    if (rule.applies_from) list.appendChild(labelled(text.applies_from, longDate(rule.applies_from)));
    return list;
  }

  function contact() {
    var paragraph = element("p", null, "as-contact-line");
    paragraph.appendChild(element("strong", text["result.contact"] + ": "));
    if (ui.phone) {
      var call = element("a", ui.phone);
      call.href = ui.tel;
      paragraph.appendChild(call);
      if (ui.phone_is_free) paragraph.appendChild(document.createTextNode(" (" + text.free_call + ")"));
      paragraph.appendChild(document.createTextNode(" · "));
    }
    var more = element("a", text["result.other_channels"]);
    more.href = "#as-contact";
    paragraph.appendChild(more);
    return paragraph;
  }

  /* The day ``months`` whole months after an ISO date (the end of a period counted from delivery). */
  function addMonths(iso, months) {
    var day = parseDate(iso);
    var index = day[1] - 1 + months;
    var year = day[0] + Math.floor(index / 12), month = index % 12 + 1;
    var date = [year, month, Math.min(day[2], daysInMonth(year, month))];
    return date[0] + "-" + String(date[1]).padStart(2, "0") + "-" + String(date[2]).padStart(2, "0");
  }

  /* "Not covered": why (a guarantee that has ended, or a cause no guarantee covers) and what next
   * (a paid repair: its price basis; the phone follows in contact()). */
  function why(current, labels, input, rule) {
    var nodes = [];
    var expired = current.rules.filter(function (other) {
      return other.covered && other.to_month !== null && other.to_month <= input.age_months &&
        matches(current, other, {product: input.product, cause: input.cause, facts: input.facts,
                                 delivered: input.delivered, age_months: other.from_month});
    }).sort(function (a, b) { return b.to_month - a.to_month; })[0];
    var explanation = element("p", null, "as-why");
    explanation.appendChild(element("strong", text["result.why"] + ": "));
    if (expired) {
      explanation.appendChild(document.createTextNode(text["result.ended"]
        .replace("{rule}", labels.rule[expired.id] || expired.id)
        .replace("{months}", String(expired.to_month))
        .replace("{date}", longDate(addMonths(input.delivered, expired.to_month)))));
    } else {
      explanation.appendChild(document.createTextNode(text["result.cause_not_covered"]
        .replace("{cause}", labels.cause[input.cause] || input.cause)
        .replace("{rule}", labels.rule[rule.id] || rule.id)));
    }
    nodes.push(explanation);
    var next = element("p", null, "as-next");
    next.appendChild(element("strong", text["result.next"] + ": "));
    var basis = ui.price_basis ? text["result.paid_basis"].replace("{rate}", ui.price_basis.rate)
      .replace("{travel}", ui.price_basis.travel) : text["result.paid"];
    next.appendChild(document.createTextNode(basis));
    nodes.push(next);
    return nodes;
  }

  /* After the presumption and within the legal guarantee (site_config.yml's legal_minimum:
   * presumed_months <= age < months): who must prove what from then on, for a covered lack of
   * conformity and for a fault of unknown cause. */
  function proofNote(current, input, decision) {
    var minimum = current.legal_minimum;
    if (!minimum || minimum.presumed_months === null || minimum.presumed_months === undefined) return null;
    if (input.age_months < minimum.presumed_months || input.age_months >= minimum.months) return null;
    var key = null;
    if (decision.covered && minimum.causes.indexOf(input.cause) !== -1) key = "result.proof_after";
    // "I don't know" is no longer presumed a defect, but a defect the SAT finds is still covered.
    if (!decision.covered && input.cause === "unknown") key = "result.proof_unknown";
    if (key === null) return null;
    return element("p", text[key].split("{presumed}").join(String(minimum.presumed_months))
                   .split("{months}").join(String(minimum.months)), "as-proof");
  }

  function show(nodes) {
    clear(result);
    nodes.forEach(function (node) { result.appendChild(node); });
    resultTitle.hidden = false;
    if (resultTitle.scrollIntoView) resultTitle.scrollIntoView({block: "nearest"});
  }

  function render(input, decision) {
    var current = pageTable();
    var nodes = [];
    var age = input.age_months === 1 ? text["result.age_one"] : text["result.age"].replace("{months}", input.age_months);
    if (decision === null) {
      nodes.push(element("p", text["result.undecided"], "as-verdict as-verdict-undecided"));
      nodes.push(element("p", age));
      nodes.push(element("p", text["result.undecided_body"]));
      nodes.push(contact());
      show(nodes);
      return;
    }
    var rule = current.rules.filter(function (row) { return row.id === decision.rule; })[0];
    var labels = current.labels[ui.lang] || current.labels[current.languages[0]];
    var verdict = element("p", null, "as-verdict " + (decision.covered ? "as-verdict-covered" : "as-verdict-not-covered"));
    verdict.appendChild(element("strong", decision.covered ? text["result.covered"] : text["result.not_covered"]));
    nodes.push(verdict);
    nodes.push(element("p", age));
    var proof = proofNote(current, input, decision);
    if (proof) nodes.push(proof);
    var ruleLine = element("p");
    ruleLine.appendChild(element("strong", text["result.rule"] + ": "));
    var title = labels.rule[rule.id] || rule.id;
    if (ui.links[rule.id]) {
      var link = element("a", title);
      link.href = ui.links[rule.id];
      ruleLine.appendChild(link);
    } else {
      ruleLine.appendChild(document.createTextNode(title));
    }
    nodes.push(ruleLine);
    nodes.push(element("h3", text.when_it_applies));
    nodes.push(conditions(current, labels, rule));
    if (decision.remedies.length) {
      nodes.push(element("h3", text.remedies));
      var remedies = element("ol");
      decision.remedies.forEach(function (remedy) {
        remedies.appendChild(element("li", capitalised(labels.remedy[remedy] || remedy)));
      });
      nodes.push(remedies);
    }
    nodes.push(element("h3", text.who_pays));
    var pays = element("ul");
    COSTS.forEach(function (cost) {
      pays.appendChild(labelled(labels.cost[cost], labels.payer[decision.pays[cost]] || decision.pays[cost]));
    });
    nodes.push(pays);
    if (!decision.covered) why(current, labels, input, rule).forEach(function (node) { nodes.push(node); });
    if (ui.show_category) nodes.push(element("p", text.category + ": " + (labels.category[decision.category] || decision.category)));
    nodes.push(element("p", text["result.sat_confirms"], "as-note"));
    nodes.push(contact());
    show(nodes);
  }

  function setError(field, errorId, message) {
    var error = document.getElementById(errorId);
    error.textContent = message || "";
    error.hidden = !message;
    if (field) {
      if (message) field.setAttribute("aria-invalid", "true"); else field.removeAttribute("aria-invalid");
    }
  }

  function checked(name) {
    var choice = form.querySelector('input[name="' + name + '"]:checked');
    return choice ? choice.value : null;
  }

  function readForm() {
    var facts = {};
    (pageTable() || {inputs: {facts: []}}).inputs.facts.forEach(function (name) { facts[name] = checked(name) === "yes"; });
    return {product: product.value, cause: checked("cause"), delivered: delivered.value,
            age_months: ageInMonths(delivered.value, today()), facts: facts};
  }

  var current = pageTable();
  if (!current || current.complete !== true || current.format !== "aftersales-warranty-table") {
    // Never guess from a partial table: tell the reader to call instead.
    form.querySelector("button[type=submit]").disabled = true;
    show([element("p", text.covered_incomplete), contact()]);
    return;
  }
  delivered.max = today();

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var input = readForm();
    var problems = [];
    setError(product, "as-product-error", input.product ? "" : text["error.product"]);
    if (!input.product) problems.push(product);
    var dateProblem = !input.delivered ? text["error.date"] : input.age_months === null ? text["error.future"] : "";
    setError(delivered, "as-delivered-error", dateProblem);
    if (dateProblem) problems.push(delivered);
    setError(null, "as-cause-error", input.cause ? "" : text["error.cause"]);  // tied to the fieldset by aria-describedby
    if (!input.cause) problems.push(form.querySelector('input[name="cause"]'));
    if (problems.length) {
      clear(result);
      resultTitle.hidden = true;
      problems[0].focus();
      return;
    }
    render(input, decideCase(input));
  });
})();
