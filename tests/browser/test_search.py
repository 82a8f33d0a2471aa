"""Search as a customer on a phone uses it, in the example's public portals (Catalan, Spanish,
English): no accents, no capitals, words after an apostrophe, one l for l·l; titles first;
every result with its title and a highlighted snippet; nothing fetched from another host."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from generator.i18n.labels import label
from generator.publish.search_index import indexed_pages
from generator.text.folding import words

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def search(page, query: str, every: bool = False) -> list[dict]:
    """Type ``query`` in the header search; the results as shown: title, snippet, marked words, link.

    ``every``: scroll the results to the end until no more come (ten are shown at first)."""
    button = page.locator('label.md-header__button[for="__search"]')
    if button.is_visible():  # phones: a button opens the dialog; wide screens show the box
        button.click()
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    box.type(query, delay=15)
    page.wait_for_function(
        "q => document.querySelector('[data-as-search]').getAttribute('data-as-done') === q", arg=query.strip(),
        timeout=15_000)
    if every:  # the count above the results is exact: scroll until that many are shown
        count = re.search(r"\d+", page.locator(".md-search-result__meta").inner_text())
        total = int(count.group()) if count else page.locator(".md-search-result__item").count()
        while (shown := page.locator(".md-search-result__item").count()) < total:
            more_after_scrolling(page, shown)
    return page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item')].map(item => ({
        title: item.querySelector('h1').textContent,
        snippet: item.querySelector('p').textContent,
        marks: [...item.querySelectorAll('p mark')].map(mark => mark.textContent),
        href: item.querySelector('a').getAttribute('href'),
    }))""")


def more_after_scrolling(page, shown: int, attempts: int = 4) -> None:
    """Scroll to the end until more than ``shown`` results are there, as a reader scrolls again.

    The script fetches a lost batch again by itself three times (0.5, 1, 2 s), then on the next
    scroll: on a loaded CI machine one scroll was once not enough (10 s without more results)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(attempts):
        scroll_to_end(page)
        try:
            page.wait_for_function(f"document.querySelectorAll('.md-search-result__item').length > {shown}",
                                   timeout=6_000)
            return
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise


def scroll_to_end(page) -> None:
    page.locator(".md-search__scrollwrap").evaluate("wrap => { wrap.scrollTop = wrap.scrollHeight; }")


def result_count(page) -> int:
    """The count the dialog shows above the results ("36 resultats")."""
    return int(re.search(r"\d+", page.locator(".md-search-result__meta").inner_text()).group())


def open_portal(page, site_url: str, portal: str) -> None:
    page.goto(f"{site_url}/{portal}/index.html")


def titles(results: list[dict]) -> list[str]:
    return [result["title"] for result in results]


@pytest.mark.parametrize(("portal", "query", "title"), [
    ("public/ca", "reparacio", "Garantia de les reparacions de pagament"),
    ("public/ca", "REPARACIÓ", "Garantia de les reparacions de pagament"),
    ("public/ca", "instal·lacio", "Aire condicionat"),
    ("public/ca", "installacio", "Aire condicionat"),
    ("public/ca", "instalacio", "Aire condicionat"),
    ("public/ca", "instal.lacio", "Aire condicionat"),
    ("public/es", "garantia", "Garantía legal de 3 años"),
    ("public/es", "presion", "La caldera ha perdido presión"),
    ("public/es", "Garantía", "Garantía legal de 3 años"),
    ("public/en", "WARRANTY", "Warranty"),
    # Other endings of the word: plural, gender.
    ("public/ca", "reparacions", "Garantia de les reparacions de pagament"),
    ("public/ca", "garanties", "Garantia de les reparacions de pagament"),
    ("public/es", "garantias", "Garantía legal de 3 años"),
    ("public/en", "warranties", "Warranty"),
])
def test_accents_capitals_and_endings_do_not_matter(phone, site_url, portal, query, title) -> None:
    open_portal(phone, site_url, portal)
    found = titles(search(phone, query, every=True))
    assert title in found, (query, found)


@pytest.mark.parametrize(("portal", "query", "written"), [
    ("public/ca", "aparell", r"\b\w['’]aparell\b"),   # l'aparell
    ("public/ca", "avaria", r"\b\w['’]avaria\b"),     # l'avaria
    ("public/en", "house", r"\bhouse['’]s\b"),         # the house's water supply
])
def test_a_word_next_to_an_apostrophe_is_found(phone, site_url, example_site, portal, query, written) -> None:
    """Pages that have the word only as "l'aparell" (never alone) are among the results."""
    bare = re.compile(rf"(?<![\w'’]){query}(?![\w'’])", re.I)
    only_with_apostrophe = {page["url"] for page in indexed_pages(example_site / portal)
                            if re.search(written, page["content"], re.I) and not bare.search(page["content"])}
    assert only_with_apostrophe, "the example no longer has such a page: pick another word"
    open_portal(phone, site_url, portal)
    hrefs = {result["href"].split("#")[0].removeprefix(f"/{portal}") for result in search(phone, query, every=True)}
    assert hrefs & only_with_apostrophe, (hrefs, only_with_apostrophe,
                                          phone.locator(".md-search-result__meta").inner_text())


@pytest.mark.parametrize(("portal", "query"), [("public/ca", "desguassa"), ("public/es", "desagua"),
                                               ("public/en", "drain")])
def test_pages_titled_with_the_word_come_first(phone, site_url, portal, query) -> None:
    open_portal(phone, site_url, portal)
    found = titles(search(phone, query))
    in_title = [query in title.casefold() for title in found]
    assert in_title[0], found
    assert in_title == sorted(in_title, reverse=True), found  # no page titled with it after one that is not
    assert sum(in_title) >= 2 and len(found) > sum(in_title), found


@pytest.mark.parametrize("portal", ["public/ca", "public/es", "public/en", "staff/ca"])
def test_results_show_title_and_highlighted_snippet_and_open_the_page(phone, site_url, portal) -> None:
    open_portal(phone, site_url, portal)
    results = search(phone, {"ca": "garantia", "es": "garantia", "en": "guarantee"}[portal[-2:]])
    assert len(results) >= 3
    for result in results:
        assert result["title"].strip() and not result["title"].endswith("¶")
        assert result["marks"] and len(result["snippet"]) > 40
        assert "as-search-variants" not in result["snippet"]
    meta = phone.locator(".md-search-result__meta").inner_text()
    assert re.search(r"\d", meta), meta
    first = results[0]
    phone.locator(".md-search-result__link").first.click()
    phone.wait_for_load_state()
    assert phone.url.split("#")[0].endswith(first["href"].lstrip("/").split("#")[0])
    assert phone.locator("article h1").first.inner_text().rstrip("¶ \n") == first["title"].strip()
    assert all(urlparse(url).hostname == "127.0.0.1" for url in phone.requests), phone.requests


def test_no_result_says_so_and_the_keyboard_works(browser, site_url) -> None:
    page = browser.new_page()
    open_portal(page, site_url, "public/ca")
    page.keyboard.press("/")  # Material's shortcut opens the search
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')", timeout=5_000)
    page.keyboard.type("zzxqwy", delay=10)
    page.wait_for_function("document.querySelector('[data-as-search]').getAttribute('data-as-done') === 'zzxqwy'")
    assert page.locator(".md-search-result__item").count() == 0
    assert "Cap document coincideix" in page.locator(".md-search-result__meta").inner_text()
    # No dead end: "Am I covered?" and how to reach a person, in the portal's language.
    help_box = page.locator("[data-as-help]")
    assert help_box.is_visible() and "Cap pàgina no conté aquestes paraules" in help_box.inner_text()
    assert help_box.locator('a[href$="covered.html"]').inner_text() == label("covered_tool", "ca")
    assert help_box.locator('a[href^="tel:"]').count() == 1
    assert not help_box.locator("[data-as-help-product]").is_visible()  # no product named
    box = page.locator(".md-search__input")
    # A product named in a query that finds nothing: its page is offered (the list comes with the index).
    box.fill("")
    box.type("rentaplatsqqqqq", delay=10)
    page.wait_for_function(
        "document.querySelector('[data-as-search]').getAttribute('data-as-done') === 'rentaplatsqqqqq'")
    product = help_box.locator("[data-as-help-product] a")
    assert product.is_visible() and product.inner_text() == "Rentaplats"
    assert product.get_attribute("href").endswith("/public/ca/products/dishwashers.html")
    box.fill("")
    box.type("desguassa", delay=10)
    page.wait_for_function("document.querySelector('[data-as-search]').getAttribute('data-as-done') === 'desguassa'")
    assert not help_box.is_visible()  # results again: the help is gone
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    page.close()


def test_the_public_index_never_answers_with_staff_pages(browser, site_url) -> None:
    page = browser.new_page()
    open_portal(page, site_url, "public/ca")
    # Words that only staff pages use (procedure and role titles).
    for query in ("procediment", "tècnic de recepció"):
        hrefs = [result["href"] for result in search(page, query)]
        assert not [href for href in hrefs if re.search(r"/(procedures|roles|training|forms)/", href)]
    page.close()


def test_ten_results_first_and_more_when_scrolling_to_the_end(browser, site_url) -> None:
    page = browser.new_page()
    open_portal(page, site_url, "public/ca")
    results = search(page, "garantia")
    total = result_count(page)
    # Ten at first (twenty if the ten do not fill the dialog: the list is topped up by itself).
    assert total > 20 and len(results) in (10, 20), len(results)
    more_after_scrolling(page, len(results))
    page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length >= n",
                           arg=len(results) + 10, timeout=10_000)
    titles_now = page.locator(".md-search-result__item h1").all_inner_texts()
    assert titles_now[:len(results)] == titles(results) and len(set(titles_now)) >= len(titles_now) - 1
    page.close()


def test_a_screen_taller_than_ten_results_is_filled_without_scrolling(browser, site_url) -> None:
    """With no scroll bar there is no scroll to wait for: the next results come by themselves."""
    page = browser.new_page(viewport={"width": 1280, "height": 6000})
    open_portal(page, site_url, "public/ca")
    search(page, "garantia")
    total = result_count(page)
    assert total > 20
    # Either every result is shown, or enough of them to make the list scroll.
    page.wait_for_function("""n => {
        const wrap = document.querySelector('.md-search__scrollwrap');
        return document.querySelectorAll('.md-search-result__item').length === n || wrap.scrollHeight > wrap.clientHeight;
    }""", arg=total, timeout=10_000)
    assert page.locator(".md-search-result__item").count() > 10
    page.close()


def test_the_middle_dot_finds_what_the_plain_spelling_finds(browser, site_url) -> None:
    """Read as two words, "instal·lació" would find fewer pages than "installacio"."""
    page = browser.new_page()
    open_portal(page, site_url, "public/ca")
    counts = {}
    for query in ("instal·lació", "installacio", "instal.lació"):
        search(page, query)
        counts[query] = page.locator(".md-search-result__meta").inner_text()
    assert len(set(counts.values())) == 1, counts
    page.close()


def test_pages_with_every_word_come_first_then_pages_with_some(browser, site_url, example_site) -> None:
    """A query is never a dead end while a page holds one of its words; those holding all lead.

    Scores are weighed by the share of the query's words a page holds (Lucene's coordination), not
    sorted by that share first: a page titled with the rarer word may come before a page that
    only mentions both (measured in bench/search_relevance.py, README "Search")."""
    page = browser.new_page()
    open_portal(page, site_url, "public/ca")
    counts = {query: len(search(page, query, every=True)) for query in ("garantia", "aparell")}
    both = search(page, "garantia aparell", every=True)
    assert len(both) >= max(counts.values()), (len(both), counts)
    text = {record["url"]: words(record["content"]) for record in indexed_pages(example_site / "public/ca")}
    holds_both = []
    for result in both:
        on_page = text[result["href"].split("#")[0].removeprefix("/public/ca")]
        # "garanteix" answers "garantia" too (another ending): the stem is what counts
        holds_both.append(any(word.startswith("garan") for word in on_page)
                          and any(word.startswith("aparel") for word in on_page))
    assert all(holds_both[:3]) and not all(holds_both), holds_both
    half = len(holds_both) // 2
    first, second = holds_both[:half], holds_both[half:]
    assert sum(first) / len(first) > sum(second) / len(second), holds_both
    page.close()


def test_the_questions_own_words_do_not_count(browser, site_url) -> None:
    page = browser.new_page()
    open_portal(page, site_url, "public/es")
    assert titles(search(page, "como se limpia el filtro de la lavadora"))[:3] == titles(search(page, "limpia filtro lavadora"))[:3]
    page.close()


def test_one_typo_is_forgiven_in_longer_words(browser, site_url) -> None:
    page = browser.new_page()
    open_portal(page, site_url, "public/es")
    found = titles(search(page, "lavdora"))
    assert len(found) >= 3 and all("lavadora" in title.lower() for title in found[:3]), found[:3]
    page.close()


def test_opened_from_a_file_the_search_says_it_needs_a_server(browser, example_site) -> None:
    """Browsers refuse to fetch the index from file://: the reader is told, not left waiting."""
    from generator.i18n.labels import label

    page = browser.new_page()
    page.goto((example_site / "public/ca/index.html").as_uri())
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')", timeout=5_000)
    page.keyboard.type("garantia", delay=10)
    expected = label("search_unavailable", "ca")
    page.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent.trim() === t",
                           arg=expected, timeout=10_000)
    assert page.locator(".md-search-result__item").count() == 0
    page.close()


def test_the_snippet_marks_the_word_as_written(phone, site_url) -> None:
    """Typed "instalacio", the snippet highlights "instal·lació" whole, middle dot and accent kept."""
    open_portal(phone, site_url, "public/ca")
    marks = [mark for result in search(phone, "instalacio") for mark in result["marks"]]
    assert any(re.fullmatch(r"[Ii]nstal·lació(ns)?|[Ii]nstal·lacions", mark) for mark in marks), marks


def test_the_arrow_keys_reach_results_beyond_the_first_ten(browser, site_url) -> None:
    """Moving down with the keyboard brings the next results as the list scrolls, as a finger would."""
    page = browser.new_page()
    open_portal(page, site_url, "public/ca")
    search(page, "garantia")
    focused = "[...document.querySelectorAll('.md-search-result__link')].indexOf(document.activeElement)"
    for number in range(14):
        page.keyboard.press("ArrowDown")
        page.wait_for_function(f"{focused} === {number}", timeout=10_000)  # the eleventh waits for its fetch
    assert page.locator(".md-search-result__item").count() >= 20
    page.close()


def test_a_batch_lost_on_the_network_is_fetched_again(browser, site_url) -> None:
    """A phone on a weak connection loses a request: the next results still come, without a
    second scroll."""
    page = browser.new_page()
    open_portal(page, site_url, "public/ca")
    search(page, "garantia")
    shown = page.locator(".md-search-result__item").count()
    lost = []

    def lose_one(route) -> None:
        if not lost:
            lost.append(route.request.url)
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/searchindex/pages/*.json", lose_one)
    scroll_to_end(page)
    page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length >= n",
                           arg=shown + 10, timeout=10_000)
    assert lost, "no request was lost: the test did not test anything"
    page.close()


@pytest.mark.parametrize(("portal", "query", "unseen", "title"), [
    # The pages write "shakes" and "bangs", never "shaking" or "banging": the index has no stem
    # for these, the browser's Snowball stemmer finds "shake" and "bang".
    ("public/en", "shaking banging", ["shaking", "banging"], "The washing machine is noisy or moves during the spin"),
    # "losing" is nowhere in the portal, "lose" is: its own stem, so the index lists no stem for it.
    ("public/en", "losing", ["losing"], None),
])
def test_a_word_form_the_portal_never_uses_is_found_by_its_stem(browser, site_url, example_site, portal, query,
                                                                unseen, title) -> None:
    from generator.publish.search_index import indexed_words

    held = indexed_words(example_site / portal)
    assert not any(word in held for word in unseen)
    page = browser.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    open_portal(page, site_url, portal)
    found = search(page, query)
    assert found, query
    if title is not None:
        assert titles(found)[0] == title
    assert all(result["marks"] for result in found)  # each snippet marks the word the stem found
    assert [url for url in page.requests if "/assets/stemmer-" in url] == \
        [f"{site_url}/{portal}/assets/stemmer-{name}.js" for name in ("runtime", "english")]  # once, this language only
    page.close()


def test_the_browser_stems_as_the_index_does(browser, example_site) -> None:
    """The browser's stemmer (bench/vendor_stemmers.py) against Python's snowballstemmer on every
    word of the example's portals: it follows an older Snowball release, so a few Spanish words
    ("-acion" written without its accent) and English ones differ; never more than 2 %."""
    import snowballstemmer

    from generator.publish.search_index import indexed_words
    from generator.publish.search_language import SNOWBALL
    from generator.render.templates import PACKAGE_TEMPLATES

    page = browser.new_page()
    for lang in ("ca", "es", "en"):
        vocabulary = sorted(indexed_words(example_site / "public" / lang) | indexed_words(example_site / "staff" / lang))
        expected = snowballstemmer.stemmer(SNOWBALL[lang]).stemWords(vocabulary)
        page.goto("about:blank")
        page.add_script_tag(path=str(PACKAGE_TEMPLATES / "assets" / "stemmer-runtime.js"))
        page.add_script_tag(path=str(PACKAGE_TEMPLATES / "assets" / f"stemmer-{SNOWBALL[lang]}.js"))
        got = page.evaluate("words => words.map(w => window.aftersalesStemmer.stem(w))", vocabulary)
        differ = [word for word, a, b in zip(vocabulary, got, expected, strict=True) if a != b]
        assert len(vocabulary) > 2000 and len(differ) <= 0.02 * len(vocabulary), (lang, len(differ), differ[:20])
        assert page.evaluate("w => w.map(x => window.aftersalesStemmer.stem(x))",
                             ["shaking", "reparacions", "garantias"]) == \
            [snowballstemmer.stemmer(SNOWBALL[lang]).stemWord(w) for w in ["shaking", "reparacions", "garantias"]]
    page.close()
