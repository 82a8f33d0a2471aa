/* Staff registers (standards register, document register, coverage matrix): sort a table by a
 * column, filter its rows by words, by a "gaps only" box and by a category.
 *
 * Each table is complete without this script. For a table with id X the page may hold X-tools
 * (hidden until this script runs), X-filter (words), X-gaps (a checkbox: only rows marked
 * data-gap), X-category (a select: rows whose data-category is the chosen value) and X-count
 * (the "N of M" count, its template in data-template). Headers get a sort button (aria-sort tells
 * screen readers the order) unless the table says data-sortable="no". Filtering ignores case and
 * accents ("resolucio" finds "resolució"). No network, no dependencies, no inline handlers; texts
 * are read and set with textContent only.
 */
(function () {
  "use strict";

  /* Lower case without accents: what the filter compares. */
  function normalise(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  window.aftersalesRegister = {normalise: normalise};

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

  function setUp(table) {
    if (!table.tBodies.length || !table.tHead) return;
    var id = table.id;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

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

    if (table.getAttribute("data-sortable") !== "no") {
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
    }

    var tools = document.getElementById(id + "-tools");
    var count = document.getElementById(id + "-count");
    var input = document.getElementById(id + "-filter");
    var gaps = document.getElementById(id + "-gaps");
    var category = document.getElementById(id + "-category");
    if (!tools || !count || !(input || gaps || category)) return;
    var template = count.getAttribute("data-template") || "{shown} / {total}";
    var texts = rows.map(function (row) { return normalise(row.textContent); });

    function filter() {
      var words = input ? normalise(input.value).split(/\s+/).filter(Boolean) : [];
      var onlyGaps = gaps ? gaps.checked : false;
      var chosen = category ? category.value : "";
      var shown = 0;
      rows.forEach(function (row, index) {
        var match = words.every(function (word) { return texts[index].indexOf(word) !== -1; }) &&
          (!onlyGaps || row.hasAttribute("data-gap")) &&
          (!chosen || row.getAttribute("data-category") === chosen);
        row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = template.replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    }

    if (input) input.addEventListener("input", filter);
    if (gaps) gaps.addEventListener("change", filter);
    if (category) category.addEventListener("change", filter);
    tools.hidden = false;
    filter();
  }

  ["as-register", "as-documents", "as-coverage"].forEach(function (id) {
    var table = document.getElementById(id);
    if (table) setUp(table);
  });
})();
