"""The interface words: gettext catalogs shipped complete, found by every key the code uses, and a
knowledge base's own catalog that adds a language or changes a word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import REPO, PortalView, run_cli

from generator.i18n.catalogs import (
    SHIPPED,
    TEMPLATE,
    english,
    messages,
    project_catalog,
    shipped_languages,
)
from generator.i18n.labels import label
from generator.load.project import load_project

SHIPPED_LANGUAGES = ("ca", "en", "es", "eu", "fr", "gl", "pt")
PLACEHOLDER = re.compile(r"\{[^}]*\}")


def read(path: Path):
    with open(path, "rb") as file:
        return read_po(file)


def test_the_tool_ships_seven_languages() -> None:
    assert shipped_languages() == SHIPPED_LANGUAGES


@pytest.mark.parametrize("lang", SHIPPED_LANGUAGES)
def test_a_shipped_catalog_translates_every_message(lang: str) -> None:
    template = {(m.context, m.id) for m in read(TEMPLATE) if m.id}
    catalog = {(m.context, m.id): m for m in read(SHIPPED / lang / "LC_MESSAGES" / "aftersales.po") if m.id}
    assert set(catalog) == template, "run: pybabel update -i aftersales.pot -d generator/i18n/locales -D aftersales"
    untranslated = [key for key, m in catalog.items() if not m.string or m.fuzzy]
    assert not untranslated, f"{lang}: {len(untranslated)} messages without a translation: {untranslated[:5]}"
    for (key, msgid), m in catalog.items():
        assert sorted(PLACEHOLDER.findall(m.string)) == sorted(PLACEHOLDER.findall(msgid)), (lang, key)
        assert m.string.count("#") == msgid.count("#"), (lang, key)
    assert not messages(lang).missing()


def test_every_key_the_code_and_templates_name_is_in_the_template() -> None:
    """Literal keys (label("diagram")) and the prefixes of built ones (label("phase." + phase))."""
    sources = [*(REPO / "templates").rglob("*.j2"), *(REPO / "generator").rglob("*.py")]
    literal, prefixes = set(), set()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        literal.update(re.findall(r"(?<!\w)label\(\s*['\"]([a-z_A-Z0-9.]+)['\"]\s*[,)]", text))
        prefixes.update(re.findall(r"(?<!\w)label\(\s*f?['\"]([a-z_A-Z.]+\.)(?:['\"]\s*\+|\{)", text))
    keys = set(english()) | {"unit.count"}
    assert len(literal) > 200
    assert not sorted(literal - keys)
    assert not [prefix for prefix in prefixes if not any(key.startswith(prefix) for key in keys)]


def test_words_are_looked_up_by_key_in_each_language() -> None:
    assert [label("home", lang) for lang in SHIPPED_LANGUAGES] == [
        "Inici", "Home", "Inicio", "Hasiera", "Accueil", "Inicio", "Início"]
    assert label("unit.count", "fr") == ""
    assert label("home", "de") == "Home"  # no catalog: English, word by word


def test_a_knowledge_base_may_change_a_word_and_add_a_language(new_project: Path) -> None:
    ours = project_catalog(new_project, "ca")
    ours.parent.mkdir(parents=True)
    ours.write_text('msgctxt "home"\nmsgid "Home"\nmsgstr "Portada"\n', encoding="utf-8")
    german = project_catalog(new_project, "de")
    german.parent.mkdir(parents=True)
    german.write_text('msgctxt "home"\nmsgid "Home"\nmsgstr "Startseite"\n\n'
                      'msgctxt "procedures"\nmsgid "Stale English"\nmsgstr "Verfahren"\n', encoding="utf-8")
    assert label("home", "ca", new_project) == "Portada"
    assert label("procedures", "ca", new_project) == "Procediments"  # the shipped word where ours has none
    assert label("home", "de", new_project) == "Startseite"
    assert label("procedures", "de", new_project) == "Procedures"  # a stale msgid is not used
    assert len(messages("de", new_project).missing()) == len(english()) - 1
    view = PortalView(load_project(new_project).kb, "public", "ca")
    assert {page.path: page.title for page in view.render_all()}["index.md"] == "Portada"
    assert view.navigation()[0] == {"Portada": "index.md"}


def test_check_names_a_language_without_its_interface_words(new_project: Path) -> None:
    config = new_project / "site_config.yml"
    text = config.read_text(encoding="utf-8").replace("languages: [ca, es, en]", "languages: [ca, es, en, de]")
    config.write_text(text + "rules:\n  text.missing-translation: off\n", encoding="utf-8")
    result = run_cli("check", "--project", new_project)
    assert result.code == 0
    line = next(line for line in result.out.splitlines() if "i18n.missing-interface-text" in line)
    assert line.startswith("site_config.yml:") and f"'de': {len(english())} of {len(english())} interface messages" in line
    assert "locales/de/LC_MESSAGES/aftersales.po" in line
    assert run_cli("check", "--strict", "--project", new_project).code == 1
    assert run_cli("check", "--strict", "--project", REPO).code == 0  # ca, es, en: complete


def test_custom_templates_use_jinjas_i18n_extension(new_project: Path) -> None:
    """A company's own template writes its words the gettext way; the project's catalog translates
    its own new messages, and the tool's messages are found by their English text."""
    page = new_project / "custom" / "pages" / "guide.md.j2"
    page.parent.mkdir(parents=True)
    page.write_text('# {{ plain(model.title) }}\n\n{{ _("Steps") }} · {% trans %}Call our workshop{% endtrans %}'
                    ' · {% trans count=3 %}{{ count }} tool{% pluralize %}{{ count }} tools{% endtrans %}'
                    ' · {{ pgettext("home", "Home") }}\n', encoding="utf-8")
    ours = project_catalog(new_project, "ca")
    ours.parent.mkdir(parents=True)
    ours.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
                    'msgid "Call our workshop"\nmsgstr "Truqueu al nostre taller"\n\n'
                    'msgid "%(count)s tool"\nmsgid_plural "%(count)s tools"\nmsgstr[0] "%(count)s eina"\nmsgstr[1] "%(count)s eines"\n',
                    encoding="utf-8")
    kb = load_project(new_project).kb
    pages = {lang: {p.path: p.markdown for p in PortalView(kb, "public", lang).render_all()} for lang in ("ca", "en")}
    guide = "guides/washing-machine-does-not-drain.md"
    assert "Passos · Truqueu al nostre taller · 3 eines · Inici" in pages["ca"][guide]
    assert "Steps · Call our workshop · 3 tools · Home" in pages["en"][guide]


def test_a_broken_catalog_stops_the_build_naming_its_file_and_line(new_project: Path) -> None:
    ours = project_catalog(new_project, "ca")
    ours.parent.mkdir(parents=True)
    ours.write_text('# ours\nmsgctxt "home"\nmsgid "Home"\n', encoding="utf-8")
    result = run_cli("build", "--project", new_project, "--no-pdf")
    assert result.code == 1 and "Traceback" not in result.err
    assert "locales/ca/LC_MESSAGES/aftersales.po:3:1: error i18n.catalog-invalid" in result.err
    assert not (new_project / "site").exists()
