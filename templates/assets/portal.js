/* Every page of a portal: the language switcher keeps the part of the page the reader is on.
 *
 * The switcher (templates/overrides/partials/alternate.html) links the same page in the other
 * language's portal; the #anchor (a procedure's #step-5, a section) lives in the address only, so
 * it is added to the link when it is followed. Ids are the same in every language (they come from
 * item ids and step numbers). No network, no dependencies, no inline handlers.
 * Print views load it too, for their Print button.
 */
(function () {
  "use strict";
  function keepAnchor(event) {
    var link = event.target.closest ? event.target.closest("a.md-select__link[hreflang]") : null;
    if (!link || !window.location.hash) return;
    var address = link.getAttribute("href").split("#")[0];
    link.setAttribute("href", address + window.location.hash);
  }
  document.addEventListener("click", keepAnchor, true);
  document.addEventListener("auxclick", keepAnchor, true);
  document.addEventListener("focusin", keepAnchor, true);
  // A print view's Print button (templates/print/base.html.j2): hidden until a script can print.
  var buttons = document.querySelectorAll("button[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();
