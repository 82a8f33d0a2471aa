/* Staff standards register: sort the table by a column, filter its rows by words.
 *
 * The table is complete without this script; it only adds a button to each column header
 * (aria-sort tells screen readers the order) and shows the filter box with its "N of M" count.
 * Filtering ignores case and accents ("resolucio" finds "resolució"). No network, no
 * dependencies, no inline handlers; texts are read and set with textContent only.
 */
(function () {
  "use strict";

  /* Lower case without accents: what the filter compares. */
  function normalise(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  window.aftersalesRegister = {normalise: normalise};

  var table = document.getElementById("as-register");
  if (!table || !table.tBodies.length) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var collator = new Intl.Collator(document.documentElement.lang || undefined, {numeric: true, sensitivity: "base"});

  function sortKey(row, column) {
    var cell = row.cells[column];
    if (!cell) return "";
    var given = cell.getAttribute("data-sort");
    return given !== null ? given : cell.textContent.trim();
  }

  function compare(a, b) {
    var x = Number(a), y = Number(b);
    if (a !== "" && b !== "" && !isNaN(x) && !isNaN(y)) return x - y;
    return collator.compare(a, b);
  }

  function sortBy(column, direction) {
    var sign = direction === "descending" ? -1 : 1;
    var order = rows.map(function (row, index) { return {row: row, index: index, key: sortKey(row, column)}; });
    order.sort(function (p, q) { return sign * compare(p.key, q.key) || p.index - q.index; });
    order.forEach(function (entry) { body.appendChild(entry.row); });
    headers.forEach(function (header, index) {
      if (index === column) header.setAttribute("aria-sort", direction);
      else header.removeAttribute("aria-sort");
    });
  }

  headers.forEach(function (header, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "as-sort";
    while (header.firstChild) button.appendChild(header.firstChild);
    header.appendChild(button);
    button.addEventListener("click", function () {
      sortBy(column, header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending");
    });
  });

  var tools = document.getElementById("as-register-tools");
  var input = document.getElementById("as-register-filter");
  var count = document.getElementById("as-register-count");
  if (!tools || !input || !count) return;
  var template = count.getAttribute("data-template") || "{shown} / {total}";
  var texts = rows.map(function (row) { return normalise(row.textContent); });

  function filter() {
    var words = normalise(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row, index) {
      var match = words.every(function (word) { return texts[index].indexOf(word) !== -1; });
      row.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = template.replace("{shown}", String(shown)).replace("{total}", String(rows.length));
  }

  input.addEventListener("input", filter);
  tools.hidden = false;
  filter();
})();
