"""Images named by items must be files inside the project's ``assets/`` folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from generator.diagnostics.diagnostic import Diagnostic
from generator.diagnostics.rules.markup import ASSET_MISSING

if TYPE_CHECKING:
    from generator.load.knowledge_base import KnowledgeBase

ASSETS_FOLDER = "assets"
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})


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


def check_assets(kb: KnowledgeBase) -> list[Diagnostic]:
    diagnostics = []
    for item in kb.of_type("guide"):
        for index, step in enumerate(item.model.steps):
            if step.image is None:
                continue
            problem = asset_problem(kb.root, step.image)
            if problem:
                diagnostics.append(Diagnostic.at(item, ("steps", index, "image"), ASSET_MISSING,
                                                 f"steps[{index}].image: {problem}"))
    return diagnostics
