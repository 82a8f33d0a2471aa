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

  window.aftersalesRepairOrReplace = {compute: compute};

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
      var value = input.value.trim() === "" ? NaN : Number(input.value);
      var problem = !isFinite(value) || value < 0 ? text["rr.error_number"]
        : name === "replacement" && value === 0 ? text["rr.error_replacement"] : "";
      setError(input, problem);
      if (problem) invalid.push(input);
      values[name] = value;
    });
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
