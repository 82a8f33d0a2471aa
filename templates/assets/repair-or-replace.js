/* Staff "Repair or replace": the warehouse rule, worked out in the browser with every term shown.
 *
 * Repair cost = parts + hours × hourly rate + travel; repair when it is at most threshold ×
 * the cost of replacing, else replace. Amounts are compared in whole cents (each term rounded as
 * shown), so the decision always agrees with the figures on the screen. No network; textContent only.
 */
(function () {
  "use strict";

  /* The decision from plain numbers (tests call this too): amounts in cents and the verdict. */
  function compute(values, threshold) {
    var cents = function (amount) { return Math.round(amount * 100); };
    var parts = cents(values.parts), labour = cents(values.hours * values.rate), travel = cents(values.travel);
    var repair = parts + labour + travel;
    var replacement = cents(values.replacement);
    var limit = Math.round(threshold * replacement);
    return {parts: parts, labour: labour, travel: travel, repair: repair, replacement: replacement, limit: limit,
            share: replacement > 0 ? repair / replacement : null, decision: repair <= limit ? "repair" : "replace"};
  }

  /* A number as people type it in the page's language: "1,5" and "1.5"; "1.234,50 €" (ca, es...);
   * "1,234.50" (en). Returns {value} or {error: "format" | "ambiguous" | "negative", readings}.
   * A single separator that is not the language's decimal mark followed by exactly three digits
   * ("1.250" in Catalan, "1,250" in English) is the thousands separator of the page's convention,
   * or a decimal mark from the other one (Catalan and Spanish staff type "1,5" on the English
   * portal too). For an amount of money (``money`` true) it can only be thousands: amounts have
   * cents, never thousandths, so "1,250" is 1250 (and "1,25" is 1.25). For hours both readings
   * are possible (1250 h, against the convention's reading, is past the limit anyway): refused,
   * with both readings, rather than guessed. */
  function parse(typed, lang, money) {
    var decimal = (lang || "en").slice(0, 2) === "en" ? "." : ",";
    var text = String(typed).replace(/[\s\u00a0\u202f]+/g, "").replace(/^(?:€|EUR|eur|\$|£)|(?:€|EUR|eur|\$|£|h)$/g, "");
    if (text === "") return {error: "empty"};
    var negative = /^[-\u2212]/.test(text);
    if (negative) text = text.slice(1);
    if (!/^[0-9.,]+$/.test(text) || !/[0-9]/.test(text)) return {error: "format"};
    var dots = text.split(".").length - 1, commas = text.split(",").length - 1;
    var whole, fraction = "";
    if (dots && commas) {
      var last = Math.max(text.lastIndexOf("."), text.lastIndexOf(","));
      var mark = text.charAt(last), group = mark === "." ? "," : ".";
      if (text.split(mark).length - 1 !== 1) return {error: "format"};
      whole = text.slice(0, last); fraction = text.slice(last + 1);
      if (!new RegExp("^[0-9]{1,3}(\\" + group + "[0-9]{3})+$").test(whole)) return {error: "format"};
      whole = whole.split(group).join("");
    } else if (dots + commas === 0) {
      whole = text;
    } else {
      var sep = dots ? "." : ",", pieces = text.split(sep);
      if (pieces.length > 2) {  /* only thousands: 1.234.567 */
        if (!/^[0-9]{1,3}$/.test(pieces[0]) || !pieces.slice(1).every(function (p) { return /^[0-9]{3}$/.test(p); })) {
          return {error: "format"};
        }
        whole = pieces.join("");
      } else {
        whole = pieces[0]; fraction = pieces[1];
        if (sep !== decimal && /^[0-9]{3}$/.test(fraction) && /^[1-9][0-9]{0,2}$/.test(whole)) {
          if (money) return finish(Number(whole + fraction), negative);  /* thousands: 1,250 € is 1250 € */
          return {error: "ambiguous", readings: [Number(whole + fraction), Number(whole + "." + fraction)]};
        }
      }
    }
    if (whole === "" && fraction === "") return {error: "format"};
    if (!/^[0-9]*$/.test(whole) || !/^[0-9]*$/.test(fraction)) return {error: "format"};
    return finish(Number((whole || "0") + (fraction ? "." + fraction : "")), negative);
  }

  function finish(value, negative) {
    if (!isFinite(value)) return {error: "format"};
    if (negative && value !== 0) return {error: "negative", value: -value};
    return {value: value};
  }

  /* A message with its {placeholders} filled in, each as often as it appears. */
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? values[key] : whole; });
  }

  var LIMITS = {hours: 100};
  var COST_FACTOR = 10;

  window.aftersalesRepairOrReplace = {compute: compute, parse: parse};

  var form = document.getElementById("as-rr-form");
  var uiElement = document.getElementById("as-rr-ui");
  if (!form || !uiElement) return;
  var ui;
  try { ui = JSON.parse(uiElement.textContent); } catch (error) { return; }
  var text = ui.text;
  var result = document.getElementById("as-rr-result");
  var resultTitle = document.getElementById("as-rr-result-title");
  var NAMES = ["parts", "hours", "rate", "travel", "replacement"];

  function formatter(options) {
    try { return new Intl.NumberFormat(ui.lang, options); } catch (error) { return new Intl.NumberFormat(undefined, options); }
  }
  var money = formatter({style: "currency", currency: ui.currency});
  var number = formatter({maximumFractionDigits: 2});
  var percent = formatter({style: "percent", maximumFractionDigits: 1});
  var typed = formatter({useGrouping: false, maximumFractionDigits: 3});  /* as one types it: 1250, 1,25 */
  var euros = function (cents) { return money.format(cents / 100); };

  function element(tag, content, className) {
    var node = document.createElement(tag);
    if (content !== undefined && content !== null) node.textContent = content;
    if (className) node.className = className;
    return node;
  }

  function row(body, name, amount, strong) {
    var line = element("tr", null, strong ? "as-total" : null);
    line.appendChild(element("th", name)).setAttribute("scope", "row");
    line.appendChild(element("td", amount));
    body.appendChild(line);
  }

  /* Under each field: the number as read ("Read as 1,5 h"), or nothing when it cannot be read. */
  function showReading(input, value) {
    var shown = document.getElementById(input.id + "-read");
    if (!shown) return;
    var words = value === null ? "" : text["rr.read_as"].replace("{value}",
      input.name === "hours" ? number.format(value) + " h" : money.format(value));
    shown.textContent = words;
    shown.hidden = !words;
  }

  function reading(input) {
    var parsed = parse(input.value, ui.lang, input.name !== "hours");
    if (parsed.error === "empty" || parsed.error === "format") return {problem: text["rr.error_number"], value: null};
    if (parsed.error === "negative") return {problem: text["rr.error_negative"], value: null};
    if (parsed.error === "ambiguous") {
      /* "“1,250”: did you mean 1250 or 1.25? Type 1250 or 1.25." (the readings as this page types them) */
      return {problem: fill(text["rr.error_ambiguous"], {input: input.value.trim(),
        first: typed.format(parsed.readings[0]), second: typed.format(parsed.readings[1])}), value: null};
    }
    if (input.name === "hours" && parsed.value > LIMITS.hours) {
      return {problem: text["rr.error_hours"].replace("{hours}", number.format(LIMITS.hours)), value: parsed.value};
    }
    if (input.name === "replacement" && parsed.value === 0) return {problem: text["rr.error_replacement"], value: 0};
    return {problem: "", value: parsed.value};
  }

  NAMES.forEach(function (name) {
    var input = form.elements[name];
    input.addEventListener("input", function () {
      var read = reading(input);
      showReading(input, read.problem && read.value === null ? null : read.value);
      if (!read.problem) setError(input, "");
    });
    input.addEventListener("change", function () {
      var read = reading(input);
      setError(input, read.problem);
    });
    var first = reading(input);
    if (input.value.trim() !== "") showReading(input, first.value);
  });

  function setError(input, message) {
    var error = document.getElementById(input.id + "-error");
    error.textContent = message || "";
    error.hidden = !message;
    if (message) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var values = {}, invalid = [];
    NAMES.forEach(function (name) {
      var input = form.elements[name];
      var read = reading(input);
      setError(input, read.problem);
      showReading(input, read.problem && read.value === null ? null : read.value);
      if (read.problem) invalid.push(input);
      values[name] = read.value;
    });
    if (!invalid.length) {
      /* Implausible: a repair dearer than ten replacements is a typo (a missing decimal mark). */
      var repairCost = values.parts + values.hours * values.rate + values.travel;
      if (repairCost > COST_FACTOR * values.replacement) {
        var input = form.elements.parts;
        setError(input, text["rr.error_implausible"].replace("{times}", String(COST_FACTOR))
          .replace("{repair}", money.format(repairCost)).replace("{replacement}", money.format(values.replacement)));
        invalid.push(input);
      }
    }
    while (result.firstChild) result.removeChild(result.firstChild);
    if (invalid.length) {
      resultTitle.hidden = true;
      invalid[0].focus();
      return;
    }
    var figures = compute(values, ui.threshold);
    var replace = figures.decision === "replace";
    var verdict = element("p", null, "as-verdict " + (replace ? "as-verdict-not-covered" : "as-verdict-covered"));
    verdict.appendChild(element("strong", replace ? text["rr.replace"] : text["rr.repair"]));
    verdict.appendChild(document.createTextNode(" — " + (replace ? text["rr.why_replace"] : text["rr.why_repair"])));
    result.appendChild(verdict);
    var table = element("table", null, "as-sums");
    var body = element("tbody");
    row(body, text["rr.parts"], euros(figures.parts));
    row(body, text["rr.labour"] + ": " + number.format(values.hours) + " h × " + money.format(values.rate),
        euros(figures.labour));
    row(body, text["rr.travel"], euros(figures.travel));
    row(body, text["rr.repair_cost"], euros(figures.repair), true);
    row(body, text["rr.replacement"], euros(figures.replacement));
    row(body, text["rr.limit"].replace("{threshold}", percent.format(ui.threshold)), euros(figures.limit), true);
    table.appendChild(body);
    result.appendChild(table);
    result.appendChild(element("p", text["rr.share"].replace("{percent}", percent.format(figures.share))));
    resultTitle.hidden = false;
    if (resultTitle.scrollIntoView) resultTitle.scrollIntoView({block: "nearest"});
  });
})();
