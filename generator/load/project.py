"""Load a project: ``site_config.yml`` and every content file, validated against the model.

Every file is read, whatever happened to the others: the quality manager gets all problems of
a change in one run. A file that fails is left out of the knowledge base, but its id is kept
so that references to it are not reported twice.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from generator.diagnostics.codes import RULES
from generator.diagnostics.diagnostic import Diagnostic
from generator.diagnostics.rules.files import FILE_OUTSIDE_TYPE_FOLDER, FILE_UNREADABLE
from generator.diagnostics.rules.markup import ASSET_MISSING
from generator.diagnostics.rules.measurements import (
    DATA_UNKNOWN_STANDARD,
    DATA_UNREADABLE,
)
from generator.diagnostics.rules.schema import SCHEMA_INVALID_VALUE, SCHEMA_NOT_MAPPING
from generator.load.assets import ASSETS_FOLDER, asset_problem, data_uri
from generator.load.knowledge_base import Item, KnowledgeBase
from generator.load.measurements import data_path_problem, read_measurements
from generator.load.schema import schema_diagnostics
from generator.load.yaml_reader import YamlDocument, YamlError, read_yaml_file
from generator.memory import paused_garbage_collector
from generator.model import TYPES_BY_FOLDER, ContentType, SiteConfig

CONFIG_NAMES = ("site_config.yml", "site_config.yaml")
CONTENT_FOLDER = "content"
YAML_SUFFIXES = (".yml", ".yaml")


class ConfigError(Exception):
    """The project itself cannot be used (no or invalid ``site_config.yml``): exit code 2."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


class InternalError(Exception):
    """An unexpected failure, with the file being processed when it happened."""

    def __init__(self, file: str, original: BaseException) -> None:
        super().__init__(f"{file}: {type(original).__name__}: {original}")
        self.file = file
        self.original = original


@dataclass(frozen=True)
class DeclaredId:
    """An id as written in a file, even when the item failed validation."""

    id: str
    type: str
    file: str
    line: int
    column: int
    audience: str | None
    from_file_name: bool = False
    """True when the file could not be read: the id is guessed from the file name, only so that
    references to it are not reported as broken on top of the file's own error."""


@dataclass
class Project:
    """A loaded project: the knowledge base plus what went wrong while loading it."""

    root: Path
    config: SiteConfig
    kb: KnowledgeBase
    diagnostics: list[Diagnostic] = field(default_factory=list)
    declared: list[DeclaredId] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    """Every content file read, relative to the project."""
    config_file: str = "site_config.yml"
    config_source: YamlDocument | None = None
    """Where each setting was written, for diagnostics about the configuration."""

    def config_position(self, loc: tuple, *, key: bool = False) -> tuple[int, int]:
        return self.config_source.position_of(loc, key=key) if self.config_source is not None else (1, 1)


def relative(path: Path, root: Path) -> str:
    """Path as shown in diagnostics: relative to the project, forward slashes."""
    # String work, not Path.relative_to: called for every file on every serve refresh.
    text, base = os.fspath(path), os.fspath(root).rstrip(os.sep) + os.sep
    text = text.removeprefix(base)
    return text.replace(os.sep, "/")


def find_config(root: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = root / name
        if candidate.is_file():
            return candidate
    return None


def load_config(root: Path) -> SiteConfig:
    """Read and validate ``site_config.yml``; any problem is a :class:`ConfigError`."""
    return read_config(root)[0]


def read_config(root: Path) -> tuple[SiteConfig, YamlDocument, str]:
    """The validated configuration, its source (for positions) and its path in the project."""
    path = find_config(root)
    if path is None:
        raise ConfigError([Diagnostic(
            "error", "config.missing",
            f"no site_config.yml in {root}: run 'aftersales init DIR' to start a knowledge base,"
            " or pass --project DIR",
            "site_config.yml",
        )])
    file = relative(path, root)
    try:
        source = read_yaml_file(path)
    except YamlError as exc:
        raise ConfigError([Diagnostic.at(file, (exc.line, exc.column), exc.rule, exc.message)]) from None
    if not isinstance(source.data, dict):
        raise ConfigError([Diagnostic.at(file, None, SCHEMA_NOT_MAPPING,
                                         "site_config.yml must be a mapping of settings (key: value lines)")])
    languages = source.data.get("languages")
    context: dict = {"languages": languages}
    if "languages" not in source.data:  # the default ones: texts may be written in them
        context["languages"] = SiteConfig.model_fields["languages"].get_default(call_default_factory=True)
    elif not (isinstance(languages, list) and languages and all(isinstance(x, str) for x in languages)):
        # Reported at 'languages'; no text is refused for a language the broken list does not name.
        context = {"languages": None, "any_language": True}
    try:
        config = SiteConfig.model_validate(source.data, context=context)
    except ValidationError as exc:
        raise ConfigError(schema_diagnostics(exc, SiteConfig, source, file, None)) from None
    brand_problems = _brand_file_problems(root, config, source, file)
    if brand_problems:
        raise ConfigError(brand_problems)
    if config.logo_file is not None:
        config._logo_data_uri = data_uri(root / ASSETS_FOLDER / config.logo_file)
    unknown = [code for code in config.rules if code not in RULES]
    if unknown:
        raise ConfigError([
            Diagnostic.at(file, source.position_of(("rules", code), key=True), SCHEMA_INVALID_VALUE,
                          f"rules: '{code}' is not a check code{_did_you_mean(code, RULES)}")
            for code in unknown
        ])
    return config, source, file


RESERVED_STYLESHEETS = frozenset({"aftersales.css", "aftersales-brand.css"})
"""Names of the portal's own stylesheets in assets/: a project's stylesheet may not replace them."""


def _brand_file_problems(root: Path, config: SiteConfig, source: YamlDocument, file: str) -> list[Diagnostic]:
    """asset.missing for the logo, favicon and stylesheet that are not files inside assets/."""
    named: list[tuple[tuple, str, str | None]] = [(("logo",), "logo", config.logo)]
    if config.brand is not None:
        named += [(("brand", "logo"), "brand.logo", config.brand.logo),
                  (("brand", "favicon"), "brand.favicon", config.brand.favicon)]
    diagnostics = []
    for loc, where, name in named:
        problem = asset_problem(root, name) if name is not None else None
        if problem:
            diagnostics.append(Diagnostic.at(file, source.position_of(loc), ASSET_MISSING, f"{where}: {problem}"))
    if config.brand is not None and config.brand.stylesheet is not None:
        problem = stylesheet_problem(root, config.brand.stylesheet)
        if problem:
            diagnostics.append(Diagnostic.at(file, source.position_of(("brand", "stylesheet")), ASSET_MISSING,
                                             f"brand.stylesheet: {problem}"))
    return diagnostics


def stylesheet_problem(root: Path, name: str) -> str | None:
    """Why ``name`` is not a usable stylesheet inside ``root/assets``, or None (as asset_problem for images)."""
    if PurePosixPath(name).suffix.lower() != ".css":
        return "a stylesheet must be a .css file inside assets/ (e.g. brand.css for assets/brand.css)"
    if name in RESERVED_STYLESHEETS:
        return f"assets/{name} would replace the portal's own stylesheet; give yours another name (e.g. brand.css)"
    if len(name) > 255 or any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        return "a stylesheet path must be a short file name without control characters"
    if "\\" in name or name.startswith("/") or ":" in name or ".." in PurePosixPath(name).parts:
        return "write the stylesheet as a path inside assets/, with forward slashes (e.g. brand.css)"
    folder = (root / ASSETS_FOLDER).resolve()
    try:
        path = (folder / name).resolve()
        if not path.is_relative_to(folder):
            return "the stylesheet is a link to a place outside assets/"
        if not path.is_file():
            hint = f" (the path is inside assets/: write {name[7:]})" if name.startswith("assets/") else ""
            return f"there is no file {ASSETS_FOLDER}/{name} in the project{hint}"
    except (OSError, ValueError) as exc:
        return f"the stylesheet cannot be read ({exc})"
    return None


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def discover_files(root: Path) -> tuple[list[tuple[Path, ContentType]], list[Diagnostic]]:
    """Content files by type folder, sorted; YAML files elsewhere under content/ are flagged."""
    content = root / CONTENT_FOLDER
    found: list[tuple[Path, ContentType]] = []
    stray: list[Diagnostic] = []
    if not content.is_dir():
        return found, stray
    for dirpath, dirnames, filenames in os.walk(content):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        parts = here.relative_to(content).parts
        content_type = TYPES_BY_FOLDER.get(parts[0]) if parts else None
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(YAML_SUFFIXES):
                continue
            path = here / name
            if content_type is None:
                stray.append(Diagnostic.at(
                    relative(path, root), None, FILE_OUTSIDE_TYPE_FOLDER,
                    "this file is not in a content type folder and is ignored; move it to one of "
                    + ", ".join(f"content/{folder}/" for folder in TYPES_BY_FOLDER),
                ))
            else:
                found.append((path, content_type))
    return found, stray


@dataclass
class LoadCache:
    """Files already read, by path and (mtime, size): ``serve`` re-reads only what changed."""

    config: SiteConfig | None = None
    entries: dict[str, tuple[tuple[int, int], tuple]] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)
    """Files read again (or gone) by the last load."""


def load_project(root: Path, cache: LoadCache | None = None) -> Project:
    """Load the configuration and every content file of the project at ``root``."""
    root = root.resolve()
    config, config_source, config_file = read_config(root)
    context = {"languages": tuple(config.languages)}
    files, diagnostics = discover_files(root)
    if cache is not None:
        if cache.config != config:
            cache.entries.clear()  # languages or departments may change every item's meaning
        cache.config = config
        cache.changed = set(cache.entries)
    items: list[Item] = []
    declared: list[DeclaredId] = []
    with paused_garbage_collector():
        _read_files(files, root, context, cache, items, declared, diagnostics)
    if cache is not None:
        present = {relative(path, root) for path, _ in files}
        for gone in set(cache.entries) - present:
            del cache.entries[gone]  # still listed in cache.changed
    kb = KnowledgeBase.from_items(root, config, items)
    diagnostics.extend(_load_measurements(kb, config_source, config_file, declared))
    return Project(root, config, kb, diagnostics, declared, [relative(path, root) for path, _ in files],
                   config_file, config_source)


def _load_measurements(kb: KnowledgeBase, source: YamlDocument, config_file: str,
                       declared: list[DeclaredId]) -> list[Diagnostic]:
    """Read the measurements file of ``compliance.data`` into ``kb.compliance``; its problems.

    Checked with the content, so ``check`` reports a bad row at its file, line and column, and
    every build shows the same data it checked.
    """
    settings = kb.config.compliance
    standards = {item.id: item.model for item in kb.of_type("standard")}
    failed = {d.id for d in declared if d.type == "standard"} - set(standards)
    diagnostics = [
        Diagnostic.at(config_file, source.position_of(("compliance", "goals", standard_id), key=True),
                      DATA_UNKNOWN_STANDARD, f"compliance.goals: there is no standard with the id '{standard_id}'"
                      f"{_did_you_mean(standard_id, standards)}")
        for standard_id in settings.goals if standard_id not in standards and standard_id not in failed
    ]
    if settings.data is None:
        return diagnostics
    problem = data_path_problem(kb.root, settings.data)
    if problem:
        return [*diagnostics, Diagnostic.at(config_file, source.position_of(("compliance", "data")), DATA_UNREADABLE,
                                            f"compliance.data: {problem}")]
    file = PurePosixPath(settings.data).as_posix()
    try:
        kb.compliance = read_measurements(kb.root / settings.data, file, standards, dt.date.today(), failed)
    except Exception as exc:  # reported by the CLI as an internal error naming the file
        raise InternalError(file, exc) from exc
    return [*diagnostics, *kb.compliance.diagnostics]


def _read_files(
    files: list[tuple[Path, ContentType]],
    root: Path,
    context: dict,
    cache: LoadCache | None,
    items: list[Item],
    declared: list[DeclaredId],
    diagnostics: list[Diagnostic],
) -> None:
    for path, content_type in files:
        file = relative(path, root)
        try:
            if cache is not None:
                stat = path.stat()
                stamp = (stat.st_mtime_ns, stat.st_size)
                entry = cache.entries.get(file)
                if entry is not None and entry[0] == stamp:
                    cache.changed.discard(file)
                    item, problems, declared_id = entry[1]
                else:
                    item, problems, declared_id = _load_item(path, file, root, content_type, context)
                    cache.entries[file] = (stamp, (item, problems, declared_id))
                    cache.changed.add(file)
            else:
                item, problems, declared_id = _load_item(path, file, root, content_type, context)
        except Exception as exc:  # reported by the CLI as an internal error naming the file
            raise InternalError(file, exc) from exc
        diagnostics.extend(problems)
        if declared_id is not None:
            declared.append(declared_id)
        if item is not None:
            items.append(item)


def _load_item(
    path: Path, file: str, root: Path, content_type: ContentType, context: dict
) -> tuple[Item | None, list[Diagnostic], DeclaredId | None]:
    if not path.resolve().is_relative_to(root):
        return None, [Diagnostic.at(file, None, FILE_UNREADABLE,
                                    "this file is a link to a place outside the project and is not read")], None
    try:
        source = read_yaml_file(path)
    except YamlError as exc:
        guessed = DeclaredId(path.stem, content_type.name, file, 1, 1, None, from_file_name=True)
        return None, [Diagnostic.at(file, (exc.line, exc.column), exc.rule, exc.message)], guessed
    data = source.data
    if not isinstance(data, dict):
        return None, [Diagnostic.at(file, source.position_of(()), SCHEMA_NOT_MAPPING,
                                    f"a {content_type.label} file must be a mapping of fields (key: value lines)")], None
    raw_id = data.get("id")
    item_id = raw_id if isinstance(raw_id, str) else None
    declared_id = None
    if item_id is not None:
        audience = data.get("audience", content_type.default_audience)
        declared_id = DeclaredId(item_id, content_type.name, file, *source.position_of(("id",)),
                                 audience if isinstance(audience, str) else None)
    try:
        model = content_type.model.model_validate(data, context=context)
    except ValidationError as exc:
        return None, schema_diagnostics(exc, content_type.model, source, file, item_id), declared_id
    return Item(content_type, model, file, source), [], declared_id
