/* Portal search: Material's search dialog, answered by the portal's own index.
 *
 * `aftersales build` writes the index after MkDocs (generator/publish/search_index.py): one small
 * file per three-letter word prefix, with every page holding each word and its score computed
 * at build time, and one file per page for the snippet. A query fetches the files of its words
 * (kept for the next query) and the records of the ten results on screen, then adds scores up:
 * fast on a phone at 10,000 pages. Case, accents, l·l / l.l / ll and apostrophes do not matter
 * (`fold` and `words` mirror generator/text/folding.py). Every word is also read as the
 * start of longer words ("garanti" finds "garanties"), by its stem (the index ships each word's
 * Snowball stem: "garantias" finds "garantia"), with another ending, and with one typo from five
 * letters ("lavdora" finds "lavadora"), each a little below an exact match. The question's own
 * words (how, the, is...) are dropped, synonyms of site_config.yml stand for each other, and
 * pages with every word come first, then pages with most of them: a query never ends in "no
 * results" while a page holds one of its meaningful words.
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
  var help = dialog.querySelector("[data-as-help]");
  var helpProduct = help && help.querySelector("[data-as-help-product]");
  var products = [];          /* {name, words, href} of the portal's products, from the index */
  var texts = {
    none: dialog.getAttribute("data-as-none"),
    one: dialog.getAttribute("data-as-one"),
    other: dialog.getAttribute("data-as-other"),
    placeholder: dialog.getAttribute("data-as-placeholder"),
    unavailable: dialog.getAttribute("data-as-unavailable"),
  };
  var FORMAT_VERSION = 2;
  var PAGE_SIZE = 10;         /* results shown at once; more when the reader scrolls to the end */
  var KEY_LENGTH = 3;         /* word files are named after this many first letters */
  var MAX_WORD = 40;          /* longer words are not indexed */
  var PREFIX_FACTOR = 0.9;    /* a longer word that starts the word being typed scores a little less */
  var COMPLETE_PREFIX_FACTOR = 0.7;  /* ... and much less once the word is finished ("dura" is not "durante") */
  var STEM_FACTOR = 0.8;      /* a word with the query word's stem ("garantias" → "garantia") */
  var STEM_PREFIX_FACTOR = 0.7;  /* a word whose stem starts the query word ("pierden" → "pierde") */
  var ENDING_FACTOR = 0.6;    /* another ending of the query word (plural, gender) scores less still */
  var TYPO_FACTOR = 0.5;      /* one letter wrong, missing, extra or swapped, from TYPO_MIN letters */
  var TYPO_MIN = 5;
  var SYNONYM_FACTOR = 0.8;   /* a synonym of the word typed */
  var SYNONYM_PHRASE_FACTOR = 0.5;  /* a synonym phrase without its small words ("no funciona") */
  var STEM_MIN_LETTERS = 5;   /* a shorter stem says little ("apar" of "apareix" is not "aparell") */
  var STEM_EXTRA = 2;         /* letters a query word may have beyond an indexed word's stem */
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
        products = Array.isArray(data.products) ? data.products : [];
        return loadStemmer(data.stemmer).then(function (stem) {
          return { pages: data.pages, keys: new Set(data.keys), stop: new Set(data.stop || []),
                   forms: data.forms || {}, stem: stem,
                   synonyms: (data.synonyms || []).map(function (group) {
                     return group.map(function (member) { return member.split(" ").filter(Boolean); });
                   }) };
        });
      });
      index.catch(function () { index = null; });
    }
    return index;
  }

  /* The Snowball stemmer the index was built with (assets/stemmer-<algorithm>.js), for the
     query words the index does not hold: it knows the stems of its own words only. Without it
     (no stemmer for the language, or the file failed) those words keep the other rules
     (endings, typos). */
  function loadStemmer(algorithm) {
    if (!algorithm || !/^[a-z]+$/.test(algorithm)) return Promise.resolve(null);
    return loadScript("stemmer-runtime").then(function (loaded) {
      return loaded && loadScript("stemmer-" + algorithm);
    }).then(function (loaded) {
      var found = loaded && window.aftersalesStemmer;
      return found && found.algorithm === algorithm ? function (word) { return fold(found.stem(word)); } : null;
    });
  }

  /* Whether the portal's assets/<name>.js ran. */
  function loadScript(name) {
    return new Promise(function (resolve) {
      var element = document.createElement("script");
      element.src = new URL("assets/" + name + ".js", portalBase).href;
      element.onload = function () { resolve(true); };
      element.onerror = function () { resolve(false); };
      document.head.appendChild(element);
    });
  }

  /* generator/text/folding.py fold(): lower case, no accents, l·l / l.l / ll as one l. */
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/l[·.•‧∙](?=l)/g, "l").replace(/l+/g, "l");
  }

  /* generator/text/folding.py words(): split at anything not a letter or digit. */
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

  var NO_WORDS = { w: {}, s: {} };

  /* The file of a word's first letters: {w: word → postings, s: word → stem}. */
  function wordFile(known, word) {
    var key = wordKey(word);
    if (!known.keys.has(key)) return Promise.resolve(NO_WORDS);
    return cached(wordFiles, key, function () { return getJSON("words/" + key + ".json"); });
  }

  /* Whether two words differ by one letter wrong, missing, extra, or two neighbours swapped. */
  function oneTypo(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;  /* one letter wrong */
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);  /* swapped */
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* How well an indexed word answers a query word: 1 the same, PREFIX_FACTOR a longer word it
     starts ("garanti" → "garanties"), ENDING_FACTOR another ending of the same word (the query
     word without its last two letters, three from LONG_WORD, starts it, lengths within as many:
     "reparacions" → "reparacio", "garanties" → "garantia", "warranties" → "warranty"), 0 not
     at all. */
  function relation(word, term, stems, termStem, complete) {
    if (word === term) return 1;
    var stem = stems && (stems[word] || word);  /* a word that is its own stem is not listed */
    if (term.length >= KEY_LENGTH && word.lastIndexOf(term, 0) === 0) {
      if (!complete) return PREFIX_FACTOR;
      return termStem && stem === termStem ? STEM_FACTOR : COMPLETE_PREFIX_FACTOR;
    }
    if (termStem && stem === termStem) return STEM_FACTOR;
    var base = stem || word;
    if (stems && base.length >= STEM_MIN_LETTERS && base.length < term.length && term.length - base.length <= STEM_EXTRA &&
        term.lastIndexOf(base, 0) === 0) return STEM_PREFIX_FACTOR;
    var letters = term.length >= LONG_WORD ? ENDING_LETTERS + 1 : ENDING_LETTERS;
    if (term.length - letters >= STEM_MIN && Math.abs(word.length - term.length) <= letters &&
        word.lastIndexOf(term.slice(0, term.length - letters), 0) === 0) return ENDING_FACTOR;
    if (term.length >= TYPO_MIN && oneTypo(word, term)) return TYPO_FACTOR;
    return 0;
  }

  /* BM25's idf for a word on `held` of `total` pages (generator/publish/search_index.py). */
  function idf(held, total) {
    return Math.log(1 + (total - held + 0.5) / (held + 0.5));
  }

  /* Best score of each page for one query word, over the indexed words that answer it; the
     words that answered go into `matched` (the snippet marks them). */
  function termScores(file, term, pageCount, matched, typed, complete, stem) {
    var best = new Float64Array(pageCount);
    var postings = file.w, stems = file.s;
    var termStem = Object.prototype.hasOwnProperty.call(postings, term) ? (stems[term] || term) : stem ? stem(term) : null;
    var found = Object.keys(postings).map(function (word) { return [word, relation(word, term, stems, termStem, complete)]; })
      .filter(function (pair) { return pair[1] > 0 && (typed || pair[1] >= STEM_FACTOR); });
    found.sort(function (a, b) { return b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1); });
    found = found.slice(0, MAX_EXPANSIONS);
    /* Scores carry their own word's rarity (BM25's idf): a rare cousin of the query word
       ("garantizada" for "garantia") would outrank the word itself. Every answer counts with the
       rarity of the query word (or, when the index lacks it, of its commonest answer). */
    var reference = found.length ? Math.min.apply(null, found.map(function (pair) {
      return pair[1] === 1 ? -1 : idf(postings[pair[0]].length / 2, pageCount);
    })) : 0;
    if (reference === -1) reference = idf(postings[term].length / 2, pageCount);
    found.forEach(function (pair) {
      var flat = postings[pair[0]];
      var factor = pair[1] * Math.min(1, reference / idf(flat.length / 2, pageCount));
      var page = 0;
      matched.add(pair[0]);
      for (var i = 0; i < flat.length; i += 2) {
        page += flat[i];
        var score = flat[i + 1] * factor;
        if (score > best[page]) best[page] = score;
      }
    });
    return best;
  }

  /* The query as concepts: each is one or more alternatives, any of which answers it: the words
     as typed, or a synonym of site_config.yml ({words, own}: `own` when typed, so that only the
     reader's words get typos forgiven and count in full). The question's own words are dropped
     unless nothing else is left. */
  function concepts(known, query) {
    var split = {};
    var typed = joinCodes(words(query), known.stop, split);
    var typing = /[\p{L}\p{N}]$/u.test(query) ? typed[typed.length - 1] : null;  /* the word being typed */
    var terms = typed.filter(function (term, i, all) { return all.indexOf(term) === i; });
    var meaningful = terms.filter(function (term) { return !known.stop.has(term); });
    if (meaningful.length) terms = meaningful;
    var out = [];
    var used = new Set();
    /* Longest members first, whatever their group: "extended warranty" is one concept, not
       "warranty" (of [warranty, guarantee]) and "extended". */
    var candidates = [];
    known.synonyms.forEach(function (group) {
      var members = group.map(function (member) {
        var kept = member.filter(function (word) { return !known.stop.has(word); });
        return kept.length ? kept : member;
      });
      members.forEach(function (member, at) { candidates.push({ group: group, members: members, at: at }); });
    });
    candidates.sort(function (a, b) { return b.members[b.at].length - a.members[a.at].length; });
    candidates.forEach(function (candidate) {
      var group = candidate.group, members = candidate.members, at = candidate.at;
      if (out.some(function (part) { return part.group === group; })) return;
      var hits = members[at].map(function (word) {
        return terms.find(function (term) {
          return !used.has(term) && (sameWord(word, term) || (known.forms[word] || []).indexOf(term) >= 0 ||
                                     (known.stem && known.stem(word) === known.stem(term)));
        });
      });
      if (!hits.every(Boolean) || new Set(hits).size < hits.length) return;
      hits.forEach(function (term) { used.add(term); });
      var alternatives = [{ words: hits, own: true, complete: hits.indexOf(typing) < 0 }];
      members.forEach(function (other, i) {
        if (i !== at) alternatives.push({ words: other, own: false, complete: true, phrase: other.length < group[i].length });
      });
      alternatives.group = group;
      out.push(alternatives);
    });
    terms.forEach(function (term) {
      if (used.has(term)) return;
      var alternatives = [{ words: [term], own: true, complete: term !== typing }];
      if (split[term]) alternatives.push({ words: split[term], own: true, complete: term !== typing });
      out.push(alternatives);
    });
    return out;
  }

  /* A code typed with a separator ("e-21", "E 21", "F.05"): a short run of letters next to digits,
     as displays show error codes and labels show models. It stands for the joined word ("e21",
     how a page writing "E21" is indexed) or for both parts ("rv" and "8140", how "RV-8140" is);
     `split` records the parts of each joined word, and of a code typed glued ("rv8140"). A stop
     word is never a code's letters. */
  function joinCodes(terms, stop, split) {
    var out = [];
    for (var i = 0; i < terms.length; i++) {
      var word = terms[i], next = terms[i + 1];
      var letters = /^\p{L}{1,3}$/u, digits = /^\d{1,4}$/;
      if (next !== undefined && ((letters.test(word) && !stop.has(word) && digits.test(next)) ||
                                 (digits.test(word) && letters.test(next) && next.length <= 2 && !stop.has(next)))) {
        split[word + next] = [word, next];
        out.push(word + next);
        i++;
      } else {
        var glued = /^(\p{L}{1,3})(\d{1,6})$/u.exec(word);  /* "rv8140" for a page's "RV-8140" */
        if (glued && !stop.has(glued[1])) split[word] = [glued[1], glued[2]];
        out.push(word);
      }
    }
    return out;
  }

  /* Whether a synonym's word is the query's word, perhaps with another ending ("sacar", "saca";
     not "frigo", "frio"). */
  function sameWord(a, b) {
    if (a === b) return true;
    var shorter = Math.min(a.length, b.length);
    if (shorter < 4 || Math.abs(a.length - b.length) > 2) return false;
    var common = 0;
    while (common < shorter && a[common] === b[common]) common++;
    return common >= 4 && common >= Math.max(a.length, b.length) - 2;
  }

  /* Pages with every concept first, then pages with most of them; by score within each. A
     synonym counts a little less than the words typed, and a phrase of it whose small words
     the index cannot place ("no funciona" read as "funciona") less still. */
  function rank(known, parts, files, matched) {
    var count = new Uint16Array(known.pages);
    var total = new Float64Array(known.pages);
    parts.forEach(function (alternatives) {
      var best = new Float64Array(known.pages);
      alternatives.forEach(function (alternative) {
        var sum = null;
        var weight = alternative.own ? 1 : alternative.phrase ? SYNONYM_PHRASE_FACTOR : SYNONYM_FACTOR;
        alternative.words.forEach(function (word) {
          var scores = termScores(files.get(word), word, known.pages, matched, alternative.own, alternative.complete,
                                  known.stem);
          if (sum === null) { sum = scores; return; }
          for (var page = 0; page < known.pages; page++) sum[page] = sum[page] && scores[page] ? sum[page] + scores[page] : 0;
        });
        for (var page = 0; page < known.pages; page++) if (sum[page] * weight > best[page]) best[page] = sum[page] * weight;
      });
      for (var page = 0; page < known.pages; page++) if (best[page] > 0) { count[page]++; total[page] += best[page]; }
    });
    var found = [];
    for (var page = 0; page < known.pages; page++) if (count[page] > 0) found.push(page);
    /* BM25's sum times the share of concepts matched (Lucene's coordination): a page with
       every word comes first unless one word is all it shares with the query and another page
       holds the rarest word in its title (measured: bench/search_relevance.py, README). */
    var score = new Float64Array(known.pages);
    found.forEach(function (page) { score[page] = total[page] * count[page]; });
    found.sort(function (a, b) { return score[b] - score[a] || a - b; });
    return found;
  }

  function search(query) {
    return loadIndex().then(function (known) {
      var parts = concepts(known, query);
      var needed = [];
      parts.forEach(function (alternatives) {
        alternatives.forEach(function (alternative) {
          alternative.words.forEach(function (word) { if (needed.indexOf(word) < 0) needed.push(word); });
        });
      });
      return Promise.all(needed.map(function (word) { return wordFile(known, word); })).then(function (loaded) {
        var files = new Map();
        needed.forEach(function (word, i) { files.set(word, loaded[i]); });
        var matched = new Set();
        var pages = parts.length ? rank(known, parts, files, matched) : [];
        return { terms: needed, matched: matched, pages: pages };
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
  function snippet(text, query) {
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
      if (first < 0 && isQueryWord(found[0].slice(0, length), query)) first = spans.length - 1;
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
      if (!isQueryWord(word, query)) continue;
      out.appendChild(document.createTextNode(text.slice(at, spans[i][0])));
      var mark = document.createElement("mark");
      mark.textContent = word;
      out.appendChild(mark);
      at = spans[i][1];
    }
    out.appendChild(document.createTextNode(text.slice(at, spans[to - 1][1]) + (to < spans.length ? " …" : "")));
    return { node: out, offset: first < 0 ? 0 : spans[first][0] };
  }

  /* Whether a word of the page text answered the query (the index said so, or it answers a term). */
  function isQueryWord(word, query) {
    var folded = fold(word).replace(/[^\p{L}\p{N}]/gu, "");
    return query.matched.has(folded) || query.terms.some(function (term) { return relation(folded, term) > 0; });
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

  function resultItem(record, query) {
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
    var excerpt = snippet(record.text || "", query);
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
      var items = records.map(function (record) { return resultItem(record, state.query); });
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

  /* When nothing matches: "Am I covered?", the page of a product the query names, how to reach
     a person (rendered in the page, hidden until needed). `query` null hides it. */
  function showHelp(query) {
    if (!help) return;
    help.hidden = query === null;
    if (query === null || !helpProduct) return;
    var terms = words(query);
    var named = products.find(function (product) {
      return product.words.split(" ").some(function (word) {
        return terms.some(function (term) { return term.length >= 4 && (word.lastIndexOf(term, 0) === 0 || term.lastIndexOf(word, 0) === 0); });
      });
    });
    helpProduct.hidden = !named;
    if (named) {
      var link = helpProduct.querySelector("a");
      link.textContent = named.name;
      link.href = new URL(named.href, portalBase).pathname;
    }
  }

  function show(query) {
    var trimmed = query.trim();
    var state = { query: { terms: [], matched: new Set() }, pending: [], loading: null, retries: 0 };
    shown = state;
    if (!trimmed) {
      list.replaceChildren();
      showHelp(null);
      meta.textContent = texts.placeholder;
      return Promise.resolve();
    }
    return search(trimmed).then(function (found) {
      if (state !== shown) return null;
      state.query = { terms: found.terms, matched: found.matched };
      state.pending = found.pages.slice();
      return showMore(state, true).then(function () {
        if (state !== shown) return;
        meta.textContent = countText(found.pages.length);
        showHelp(found.pages.length ? null : trimmed);
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

  /* A search field in the page (the public home's "What can we help you with?") opens this
     dialog with what was typed there: one search, one index, one list of results. */
  Array.prototype.forEach.call(document.querySelectorAll("[data-as-search-open]"), function (opener) {
    var field = opener.querySelector("input");
    if (!field) return;
    function openWith(value) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
      input.value = value;
      show(value);
      input.focus();
    }
    opener.addEventListener("submit", function (event) {
      event.preventDefault();
      openWith(field.value);
    });
    field.addEventListener("input", function () {
      var value = field.value;
      field.value = "";
      openWith(value);
    });
  });

  /* Close the dialog on a choice, so that a result on the page already open is seen. */
  list.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest("a")) toggle.checked = false;
  });
})();
