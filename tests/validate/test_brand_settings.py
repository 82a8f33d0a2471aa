"""The brand of site_config.yml: WCAG contrast, the settings as the model reads them, and check's findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.project import ConfigError, load_project
from generator.model.config import (
    NEAR_BLACK,
    WHITE,
    Brand,
    SiteConfig,
    contrast_ratio,
    mix,
    readable_on,
    relative_luminance,
)
from generator.validate import run_checks
from generator.validate.brand import shown_ratio

CONFIG = "site_config.yml"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
"""A 1 x 1 PNG."""

# --------------------------------------------------------------------------- WCAG 2.x contrast


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("#000", "#fff", 21.0),
    ("#000000", "#ffffff", 21.0),
    ("#fff", "#fff", 1.0),
    ("#777", "#fff", 4.478),  # the classic "almost AA" grey
    ("#767676", "#ffffff", 4.542),  # the lightest grey that passes on white
    ("#ffdd00", "#ffffff", 1.347),
    ("#4051b5", "#ffffff", 6.858),  # Material's indigo header
    ("#ff0000", "#ffffff", 3.998),
])
def test_contrast_ratio_of_known_pairs(first: str, second: str, expected: float) -> None:
    assert contrast_ratio(first, second) == pytest.approx(expected, abs=0.001)
    assert contrast_ratio(second, first) == contrast_ratio(first, second)  # symmetric


def test_relative_luminance_is_wcag_2() -> None:
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1)
    assert relative_luminance("#ff0000") == pytest.approx(0.2126)
    assert relative_luminance("#00ff00") == pytest.approx(0.7152)
    assert relative_luminance("#0000ff") == pytest.approx(0.0722)
    # Below the linear threshold (0.04045 in sRGB, 0.03928 in WCAG 2.x: no 8-bit value lies between).
    assert relative_luminance("#0a0a0a") == pytest.approx(10 / 255 / 12.92)


def test_readable_on_picks_the_header_text_that_contrasts_more() -> None:
    assert readable_on("#1a5fb4") == WHITE
    assert readable_on("#ffdd00") == NEAR_BLACK
    assert readable_on("#000000") == WHITE


def test_mix() -> None:
    assert mix("#000000", "#ffffff", 0.5) == "#808080"
    assert mix("#1a5fb4", "#000000", 0) == "#1a5fb4"
    assert mix("#1a5fb4", "#000000", 1) == "#000000"


@pytest.mark.parametrize(("ratio", "shown"), [(1.3466, "1.35"), (4.478, "4.48"), (4.497, "4.497"), (4.4999, "4.499")])
def test_a_ratio_just_below_4_5_is_never_shown_as_4_50(ratio: float, shown: str) -> None:
    assert shown_ratio(ratio) == shown


# --------------------------------------------------------------------------- the settings


def brand(**fields) -> Brand:
    return Brand.model_validate({"primary": "#1a5fb4", "accent": "#c64600", **fields})


def test_colours_are_read_as_lowercase_six_digits() -> None:
    assert brand(primary="#1A5FB4", accent="#C40", header_text="#FFF").model_dump(exclude_none=True) == {
        "primary": "#1a5fb4", "accent": "#cc4400", "header_text": "#ffffff"}


def test_header_text_defaults_to_white_or_near_black() -> None:
    assert brand().header_colour == WHITE
    assert brand(primary="#ffdd00").header_colour == NEAR_BLACK
    assert brand(primary="#ffdd00", header_text="#000").header_colour == "#000000"


def test_no_brand_and_the_old_logo_mean_what_they_meant() -> None:
    config = SiteConfig.model_validate({"title": "T", "company": {"name": "C"}, "logo": "logo.png"})
    assert config.brand is None
    assert config.logo_file == config.favicon_file == "logo.png"
    config = SiteConfig.model_validate({"title": "T", "company": {"name": "C"},
                                        "brand": {"primary": "#123456", "accent": "#654321",
                                                  "logo": "a.svg", "favicon": "b.png"}})
    assert (config.logo_file, config.favicon_file) == ("a.svg", "b.png")


def write_brand(root: Path, block: str, files: dict[str, bytes] | None = None) -> None:
    with open(root / CONFIG, "a", encoding="utf-8") as config:
        config.write(block)
    for name, data in (files or {}).items():
        path = root / "assets" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def setting_at(root: Path, needle: str) -> tuple[int, int]:
    """(line, column) of the setting written as ``needle`` (``»`` marks the column), not of a comment."""
    column = needle.index("»")
    text = needle.replace("»", "")
    for number, line in enumerate((root / CONFIG).read_text(encoding="utf-8").split("\n"), start=1):
        if line.startswith(text):
            return number, column + 1
    raise AssertionError(f"{needle!r} is not in {CONFIG}")


def config_problems(root: Path) -> list:
    with pytest.raises(ConfigError) as caught:
        load_project(root)
    return caught.value.diagnostics


@pytest.mark.parametrize(("value", "message"), [
    ('"red"', "'red' is not a colour: write it as #rrggbb or #rgb"),
    ('"#12345"', "'#12345' is not a colour"),
    ('"1a5fb4"', "'1a5fb4' is not a colour"),
    ("#1a5fb4", "in YAML a '#' starts a comment, so write the colour in quotes"),
    ("", "in YAML a '#' starts a comment"),
    ("0x1a5fb4", "expected"),
])
def test_a_colour_that_is_not_hex_is_refused_with_a_clear_message(new_project: Path, value: str,
                                                                   message: str) -> None:
    write_brand(new_project, f'brand:\n  primary: "#1a5fb4"\n  accent: {value}\n')
    (problem,) = config_problems(new_project)
    assert problem.code.startswith("schema.") and problem.file == CONFIG
    assert message in problem.message and problem.message.startswith("brand.accent: "), problem.message
    assert problem.line == setting_at(new_project, "  »accent:")[0]


def test_an_unquoted_header_text_is_not_silently_dropped(new_project: Path) -> None:
    write_brand(new_project, 'brand:\n  primary: "#1a5fb4"\n  accent: "#c64600"\n  header_text: #fff\n')
    (problem,) = config_problems(new_project)
    assert "brand.header_text" in problem.message and "in quotes" in problem.message


def test_primary_and_accent_are_required(new_project: Path) -> None:
    write_brand(new_project, 'brand:\n  logo: logo.png\n')
    messages = sorted(problem.message for problem in config_problems(new_project))
    assert messages == ["the required field 'accent' is missing in brand",
                        "the required field 'primary' is missing in brand"]


def test_the_logo_given_twice_is_refused(new_project: Path) -> None:
    write_brand(new_project, 'logo: logo.png\nbrand:\n  primary: "#1a5fb4"\n  accent: "#c64600"\n  logo: logo.png\n',
                {"logo.png": PNG})
    (problem,) = config_problems(new_project)
    assert "keep brand.logo only" in problem.message


@pytest.mark.parametrize(("field", "value", "message"), [
    ("logo", "logo.png", "brand.logo: there is no file assets/logo.png in the project"),
    ("favicon", "icons/tab.png", "brand.favicon: there is no file assets/icons/tab.png in the project"),
    ("favicon", "../site_config.png", "brand.favicon: an image path may not climb out of assets/"),
    ("stylesheet", "brand.css", "brand.stylesheet: there is no file assets/brand.css in the project"),
    ("stylesheet", "assets/brand.css", "(the path is inside assets/: write brand.css)"),
    ("stylesheet", "brand.scss", "brand.stylesheet: a stylesheet must be a .css file"),
    ("stylesheet", "aftersales.css", "would replace the portal's own stylesheet"),
    ("stylesheet", "../brand.css", "with forward slashes"),
])
def test_a_missing_brand_file_is_asset_missing_at_its_line(new_project: Path, field: str, value: str,
                                                           message: str) -> None:
    write_brand(new_project, f'brand:\n  primary: "#1a5fb4"\n  accent: "#c64600"\n  {field}: {value}\n',
                {"brand.css.txt": b"", "../brand.css": b"x"})
    (problem,) = config_problems(new_project)
    assert (problem.code, problem.severity, problem.file) == ("asset.missing", "error", CONFIG)
    assert message in problem.message, problem.message
    assert (problem.line, problem.column) == setting_at(new_project, f"  {field}: »{value}")


def test_the_old_top_level_logo_is_still_checked(new_project: Path) -> None:
    write_brand(new_project, "logo: missing.png\n")
    (problem,) = config_problems(new_project)
    assert problem.code == "asset.missing" and problem.message.startswith("logo: there is no file assets/missing.png")


def test_a_stylesheet_linked_outside_assets_is_refused(new_project: Path) -> None:
    (new_project / "outside.css").write_text("a{}", encoding="utf-8")
    (new_project / "assets").mkdir()
    (new_project / "assets/brand.css").symlink_to(new_project / "outside.css")
    write_brand(new_project, 'brand:\n  primary: "#1a5fb4"\n  accent: "#c64600"\n  stylesheet: brand.css\n')
    (problem,) = config_problems(new_project)
    assert "a link to a place outside assets/" in problem.message


def test_the_loaded_logo_is_inline_for_the_printables(new_project: Path) -> None:
    write_brand(new_project, 'brand:\n  primary: "#1a5fb4"\n  accent: "#c64600"\n  logo: logo.png\n',
                {"logo.png": PNG})
    config = load_project(new_project).config
    assert config.logo_data_uri.startswith("data:image/png;base64,iVBORw0KGgo")


# --------------------------------------------------------------------------- brand.low-contrast


def low_contrast(root: Path) -> list:
    return [d for d in run_checks(load_project(root)) if d.code == "brand.low-contrast"]


def test_low_contrast_names_both_colours_and_the_measured_ratio(new_project: Path) -> None:
    write_brand(new_project, 'brand:\n  primary: "#FD0"\n  accent: "#c64600"\n  header_text: "#fff"\n')
    (problem,) = low_contrast(new_project)
    assert problem.message == (
        "brand.primary #ffdd00 with header text #ffffff: contrast 1.35:1, below the 4.5:1 WCAG AA needs for text;"
        " choose a darker primary or set brand.header_text")
    assert (problem.line, problem.column) == setting_at(new_project, '  primary: »"#FD0"')


def test_a_mid_tone_primary_fails_even_with_the_default_header_text(new_project: Path) -> None:
    write_brand(new_project, 'brand:\n  primary: "#808080"\n  accent: "#c64600"\n')
    (problem,) = low_contrast(new_project)
    assert ("brand.primary #808080 with the more readable of white and near-black, #212121: contrast 4.08:1"
            in problem.message), problem.message


def test_dark_text_on_a_dark_primary_asks_for_a_lighter_one(new_project: Path) -> None:
    write_brand(new_project, 'brand:\n  primary: "#1a5fb4"\n  accent: "#c64600"\n  header_text: "#000000"\n')
    (problem,) = low_contrast(new_project)
    assert "contrast 3.34:1" in problem.message and "choose a lighter primary" in problem.message


@pytest.mark.parametrize("block", [
    'brand:\n  primary: "#1a5fb4"\n  accent: "#c64600"\n',
    'brand:\n  primary: "#767676"\n  accent: "#c64600"\n  header_text: "#ffffff"\n',  # 4.54:1: just passes
    'brand:\n  primary: "#ffdd00"\n  accent: "#ffdd00"\n',  # near-black text on yellow
])
def test_readable_headers_pass(new_project: Path, block: str) -> None:
    write_brand(new_project, block)
    assert low_contrast(new_project) == []


def test_no_brand_no_finding(new_project: Path) -> None:
    assert low_contrast(new_project) == []
