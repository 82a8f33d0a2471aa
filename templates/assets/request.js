/* "Request a repair": the link under the form opens the customer's e-mail (mailto:, RFC 6068) or
 * the company's web form with what was typed filled in. The portal sends nothing: the address is
 * rebuilt as the reader types, and following it is the reader's own act. Encoding as
 * generator/text/contact_links.py: every field percent-encoded, line breaks as %0D%0A.
 */
(function () {
  "use strict";
  var form = document.querySelector("[data-as-request]");
  if (!form) return;
  var link = document.getElementById("as-request-send");
  var FIELDS = ["product", "model", "symptom", "guide"];

  function values() {
    var found = {};
    var query = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      var value = field ? field.value : (query.get(name) || "");
      if (value.trim()) found[name] = value.trim();
    });
    return found;
  }

  function address() {
    var found = values();
    if (form.getAttribute("data-kind") === "form") {
      var url = new URL(form.getAttribute("data-target"));
      FIELDS.forEach(function (name) { if (found[name]) url.searchParams.append(name, found[name]); });
      /* URLSearchParams writes spaces as "+": spell them %20, as the mailto does. */
      return url.href.replace(/\+/g, "%20");
    }
    var current = new URL(link.href);
    var lines = FIELDS.filter(function (name) { return found[name]; }).map(function (name) {
      return form.getAttribute("data-name-" + name) + ": " + found[name];
    });
    var body = lines.join("\r\n") + "\r\n\r\n";
    return "mailto:" + current.pathname + "?subject=" + encodeURIComponent(form.getAttribute("data-subject")) +
      "&body=" + encodeURIComponent(body);
  }

  /* Arriving from a guide ("Did this solve it?" → No): its product and symptom are filled in. */
  var query = new URLSearchParams(window.location.search);
  ["product", "model", "symptom"].forEach(function (name) {
    var field = form.elements.namedItem(name);
    if (field && query.get(name)) field.value = query.get(name);
  });

  function update() { link.href = address(); }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); link.click(); });
  update();
})();
