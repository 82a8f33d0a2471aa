"""Pictures in guide steps: alt text in every language, sized, lazy, copied, and in the PDF.

An ``aftersales init`` project gets a PNG (drawn here) on its guide's first step and an SVG on the
second; the build is read as a reader gets it: the page's <img>, the copied file, the printable
and its PDF. The missing-alt check itself has its fixture (tests/fixtures/asset.alt-missing).
"""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_brand import draw_png

from generator.cli import main
from generator.load.assets import image_size

GUIDE = "content/guides/washing-machine-does-not-drain.yml"
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360" viewBox="0 0 480 360" role="img">'
       '<rect x="40" y="40" width="400" height="280" fill="none" stroke="#1a1a1a" stroke-width="3"/></svg>\n')
ALT_PNG = {"ca": "La tapa del filtre, oberta, a baix a la dreta.", "es": "La tapa del filtro, abierta, abajo a la derecha.",
           "en": 'The filter door, open, at the bottom right ("hatch" <b>not</b> a door).'}
ALT_SVG = {"ca": "El filtre girat cap a l'esquerra sobre una safata.", "es": "El filtro girado a la izquierda sobre una bandeja.",
           "en": "The filter turned anticlockwise over a tray."}


def _alt_yaml(alt: dict[str, str]) -> str:
    return "{" + ", ".join(f'{lang}: "{text.replace(chr(34), chr(92) + chr(34))}"' for lang, text in alt.items()) + "}"


def picture_project(root: Path) -> Path:
    assert main(["init", str(root)]) == 0
    draw_png(root / "assets/guides/hatch.png", (320, 240), (211, 84, 0))
    (root / "assets/guides/filter.svg").write_text(SVG, encoding="utf-8")
    guide = root / GUIDE
    lines = guide.read_text(encoding="utf-8").splitlines(keepends=True)
    steps = [i for i, line in enumerate(lines) if line.startswith("  - action:")]
    lines.insert(steps[1] + 1, f"    image: guides/filter.svg\n    image_alt: {_alt_yaml(ALT_SVG)}\n")
    lines.insert(steps[0] + 1, f"    image: guides/hatch.png\n    image_alt: {_alt_yaml(ALT_PNG)}\n")
    guide.write_text("".join(lines), encoding="utf-8")
    return root


def test_the_size_comes_from_the_file(tmp_path: Path) -> None:
    draw_png(tmp_path / "assets/a.png", (320, 240), (0, 0, 0))
    (tmp_path / "assets/b.svg").write_text(SVG, encoding="utf-8")
    (tmp_path / "assets/c.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 480"/>',
                                           encoding="utf-8")
    (tmp_path / "assets/d.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="100%"/>', encoding="utf-8")
    (tmp_path / "assets/e.png").write_bytes(b"not a picture")
    assert image_size(tmp_path, "a.png") == (320, 240)
    assert image_size(tmp_path, "b.svg") == (480, 360)
    assert image_size(tmp_path, "c.svg") == (640, 480)
    assert image_size(tmp_path, "d.svg") is None  # no size in pixels: the page sets none
    assert image_size(tmp_path, "e.png") is None
    assert image_size(tmp_path, "../outside.png") is None


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = picture_project(tmp_path_factory.mktemp("pictures") / "kb")
    assert main(["check", "--project", str(root)]) == 0
    assert main(["build", "--project", str(root)]) == 0
    return root


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_each_step_picture_has_its_alt_text_size_and_lazy_loading(built: Path, lang: str) -> None:
    portal = built / "site/public" / lang
    page = (portal / "guides/washing-machine-does-not-drain.html").read_text(encoding="utf-8")
    pictures = re.findall(r"<img [^>]*>", page[page.index('data-search-body'):])
    steps = [tag for tag in pictures if "as-step-picture" in tag]
    assert len(steps) == 2, pictures
    for tag, alt, name, size in ((steps[0], ALT_PNG, "hatch.png", (320, 240)), (steps[1], ALT_SVG, "filter.svg", (480, 360))):
        attributes = dict(re.findall(r'(\w+)="([^"]*)"', tag))
        assert html_lib.unescape(attributes["alt"]) == alt[lang], tag
        assert attributes["src"] == f"../assets/guides/{name}"
        assert (attributes["width"], attributes["height"]) == tuple(map(str, size))
        assert attributes["loading"] == "lazy"
        assert (portal / "assets/guides" / name).read_bytes() == (built / "assets/guides" / name).read_bytes()
    assert "<b>not</b>" not in page  # the alt text is text, never markup


@pytest.mark.slow
def test_the_printable_carries_the_pictures_inline_and_the_pdf_shows_them(built: Path) -> None:
    view = built / "site/public/en/print/guides/washing-machine-does-not-drain.html"
    html = view.read_text(encoding="utf-8")
    pictures = re.findall(r'<img class="step-picture" [^>]*>', html)
    assert len(pictures) == 2
    assert 'src="data:image/png;base64,' in pictures[0] and 'src="data:image/svg+xml;base64,' in pictures[1]
    assert 'width="320" height="240"' in pictures[0]
    assert html_lib.unescape(re.search(r'alt="([^"]*)"', pictures[0])[1]) == ALT_PNG["en"]
    assert "assets/guides" not in html  # nothing for the PDF to fetch
    pdf = view.with_suffix(".pdf")
    if shutil.which("pdfimages"):
        listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^\s*1\s+\d+\s+image\s+320\s+240\b", listing, re.MULTILINE), listing
    else:
        assert b"/Subtype /Image" in pdf.read_bytes()


def test_a_picture_without_alt_text_is_refused(tmp_path: Path, capsys) -> None:
    root = picture_project(tmp_path / "kb")
    guide = root / GUIDE
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace(f"    image_alt: {_alt_yaml(ALT_SVG)}\n", ""), encoding="utf-8")
    line = 1 + next(i for i, row in enumerate(guide.read_text(encoding="utf-8").splitlines())
                    if "image: guides/filter.svg" in row)
    assert main(["check", "--project", str(root)]) == 1
    out = capsys.readouterr().out
    assert f"{GUIDE}:{line}:12: error asset.alt-missing: steps[1]: the picture guides/filter.svg has no image_alt" in out
