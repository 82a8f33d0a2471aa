/* Portal search: Material's search dialog, answered by the portal's own index.
 *
 * `aftersales build` writes the index after MkDocs (generator/publish/search_index.py): one small
 * file per three-letter word prefix, with every page holding each word and its score computed
 * at build time, and one file per page for the snippet. A query fetches the files of its words
 * (kept for the next query) and the records of the ten results on screen, then adds scores up:
 * fast on a phone at 10,000 pages. Case, accents, l·l / l.l / ll and apostrophes do not matter
 * (`fold` and `words` mirror generator/publish/search_text.py). Every word is also read as the
 * start of longer words ("garanti" finds "garanties") and, from seven letters, with another
 * ending ("garanties" finds "garantia"), each a little below an exact match.
 * Everything is served by the portal itself, and nothing from the index becomes HTML: titles
 * and snippets are written as text, the query's words wrapped in <mark> elements.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var portalBase = new URL("..", script ? script.src : document.baseURI);
  var indexBase = new URL("searchindex/", portalBase);
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
  var FORMAT_VERSION = 1;
  var PAGE_SIZE = 10;         /* results shown at once; more when the reader scrolls to the end */
  var KEY_LENGTH = 3;         /* word files are named after this many first letters */
  var MAX_WORD = 40;          /* longer words are not indexed */
  var PREFIX_FACTOR = 0.9;    /* a longer word that starts with the query word scores a little less */
  var ENDING_FACTOR = 0.6;    /* another ending of the query word (plural, gender) scores less still */
  var ENDING_LETTERS = 2;     /* letters at the end of a query word that may differ */
  var STEM_MIN = 5;           /* letters that must stay: "serie" must not find "servei" */
  var LONG_WORD = 8;          /* from this length one more letter may differ ("warranties" → "warranty") */
  var MAX_EXPANSIONS = 50;    /* longer words tried per query word (the shortest first) */
  var SNIPPET_BEFORE = 8;     /* words of context shown before the first match */
  var SNIPPET_WORDS = 28;     /* words in a snippet */
  var index = null;           /* promise of {pages, keys} */
  var wordFiles = new Map();  /* key → promise of {word: [page, score, Δpage, score, ...]} */
  var pageRecords = new Map();  /* page number → promise of {url, title, text, anchors} */

  function getJSON(path) {
    return fetch(new URL(path, indexBase).href).then(function (response) {
      if (!response.ok) throw new Error(path + ": " + response.status);
      return response.json();
    });
  }

  /* Cached promise; a failure is forgotten so that the next query tries again. */
  function cached(cache, key, load) {
    if (!cache.has(key)) {
      var promise = load();
      cache.set(key, promise);
      promise.catch(function () { cache.delete(key); });
    }
    return cache.get(key);
  }

  function loadIndex() {
    if (!index) {
      index = getJSON("index.json").then(function (data) {
        if (data.version !== FORMAT_VERSION) throw new Error("search index format " + data.version);
        return { pages: data.pages, keys: new Set(data.keys) };
      });
      index.catch(function () { index = null; });
    }
    return index;
  }

  /* generator/publish/search_text.py fold(): lower case, no accents, l·l / l.l / ll as one l. */
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/l[·.•‧∙](?=l)/g, "l").replace(/l+/g, "l");
  }

  /* generator/publish/search_text.py words(): split at anything not a letter or digit. */
  function words(text) {
    return (fold(text).match(/[\p{L}\p{N}]+/gu) || []).filter(function (word) { return word.length <= MAX_WORD; });
  }

  /* generator/publish/search_index.py word_key(). */
  function wordKey(word) {
    var key = Array.from(word).slice(0, KEY_LENGTH).join("");
    if (/^[a-z0-9]+$/.test(key)) return key;
    return "_" + Array.from(new TextEncoder().encode(key), function (byte) {
      return byte.toString(16).padStart(2, "0");
    }).join("");
  }

  function wordFile(known, word) {
    var key = wordKey(word);
    if (!known.keys.has(key)) return Promise.resolve({});
    return cached(wordFiles, key, function () { return getJSON("words/" + key + ".json"); });
  }

  /* How well an indexed word answers a query word: 1 the same, PREFIX_FACTOR a longer word it
     starts ("garanti" → "garanties"), ENDING_FACTOR another ending of the same word (the query
     word without its last two letters, three from LONG_WORD, starts it, lengths within as many:
     "reparacions" → "reparacio", "garanties" → "garantia", "warranties" → "warranty"), 0 not
     at all. */
  function relation(word, term) {
    if (word === term) return 1;
    if (term.length >= KEY_LENGTH && word.lastIndexOf(term, 0) === 0) return PREFIX_FACTOR;
    var letters = term.length >= LONG_WORD ? ENDING_LETTERS + 1 : ENDING_LETTERS;
    if (term.length - letters < STEM_MIN) return 0;
    if (Math.abs(word.length - term.length) <= letters &&
        word.lastIndexOf(term.slice(0, term.length - letters), 0) === 0) return ENDING_FACTOR;
    return 0;
  }

  /* Best score of each page for one query word, over the indexed words that answer it. */
  function termScores(file, term, pageCount) {
    var best = new Float64Array(pageCount);
    var found = Object.keys(file).map(function (word) { return [word, relation(word, term)]; })
      .filter(function (pair) { return pair[1] > 0; });
    found.sort(function (a, b) { return b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1); });
    found.slice(0, MAX_EXPANSIONS).forEach(function (pair) {
      var flat = file[pair[0]];
      var factor = pair[1];
      var page = 0;
      for (var i = 0; i < flat.length; i += 2) {
        page += flat[i];
        var score = flat[i + 1] * factor;
        if (score > best[page]) best[page] = score;
      }
    });
    return best;
  }

  /* Pages holding every query word (or a word it starts), best total score first. */
  function rank(known, terms, files) {
    var total = null;
    terms.forEach(function (term, i) {
      var best = termScores(files[i], term, known.pages);
      if (total === null) { total = best; return; }
      for (var page = 0; page < known.pages; page++) total[page] = total[page] && best[page] ? total[page] + best[page] : 0;
    });
    var found = [];
    for (var page = 0; page < known.pages; page++) if (total[page] > 0) found.push(page);
    found.sort(function (a, b) { return total[b] - total[a] || a - b; });
    return found;
  }

  function search(query) {
    var terms = words(query).filter(function (term, i, all) { return all.indexOf(term) === i; });
    return loadIndex().then(function (known) {
      return Promise.all(terms.map(function (term) { return wordFile(known, term); })).then(function (files) {
        return { terms: terms, pages: terms.length ? rank(known, terms, files) : [] };
      });
    });
  }

  function pageRecord(number) {
    return cached(pageRecords, number, function () { return getJSON("pages/" + number + ".json"); });
  }

  /* A word as written, "instal·lació" and "instal.lació" whole (no lookbehind: Safari before
     16.4 would reject the whole script); a dot after another letter ends the word (see below). */
  var TEXT_WORD = /[\p{L}\p{N}\p{M}]+(?:[·.•‧∙](?=[lL])[\p{L}\p{N}\p{M}]+)*/gu;
  var NOT_GEMINATE = /[^lL][·.•‧∙]/;

  /* A snippet of the page text around the first word of the query, those words in <mark>. */
  function snippet(text, terms) {
    var spans = [];
    var first = -1;
    var found;
    TEXT_WORD.lastIndex = 0;
    while ((found = TEXT_WORD.exec(text))) {
      var length = found[0].length;
      var cut = found[0].search(NOT_GEMINATE);
      if (cut >= 0) {  /* "final.La": two words */
        length = cut + 1;
        TEXT_WORD.lastIndex = found.index + cut + 2;
      }
      spans.push([found.index, found.index + length]);
      if (first < 0 && isQueryWord(found[0].slice(0, length), terms)) first = spans.length - 1;
      if (first >= 0 && spans.length >= first + SNIPPET_WORDS) break;
    }
    var from = Math.max(0, (first < 0 ? 0 : first) - SNIPPET_BEFORE);
    var to = Math.min(spans.length, from + SNIPPET_WORDS);
    var out = document.createElement("p");
    if (!spans.length) return { node: out, offset: 0 };
    var at = spans[from][0];
    if (from > 0) out.appendChild(document.createTextNode("… "));
    for (var i = from; i < to; i++) {
      var word = text.slice(spans[i][0], spans[i][1]);
      if (!isQueryWord(word, terms)) continue;
      out.appendChild(document.createTextNode(text.slice(at, spans[i][0])));
      var mark = document.createElement("mark");
      mark.textContent = word;
      out.appendChild(mark);
      at = spans[i][1];
    }
    out.appendChild(document.createTextNode(text.slice(at, spans[to - 1][1]) + (to < spans.length ? " …" : "")));
    return { node: out, offset: first < 0 ? 0 : spans[first][0] };
  }

  function isQueryWord(word, terms) {
    var folded = fold(word).replace(/[^\p{L}\p{N}]/gu, "");
    return terms.some(function (term) { return relation(folded, term) > 0; });
  }

  /* The section of the page where the snippet's first match is (its heading's anchor), if any. */
  function sectionOf(anchors, offset) {
    var anchor = "";
    (anchors || []).forEach(function (entry) { if (entry[0] <= offset) anchor = entry[1]; });
    return anchor ? "#" + encodeURIComponent(anchor) : "";
  }

  function countText(count) {
    if (count === 0) return texts.none;
    if (count === 1) return texts.one;
    return texts.other.replace("#", String(count));
  }

  function resultItem(record, terms) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("h1");
    title.textContent = record.title || record.url;
    var excerpt = snippet(record.text || "", terms);
    link.href = new URL(record.url, portalBase).pathname + sectionOf(record.anchors, excerpt.offset);
    article.appendChild(icon);
    article.appendChild(title);
    article.appendChild(excerpt.node);
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  /* The query on screen: its words, the result pages not shown yet, the batch being fetched.
     Each result's page record is a small file of its own: only those about to be shown are
     fetched, ten at a time, in order. */
  var shown = null;
  var NEAR_END = 300;         /* pixels from the end of the list at which the next ten are fetched */
  var RETRIES = 3;            /* a failed batch is fetched again after 0.5, 1 and 2 s */
  var RETRY_PAUSE = 500;

  function nearEnd() {
    return scrollwrap.scrollTop + scrollwrap.clientHeight >= scrollwrap.scrollHeight - NEAR_END;
  }

  /* While the dialog is open (closed, nothing has a height and every result would be fetched). */
  function moreIfNearEnd() {
    if (shown && shown.pending.length && toggle.checked && nearEnd()) showMore(shown).catch(function () {});
  }

  /* Append the next batch of `state`'s results (or, `fresh`, replace the old results with it).
     After each batch the position is looked at again: a scroll made while it was fetched, or a
     list too short to scroll, still brings the next ten, with no scroll event needed. */
  function showMore(state, fresh) {
    if (state !== shown) return Promise.resolve();
    if (state.loading) return state.loading;
    if (!state.pending.length && !fresh) return Promise.resolve();
    var next = state.pending.splice(0, PAGE_SIZE);
    state.loading = Promise.all(next.map(pageRecord)).then(function (records) {
      state.loading = null;
      state.retries = 0;
      if (state !== shown) return;
      var items = records.map(function (record) { return resultItem(record, state.terms); });
      if (fresh) {  /* the new results replace the old at once, from the top */
        list.replaceChildren.apply(list, items);
        scrollwrap.scrollTop = 0;
      } else {
        items.forEach(function (item) { list.appendChild(item); });
      }
      moreIfNearEnd();
    }, function (error) {
      state.loading = null;
      state.pending = next.concat(state.pending);
      /* A fetch lost on a weak connection is tried again by itself, a few times, more slowly
         each time (and on the next scroll). */
      state.retries += 1;
      if (!fresh && state.retries <= RETRIES) {
        window.setTimeout(moreIfNearEnd, RETRY_PAUSE * Math.pow(2, state.retries - 1));
      }
      throw error;
    });
    return state.loading;
  }

  function show(query) {
    var trimmed = query.trim();
    var state = { terms: [], pending: [], loading: null, retries: 0 };
    shown = state;
    if (!trimmed) {
      list.replaceChildren();
      meta.textContent = texts.placeholder;
      return Promise.resolve();
    }
    return search(trimmed).then(function (found) {
      if (state !== shown) return null;
      state.terms = found.terms;
      state.pending = found.pages.slice();
      return showMore(state, true).then(function () {
        if (state !== shown) return;
        meta.textContent = countText(found.pages.length);
        dialog.setAttribute("data-as-done", trimmed);
      });
    }).catch(function () {
      /* Opened from a file (browsers refuse to fetch the index) or the index is missing. */
      if (state !== shown) return;
      list.replaceChildren();
      meta.textContent = texts.unavailable;
    });
  }

  input.addEventListener("input", function () {
    show(input.value);
  });
  scrollwrap.addEventListener("scroll", moreIfNearEnd, { passive: true });
  window.addEventListener("resize", moreIfNearEnd);
  input.addEventListener("focus", function () {
    loadIndex();
    if (!toggle.checked) toggle.checked = true;
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
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
      loadIndex();
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
      event.preventDefault();
      if (at === all.length - 1 && shown && shown.pending.length) {
        /* Down from the last result shown: fetch the next ten and go on to the first of them. */
        var state = shown;
        showMore(state).then(function () {
          var next = links()[at + 1];
          if (state === shown && next && document.activeElement === all[at]) next.focus();
        }, function () {});
        return;
      }
      all[Math.min(at + 1, all.length - 1)].focus();
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
