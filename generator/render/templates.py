"""The templates a portal is rendered from: where they are, and the Jinja environments.

The portal's page and print templates, theme overrides and assets live at the top of the
repository (``templates/``, the source of truth) and ship inside the package as
``generator/templates`` (``setup.py`` maps the folder): an installed tool never needs the
repository. A knowledge base overrides single files in a folder of its own, ``custom/``, laid
out like the shipped one (``custom/pages/guide.md.j2``, ``custom/print/checklist.html.j2``,
``custom/overrides/partials/footer.html``, ``custom/assets/extra.css``). Not ``templates/``:
the example knowledge base lives at the top of this repository, beside the shipped templates,
which must never count as its overrides (and a company that starts from a copy of the
repository must not freeze every shipped template at that day's version).

:func:`check_templates` reads and compiles all of them before a build or a preview starts, so a
missing, unreadable or broken template is one line naming the file (exit 2), never an
internal error halfway through the portals.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.text.safe_text import markdown_text, plain_text

_PACKAGE = Path(__file__).resolve().parent.parent
PACKAGE_TEMPLATES = _PACKAGE / "templates" if (_PACKAGE / "templates").is_dir() else _PACKAGE.parent / "templates"
"""The shipped templates: ``generator/templates`` in an installed package, ``templates/`` in the
repository (a checkout, or an editable install)."""

PROJECT_TEMPLATES = "custom"
"""A knowledge base's own overrides, relative to its folder."""

REQUIRED = ("pages", "print", "overrides", "assets")
"""Folders every installation ships; without one of them nothing can be built."""


class TemplateProblem(Exception):
    """A template, theme override or asset that is missing, unreadable or broken: exit 2."""

    def __init__(self, file: str, message: str) -> None:
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message

    def __reduce__(self):
        # Raised in a worker process and re-raised in the parent: pickle the real arguments.
        return (TemplateProblem, (self.file, self.message))


def template_search_path(project_root: Path) -> list[str]:
    """Project templates first (even before the folder exists: environments are cached), then the shipped ones."""
    return [str(project_root / PROJECT_TEMPLATES), str(PACKAGE_TEMPLATES)]


def template_overrides(project_root: Path) -> tuple:
    """The project's own templates and their mtimes: a new or changed override needs a new environment."""
    folder = project_root / PROJECT_TEMPLATES
    if not folder.is_dir():
        return ()
    return tuple(sorted((str(path), path.stat().st_mtime_ns) for path in folder.rglob("*") if path.is_file()))


def printable_environment(project_root: Path) -> jinja2.Environment:
    """For standalone HTML printables: ordinary HTML autoescaping."""
    return _printable_environment(project_root, template_overrides(project_root))


@lru_cache(maxsize=8)
def _printable_environment(project_root: Path, fingerprint: tuple) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_search_path(project_root)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # The language's gettext callables come with each render (PageScope, print_context): one
    # environment serves every language.
    env.install_null_translations(newstyle=True)
    return env


def template_environment(project_root: Path) -> jinja2.Environment:
    """For Markdown pages: every printed value goes through plain_text, Markdown texts through text().

    Cached per project and state of its custom/ folder: compiling the templates is the slow
    part of re-rendering a few pages in ``serve``."""
    return _template_environment(project_root, template_overrides(project_root))


@lru_cache(maxsize=8)
def _template_environment(project_root: Path, fingerprint: tuple) -> jinja2.Environment:
    search = template_search_path(project_root)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_null_translations(newstyle=True)  # the language's own come with each page (PageScope)
    env.filters["indent_md"] = _indent_md
    return env


def _finalize(value: Any) -> Any:
    """A value a template prints as it is: shown exactly as written (names, versions, plain strings
    of site_config.yml). Markdown texts come through ``text()`` and trusted markup as ``Markup``."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return plain_text(str(value))


def _indent_md(value: Any, width: int = 4) -> Markup:
    """Indent continuation lines so multi-line text stays inside a list item or admonition."""
    text = value if isinstance(value, Markup) else markdown_text(str(value))
    pad = " " * width
    return Markup(("\n" + pad).join(str(text).splitlines()))


def asset_files(project_root: Path) -> list[Path]:
    """The portal's CSS and scripts; a project's own custom/assets/ file of the same name wins."""
    found: dict[str, Path] = {}
    for folder in (PACKAGE_TEMPLATES / "assets", project_root / PROJECT_TEMPLATES / "assets"):
        if folder.is_dir():
            for path in sorted([*folder.glob("*.css"), *folder.glob("*.js")]):
                found[path.name] = path
    return list(found.values())


def override_files(project_root: Path) -> list[tuple[str, Path]]:
    """Material theme overrides (overrides/**/*.html of the shipped templates and of custom/) by
    path; the project's own win."""
    found: dict[str, Path] = {}
    for folder in (PACKAGE_TEMPLATES / "overrides", project_root / PROJECT_TEMPLATES / "overrides"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*.html")):
                found[path.relative_to(folder).as_posix()] = path
    return sorted(found.items())


def check_templates(project_root: Path) -> None:
    """Read every template, override and asset a build uses, and compile the templates.

    Raises :class:`TemplateProblem` naming the first file that is missing, unreadable, not
    UTF-8 or not a valid template."""
    for folder in REQUIRED:
        if not (PACKAGE_TEMPLATES / folder).is_dir():
            raise TemplateProblem(str(PACKAGE_TEMPLATES / folder), "the templates shipped with aftersales are missing;"
                                  " reinstall it (pip install --force-reinstall aftersales)")
    environments = (template_environment(project_root), printable_environment(project_root))
    for root in (PACKAGE_TEMPLATES, project_root / PROJECT_TEMPLATES):
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_dir() or path.name.startswith("."):
                continue
            text = _read(path)
            name = path.relative_to(root).as_posix()
            if path.suffix == ".j2":
                environment = environments[1] if name.startswith("print/") else environments[0]
                try:
                    environment.parse(text, name, str(path))
                except jinja2.TemplateSyntaxError as exc:
                    raise TemplateProblem(f"{path}:{exc.lineno}", f"template syntax error: {exc.message}") from None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateProblem(str(path), f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise TemplateProblem(str(path), f"cannot be read: {exc.strerror or exc}") from None
