/* The Pagefind driver the portals used until commit 4478b33 (templates/assets/search.js then),
 * kept for bench/search_browser.py's pagefind engine. */
/* Portal search: Material's search dialog, answered by the portal's own Pagefind index.
 *
 * Pagefind (run by `aftersales build` after MkDocs) splits the index into small chunks and loads
 * only those a query needs, so a 10,000-page portal answers quickly on a phone; it ignores case
 * and accents ("reparacio" finds "reparació"). Everything is served by the portal itself.
 * Nothing from the index becomes HTML: titles and excerpts are written as text, and only the
 * <mark> highlights of an excerpt are kept as elements.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var portalBase = new URL("..", script ? script.src : document.baseURI);
  var dialog = document.querySelector("[data-as-search]");
  var toggle = document.getElementById("__search");
  if (!dialog || !toggle) return;
  var input = dialog.querySelector(".md-search__input");
  var form = dialog.querySelector("form");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var scrollwrap = dialog.querySelector(".md-search__scrollwrap");
  var texts = {
    none: dialog.getAttribute("data-as-none"),
    one: dialog.getAttribute("data-as-one"),
    other: dialog.getAttribute("data-as-other"),
    placeholder: dialog.getAttribute("data-as-placeholder"),
    unavailable: dialog.getAttribute("data-as-unavailable"),
  };
  var PAGE_SIZE = 10;      /* results shown at once; more when the reader scrolls to the end */
  var TYPING_PAUSE = 60;   /* ms without a keystroke before searching (the index loads meanwhile) */
  var engine = null;
  var latest = 0;
  var pending = null;      /* the results of the current query not shown yet */
  var typingTimer = 0;

  function loadEngine() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", portalBase).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: portalBase.pathname, excerptLength: 24 }).then(function () {
          pagefind.init();
          return pagefind;
        });
      });
      engine.catch(function () { engine = null; });  /* try again on the next query */
    }
    return engine;
  }

  /* An excerpt as text with its <mark> highlights, never as HTML. */
  function excerptNodes(excerpt) {
    var parsed = new DOMParser().parseFromString("<p>" + excerpt + "</p>", "text/html").body;
    var out = document.createElement("p");
    parsed.querySelectorAll("p")[0].childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  /* The index holds l·l words without the dot ("installacio"): a query written with it, or with
     the full stop phones offer instead ("instal.lacio"), must match the same pages (Pagefind
     would split it in two words and find fewer). */
  function indexSpelling(query) {
    return query.replace(/([lL])[·•.]([lL])/g, "$1$2").replace(/·/g, "");
  }

  function countText(count) {
    if (count === 0) return texts.none;
    if (count === 1) return texts.one;
    return texts.other.replace("#", String(count));
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    article.appendChild(icon);
    article.appendChild(title);
    article.appendChild(excerptNodes(data.excerpt || ""));
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  /* Each result's page record is a small file of its own: fetch only those about to be shown. */
  var growing = null;        /* one batch at a time per query, so batches are appended in order */
  var growingTicket = 0;
  function showMore(ticket) {
    if (growing && growingTicket === ticket) return growing;
    if (!pending || !pending.length) return Promise.resolve();
    var next = pending.splice(0, PAGE_SIZE);
    var batch = Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
      if (ticket === latest) pages.forEach(function (data) { list.appendChild(resultItem(data)); });
    }).finally(function () { if (growing === batch) growing = null; });
    growing = batch;
    growingTicket = ticket;
    return batch;
  }

  function show(query) {
    var ticket = ++latest;
    var trimmed = query.trim();
    pending = null;
    if (!trimmed) {
      list.replaceChildren();
      meta.textContent = texts.placeholder;
      return Promise.resolve();
    }
    return loadEngine().then(function (pagefind) {
      return pagefind.search(indexSpelling(trimmed));
    }).then(function (search) {
      if (ticket !== latest || !search) return null;
      pending = search.results.slice();
      list.replaceChildren();
      return showMore(ticket).then(function () {
        if (ticket !== latest) return;
        meta.textContent = countText(search.results.length);
        dialog.setAttribute("data-as-done", trimmed);
      });
    }).catch(function () {
      /* Opened from a file (browsers refuse to load the index) or the index is missing. */
      if (ticket !== latest) return;
      list.replaceChildren();
      meta.textContent = texts.unavailable;
    });
  }

  input.addEventListener("input", function () {
    var query = input.value;
    window.clearTimeout(typingTimer);
    latest++;  /* results of an earlier query no longer apply */
    if (query.trim()) {
      loadEngine().then(function (pagefind) { pagefind.preload(indexSpelling(query.trim())); }).catch(function () {});
    }
    typingTimer = window.setTimeout(function () { show(query); }, TYPING_PAUSE);
  });
  scrollwrap.addEventListener("scroll", function () {
    if (scrollwrap.scrollTop + scrollwrap.clientHeight >= scrollwrap.scrollHeight - 200) showMore(latest);
  }, { passive: true });
  input.addEventListener("focus", function () {
    loadEngine();
    if (!toggle.checked) toggle.checked = true;
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(typingTimer);
    show(input.value).then(function () {
      var first = list.querySelector("a");
      if (first) first.click();
    });
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { show(""); input.focus(); }, 0);
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      loadEngine();
      window.setTimeout(function () { input.focus(); }, 50);
    } else {
      input.blur();
    }
  });

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var inField = event.target instanceof HTMLElement &&
      (event.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName));
    if (!toggle.checked) {
      /* Material's shortcuts: "/", "s" or "f" open the search. */
      if (!inField && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
      }
      return;
    }
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
      event.preventDefault();
    } else if (event.key === "ArrowDown" && all.length) {
      all[Math.min(at + 1, all.length - 1)].focus();
      event.preventDefault();
    } else if (event.key === "ArrowUp" && all.length) {
      if (at <= 0) input.focus(); else all[at - 1].focus();
      event.preventDefault();
    }
  });

  /* Close the dialog on a choice, so that a result on the page already open is seen. */
  list.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest("a")) toggle.checked = false;
  });
})();
