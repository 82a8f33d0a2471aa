"""The real MkDocs build of one portal, in-process, with what makes it quicker to run again.

Every MkDocs warning (a broken link, a missing page) is an error of the build. MkDocs reads its
configuration with PyYAML's pure-Python loader and compiles the theme's templates afresh for each
portal; here the configuration we wrote is read by libyaml, and the compiled templates of the
theme are kept (``.aftersales/compiled-templates/``, checked by Jinja against each template's
source) for the next portals and builds.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

import jinja2
import yaml
from jinja2.bccache import Bucket

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

COMPILED_TEMPLATES = Path(".aftersales") / "compiled-templates"
"""Where the theme's compiled templates are kept, relative to the project."""

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader, for the ``mkdocs.yml`` we write (plain values only)."""


class BuildError(Exception):
    """MkDocs refused a portal; ``problems`` are its warnings and errors, one per line."""

    def __init__(self, portal: str, problems: list[str]) -> None:
        super().__init__(f"{portal}: " + "; ".join(problems))
        self.portal = portal
        self.problems = problems

    def __reduce__(self):
        # Raised in a worker process and re-raised here: pickle the real arguments.
        return (BuildError, (self.portal, self.problems))


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().strip()
        if "Aborted with" not in message:
            self.messages.append(message)


class ThemeBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's own cache of compiled templates (keyed by name and path, checked against the
    source), for the installed theme's templates only: the build's generated overrides live in a
    work folder whose path changes with every build, and are compiled as before."""

    def __init__(self, directory: Path, generated: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        super().__init__(str(directory))
        self.generated = str(generated)

    def get_bucket(self, environment, name, filename, source):
        if filename is None or os.path.abspath(filename).startswith(self.generated):
            bucket = Bucket(environment, self.get_cache_key(name, filename), self.get_source_checksum(source))
            bucket.generated = True
            return bucket
        return super().get_bucket(environment, name, filename, source)

    def set_bucket(self, bucket) -> None:
        with contextlib.suppress(OSError):  # a read-only or full disk: compiled again next time
            super().set_bucket(bucket)

    def dump_bytecode(self, bucket) -> None:
        if bucket.code is not None and not getattr(bucket, "generated", False):
            super().dump_bytecode(bucket)


def run_mkdocs(config_file: Path, portal: str, dirty: bool = False, compiled: Path | None = None) -> None:
    """The real MkDocs build, in-process; every warning (broken link, missing page) is an error.

    ``dirty``: only the pages MkDocs counts as modified (see :func:`build_cache.dirty_mkdocs`);
    ``compiled``: where compiled theme templates are kept between builds."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    previous_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        with _fast_config_reader():
            config = load_config(config_file=str(config_file))
        with _compiled_templates(compiled, config_file.parent):
            build(config, dirty=dirty)
    except (Abort, MkDocsException) as exc:
        problems = collector.messages or [str(exc)]
        raise BuildError(portal, problems) from None
    finally:
        logger.removeHandler(collector)
        logger.setLevel(previous_level)
    if collector.messages:
        raise BuildError(portal, collector.messages)


@contextlib.contextmanager
def _fast_config_reader():
    """MkDocs reads its configuration with PyYAML's pure-Python loader: 0.5 s for the navigation of
    1,000 items, per portal. Ours holds plain values only (written by a safe dumper), which
    libyaml's safe loader reads alike, ten times faster."""
    from mkdocs.config import defaults

    original = defaults.get_yaml_loader
    defaults.get_yaml_loader = lambda loader=None, config=None: original(loader=YAML_LOADER, config=config)
    try:
        yield
    finally:
        defaults.get_yaml_loader = original


@contextlib.contextmanager
def _compiled_templates(directory: Path | None, generated: Path):
    """The theme's Jinja environment with :class:`ThemeBytecodeCache` (nothing without ``directory``)."""
    if directory is None:
        yield
        return
    from mkdocs.theme import Theme

    original = Theme.get_env
    try:
        cache = ThemeBytecodeCache(directory, generated)
    except OSError:  # cannot be created: compiled as before
        yield
        return

    def get_env(self) -> jinja2.Environment:
        env = original(self)
        env.bytecode_cache = cache
        return env

    Theme.get_env = get_env
    try:
        yield
    finally:
        Theme.get_env = original
