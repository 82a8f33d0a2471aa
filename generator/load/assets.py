"""Images named by items must be files inside the project's ``assets/`` folder, with alt text."""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from generator.diagnostics.diagnostic import Diagnostic
from generator.diagnostics.rules.markup import ASSET_ALT_MISSING, ASSET_MISSING

if TYPE_CHECKING:
    from generator.load.knowledge_base import KnowledgeBase

ASSETS_FOLDER = "assets"
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
               ".webp": "image/webp", ".svg": "image/svg+xml"}
IMAGE_SUFFIXES = frozenset(IMAGE_TYPES)


def data_uri(path: Path) -> str | None:
    """The file as a ``data:`` address, so printables (and their PDFs) carry their pictures and
    logo without fetching anything."""
    kind = IMAGE_TYPES.get(path.suffix.lower())
    try:
        return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}" if kind else None
    except OSError:
        return None


def asset_problem(root: Path, name: str) -> str | None:
    """Why ``name`` is not a usable image inside ``root/assets``, or None."""
    if len(name) > 255 or any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        return "an image path must be a short file name without control characters"
    if "\\" in name or name.startswith("/") or ":" in name:
        return "write the image as a path inside assets/, with forward slashes (e.g. guides/filter.jpg)"
    parts = PurePosixPath(name).parts
    if ".." in parts:
        return "an image path may not climb out of assets/ with '..'"
    if PurePosixPath(name).suffix.lower() not in IMAGE_SUFFIXES:
        return "an image must be a .png, .jpg, .gif, .webp or .svg file"
    folder = (root / ASSETS_FOLDER).resolve()
    try:
        path = (folder / name).resolve()
        if not path.is_relative_to(folder):
            return "the image is a link to a place outside assets/"
        if not path.is_file():
            return f"there is no file {ASSETS_FOLDER}/{name} in the project"
    except (OSError, ValueError) as exc:
        return f"the image cannot be read ({exc})"
    return None


_SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE)
_SVG_LENGTH = r"""\b{}\s*=\s*["']\s*([0-9]+(?:\.[0-9]+)?)\s*(?:px)?\s*["']"""
_SVG_VIEWBOX = re.compile(r"""\bviewBox\s*=\s*["']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)\s*["']""")


def image_size(root: Path, name: str) -> tuple[int, int] | None:
    """A usable image's width and height in CSS pixels, or None when its file does not say.

    Set on the <img> so that the page does not jump when the picture arrives. SVG: the root's
    width and height in pixels (or unitless), else its viewBox; other formats: Pillow reads
    the header only."""
    if asset_problem(root, name) is not None:
        return None
    path = (root / ASSETS_FOLDER / name).resolve()
    try:
        return _size_of(path, path.stat().st_mtime_ns)
    except OSError:
        return None


@lru_cache(maxsize=1024)
def _size_of(path: Path, _mtime: int) -> tuple[int, int] | None:
    if path.suffix.lower() == ".svg":
        found = _SVG_ROOT.search(path.read_bytes()[:8192])
        if not found:
            return None
        tag = found.group().decode("utf-8", "replace")
        width = re.search(_SVG_LENGTH.format("width"), tag)
        height = re.search(_SVG_LENGTH.format("height"), tag)
        if width and height:
            size = (round(float(width.group(1))), round(float(height.group(1))))
        else:
            box = _SVG_VIEWBOX.search(tag)
            size = (round(float(box.group(1))), round(float(box.group(2)))) if box else (0, 0)
        return size if all(0 < side <= 20_000 for side in size) else None
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as picture:
            return picture.size
    except (UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return None


def check_assets(kb: KnowledgeBase) -> list[Diagnostic]:
    diagnostics = []
    languages = kb.config.languages
    for item in kb.of_type("guide"):
        for index, step in enumerate(item.model.steps):
            if step.image is None:
                continue
            problem = asset_problem(kb.root, step.image)
            if problem:
                diagnostics.append(Diagnostic.at(item, ("steps", index, "image"), ASSET_MISSING,
                                                 f"steps[{index}].image: {problem}"))
            alt = step.image_alt or {}
            missing = [lang for lang in languages if not alt.get(lang, "").strip()]
            if missing:
                where = ("steps", index, "image_alt") if step.image_alt else ("steps", index, "image")
                said = "has no image_alt" if not step.image_alt else "has no image_alt in " + ", ".join(missing)
                diagnostics.append(Diagnostic.at(item, where, ASSET_ALT_MISSING,
                                                 f"steps[{index}]: the picture {step.image} {said}:"
                                                 " say what it shows, for readers who cannot see it"))
    return diagnostics
