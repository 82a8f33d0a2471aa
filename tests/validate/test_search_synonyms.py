"""``search: synonyms:`` of site_config.yml: the model's helper for the index, the checks around the
three search.* codes (their fixtures are in tests/fixtures/search.*/), the init scaffold's commented
example and the example knowledge base's own list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO
from overlays import locate

from generator.cli import main
from generator.diagnostics.diagnostic import Diagnostic
from generator.load.project import ConfigError, load_project
from generator.model.config import SiteConfig
from generator.validate import run_checks
from generator.validate.search import search_spelling

CONFIG = "site_config.yml"


def check(root: Path) -> list[Diagnostic]:
    return run_checks(load_project(root))


def with_search(root: Path, block: str) -> None:
    """Append a ``search:`` block (YAML text) to the project's site_config.yml."""
    path = root / CONFIG
    path.write_text(path.read_text(encoding="utf-8") + block, encoding="utf-8")


def _config(synonyms: object) -> SiteConfig:
    return SiteConfig.model_validate({"title": "Service", "company": {"name": "Example"},
                                      "search": {"synonyms": synonyms}})


# --------------------------------------------------------------------------- the model


def test_search_synonyms_gives_the_groups_as_written_in_order() -> None:
    config = _config({"es": [["nevera", "Frigorífico", "frigo"], ["repuesto", "recambio"]],
                      "en": [["won't", "wont", "will not", "does not"]]})
    assert config.search_synonyms("es") == [("nevera", "Frigorífico", "frigo"), ("repuesto", "recambio")]
    assert config.search_synonyms("en") == [("won't", "wont", "will not", "does not")]
    assert config.search_synonyms("ca") == []


def test_no_search_setting_means_no_synonyms() -> None:
    config = SiteConfig.model_validate({"title": "Service", "company": {"name": "Example"}})
    assert config.search.synonyms == {}
    assert all(config.search_synonyms(lang) == [] for lang in config.languages)


def test_the_helper_cannot_change_the_configuration() -> None:
    config = _config({"es": [["nevera", "frigo"]]})
    groups = config.search_synonyms("es")
    groups.append(("a", "b"))
    assert config.search_synonyms("es") == [("nevera", "frigo")]


@pytest.mark.parametrize(("entry", "spelling"), [
    ("Frigorífico", "frigorifico"),
    ("FRIGORIFICO", "frigorifico"),
    ("instal·lació", "instalacio"),
    ("Instal.lació", "instalacio"),
    ("won't", "won t"),
    ("wont", "wont"),
    ("  hoja   de  reclamaciones ", "hoja de reclamaciones"),
    ("fridge-freezer", "fridge freezer"),
    ("", ""),
    ("!!", ""),
])
def test_entries_are_compared_as_the_search_index_spells_them(entry: str, spelling: str) -> None:
    assert search_spelling(entry) == spelling


# --------------------------------------------------------------------------- wrong types are schema errors


@pytest.mark.parametrize(("block", "at", "message"), [
    ("search:\n  synonyms:\n    es: [nevera, frigorífico]\n", "es: [»nevera",
     "search.synonyms.es[0]: expected a group of words that mean the same, as a list in brackets such as"
     " [nevera, frigorífico]; got text ('nevera')"),
    ("search:\n  synonyms:\n    es: nevera, frigorífico\n", "es: »nevera",
     "search.synonyms.es: expected a list of groups"),
    ("search:\n  synonyms: [nevera, frigorífico]\n", "synonyms: »[",
     "search.synonyms: expected a mapping of language code to groups"),
    ("search:\n  synonyms:\n    es:\n      - [nevera, 3]\n", "[nevera, »3]",
     "search.synonyms.es[0][1]: expected text, got a number"),
])
def test_a_wrong_type_is_a_clear_schema_error_at_its_place(new_project: Path, block: str, at: str,
                                                          message: str) -> None:
    with_search(new_project, block)
    with pytest.raises(ConfigError) as raised:
        load_project(new_project)
    diagnostic = raised.value.diagnostics[0]
    assert diagnostic.code == "schema.wrong-type"
    assert message in diagnostic.message
    assert (diagnostic.file, diagnostic.line, diagnostic.column) == (CONFIG, *locate(new_project / CONFIG, at)[:2])
    assert main(["check", "--project", str(new_project)]) == 2


def test_a_misspelt_setting_is_an_unknown_field(new_project: Path) -> None:
    with_search(new_project, "search:\n  synonims:\n    es:\n      - [nevera, frigo]\n")
    with pytest.raises(ConfigError) as raised:
        load_project(new_project)
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.code == "schema.unknown-field"
    assert "did you mean 'synonyms'" in diagnostic.message


def test_a_very_long_entry_is_refused(new_project: Path) -> None:
    with_search(new_project, "search:\n  synonyms:\n    es:\n      - [nevera, " + "x" * 81 + "]\n")
    with pytest.raises(ConfigError) as raised:
        load_project(new_project)
    assert "at most 80 characters" in raised.value.diagnostics[0].message


# --------------------------------------------------------------------------- the checks


def test_every_problem_is_reported_at_its_entry(new_project: Path) -> None:
    with_search(new_project, (
        "search:\n"
        "  synonyms:\n"
        "    es:\n"
        "      - [nevera, \"\"]\n"
        "      - []\n"
        "      - [repuesto, recambio, Recambio]\n"       # the same word twice in a group: still two
        "      - [pieza, RECAMBIO]\n"
        "      - [instal·lació, instalacio]\n"
        "    fr:\n"
        "      - [frigo, réfrigérateur]\n"))
    diagnostics = check(new_project)
    found = [(d.code, d.line, d.column) for d in diagnostics]
    path = new_project / CONFIG

    def at(needle: str) -> tuple[int, int]:
        return locate(path, needle)[:2]

    assert sorted(found) == sorted([
        ("search.empty-group", *at('- »[nevera, ""]')),         # one entry left
        ("search.empty-group", *at('[nevera, »""]')),          # the empty entry
        ("search.empty-group", *at("- »[]")),
        ("search.duplicate-synonym", *at("[pieza, »RECAMBIO]")),
        ("search.empty-group", *at("- »[instal·lació")),       # one word to search
        ("search.unknown-language", *at("    »fr:")),
    ])
    messages = {d.code + str(d.line): d.message for d in diagnostics}
    assert "'fr' is not one of the portal's languages (ca, es, en)" in messages[f"search.unknown-language{at('fr:')[0]}"]
    assert "already in search.synonyms.es[2] (repuesto, recambio, Recambio)" in \
        messages[f"search.duplicate-synonym{at('[pieza')[0]}"]
    assert "it has instal·lació, instalacio (search reads them as one word" in \
        messages[f"search.empty-group{at('instal·lació')[0]}"]


def test_the_same_word_in_two_languages_is_no_duplicate(new_project: Path) -> None:
    with_search(new_project, "search:\n  synonyms:\n    ca:\n      - [nevera, frigorífic]\n"
                             "    es:\n      - [nevera, frigorífico]\n")
    assert check(new_project) == []


def test_search_codes_can_be_switched_off(new_project: Path) -> None:
    with_search(new_project, "search:\n  synonyms:\n    es:\n      - [repuesto, recambio]\n      - [pieza, recambio]\n"
                             "rules:\n  search.duplicate-synonym: 'off'\n")
    assert check(new_project) == []


# --------------------------------------------------------------------------- init and the example


def test_the_scaffold_example_uncommented_is_clean(new_project: Path) -> None:
    path = new_project / CONFIG
    text = path.read_text(encoding="utf-8")
    start = text.index("# search:\n")
    lines = text[start:].splitlines(keepends=True)
    block = []
    for line in lines:
        if not (line.startswith("# ") and (line.startswith("# search:") or line.startswith("#   "))):
            break
        block.append(line[2:])
    assert len(block) >= 5, block
    path.write_text(text + "".join(block), encoding="utf-8")
    config = load_project(new_project).config
    assert config.search_synonyms("es")[0] == ("nevera", "frigorífico", "frigo")
    assert ("won't", "wont", "will not", "does not") in config.search_synonyms("en")
    assert check(new_project) == []


def test_the_example_ships_synonyms_for_each_of_its_languages() -> None:
    config = load_project(REPO).config
    assert config.languages == ["ca", "es", "en"]
    for lang in config.languages:
        groups = config.search_synonyms(lang)
        assert 15 <= len(groups) <= 40, (lang, len(groups))  # a domain list, not a thesaurus
        assert all(len({search_spelling(entry) for entry in group}) >= 2 for group in groups)
    assert ("fridge", "refrigerator", "fridge-freezer") in config.search_synonyms("en")
    assert any({"nevera", "frigo"} <= set(group) for group in config.search_synonyms("es"))
    assert not any("cal" in group for group in config.search_synonyms("ca")), "'cal' is also 'it is needed'"


def test_the_example_passes_check_strict(capsys) -> None:
    assert main(["check", "--project", str(REPO), "--strict"]) == 0
    out = capsys.readouterr().out
    assert not re.search(r"\bsearch\.", out), out
