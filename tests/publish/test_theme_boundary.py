"""The escaping boundary, fast: what the generator hands MkDocs and Material, and the escapers.

``mkdocs.yml`` is written by ``write_sources`` for ``build`` and ``serve`` alike; every text in
it must reach the theme escaped for HTML (the theme prints it without escaping), and the
escapers of ``safe_text`` must show any text exactly as typed through the real Markdown
converter with the portal's extensions.
"""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml
from conftest import edit_file
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load.project import load_project
from generator.publish.mkdocs_config import MARKDOWN_EXTENSIONS
from generator.publish.site import write_sources
from generator.text.safe_text import markdown_text, plain_text, theme_text, url_problem

HOSTILE = "A&B <script>alert(1)</script> \"q\" 'a' [x](javascript:alert(2)) {{ 7*7 }}"


def converter() -> markdown.Markdown:
    names, configs = [], {}
    for extension in MARKDOWN_EXTENSIONS:
        if isinstance(extension, dict):
            (name, config), = extension.items()
            names.append(name)
            configs[name] = config
        else:
            names.append(extension)
    return markdown.Markdown(extensions=names, extension_configs=configs)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.addresses: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self.addresses += [f"{name}={value}" for name, value in attrs if name in ("href", "src") and value]

    def handle_data(self, data) -> None:
        self.parts.append(data)


def read(html_text: str) -> tuple[str, list[str]]:
    """(visible text, element names) as a browser parses ``html_text``."""
    parser = _Text()
    parser.feed(html_text)
    return " ".join("".join(parser.parts).split()), parser.tags


def addresses(html_text: str) -> list[str]:
    parser = _Text()
    parser.feed(html_text)
    return parser.addresses


def strings(value, keys: bool = True):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if keys:
                yield key
            yield from strings(item, keys)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, keys)


def test_every_text_in_the_generated_mkdocs_yml_is_escaped(new_project: Path, tmp_path: Path) -> None:
    config = new_project / "site_config.yml"
    edit_file(config, 'title: {ca: "Servei postvenda", es: "Servicio posventa", en: "After-sales service"}',
              f"title: {json.dumps(HOSTILE)}")
    edit_file(config, 'name: "Example Appliances Ltd."', f"name: {json.dumps(HOSTILE)}")
    edit_file(config, 'email: "service@example.com"',
         'email: "x\\" onmouseover=\\"alert(3)"\n  website: "javascript:alert(4)"')
    guide = new_project / "content/guides/washing-machine-does-not-drain.yml"
    edit_file(guide, '"The washing machine does not drain"', json.dumps(HOSTILE))
    kb = load_project(new_project).kb
    config_file, _, _ = write_sources(kb, "public", "en", tmp_path / "src", tmp_path / "site", with_pdf=False)
    written = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    theme_values = [written["site_name"], written["copyright"], *strings(written["extra"]),
                    *strings(written["nav"])]
    for value in theme_values:
        assert not set(value) & set("<>\"'"), value  # no markup, and nothing that ends an attribute
    assert html.unescape(written["site_name"]) == HOSTILE
    assert html.unescape(written["copyright"]) == HOSTILE
    assert HOSTILE in {html.unescape(title) for title in strings(written["nav"])}
    links = [social["link"] for social in written["extra"]["social"]]
    assert not [link for link in links if "javascript" in link or "onmouseover" in link], links


def test_the_theme_overrides_never_re_escape_or_strip_what_they_are_handed() -> None:
    overrides = Path(__file__).resolve().parents[2] / "templates" / "overrides"
    for template in overrides.rglob("*.html"):
        code = template.read_text(encoding="utf-8")
        for line in code.splitlines():
            if "{{" in line and ("config.site_name" in line or "page.title" in line or "social" in line
                                 or "config.extra" in line or "nav_item.title" in line):
                assert "| e" not in line and "striptags" not in line, f"{template.name}: {line.strip()}"


def test_reference_links_and_broken_labels_never_become_links() -> None:
    md = converter()
    for text in ["See [f][ref].\n\n[ref]: javascript:alert(1)", "[a\nb](javascript:alert(1))",
                 "[f]\n\n[f]: <javascript:alert(1)>", "[f][]\n\n [f]: data:text/html,x"]:
        out = md.reset().convert(str(markdown_text(text)))
        assert "<a" not in out, out
    # a value closing the label a template opened: '[{{ phone }}](tel:…)'
    out = md.reset().convert("[" + str(markdown_text("900](javascript:alert(1))[")) + "](tel:900)")
    assert 'href="javascript' not in out and 'href="tel:900"' in out, out
    assert 'href="https://example.com"' in md.reset().convert(str(markdown_text("[ok](https://example.com)")))


TEXTS = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("<>&\"'`*_[](){}#!|-=:.1 \\"),
                min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_plain_text_shows_any_text_as_typed_in_markdown_and_in_html_blocks(text: str) -> None:
    md = converter()
    expected = " ".join(text.split())
    for source in (f"{plain_text(text)}", f"- {plain_text(text)}", f"# {plain_text(text)}",
                   f"| Header |\n| - |\n| {plain_text(text)} |", f"<table><tr><td>{plain_text(text)}</td></tr></table>"):
        shown, tags = read(md.reset().convert(source))
        if source.startswith("| Header"):
            shown = shown.removeprefix("Header").strip()
        if source.startswith("#"):
            shown = shown.removesuffix("¶").strip()
        assert shown == expected, (source, shown)
        assert not set(tags) - {"p", "ul", "li", "h1", "a", "table", "thead", "tbody", "tr", "th", "td"}, tags


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_markdown_text_never_makes_markup_a_text_did_not_ask_for(text: str) -> None:
    out = converter().reset().convert(str(markdown_text(text)))
    _, tags = read(out)
    for address in addresses(out):
        name, _, value = address.partition("=")
        assert name == "href" and url_problem(value) is None, address  # pictures never, links only safe ones
    assert not set(tags) - {"p", "em", "strong", "code", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                            "a", "hr", "blockquote", "pre", "br", "dl", "dt", "dd", "table", "thead", "tbody",
                            "tr", "th", "td", "div", "span", "details", "summary"}, tags


@given(text=TEXTS)
def test_theme_text_is_shown_as_typed(text: str) -> None:
    escaped = theme_text(text)
    assert not set(escaped) & set("<>\"'")
    assert html.unescape(escaped) == text
