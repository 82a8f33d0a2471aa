"""The ``aftersales`` command line: one sub-command per verb, each in ``generator/commands``.

Exit codes: 0 clean, 1 content problems, 2 usage or configuration error (a broken template or
asset included), 3 internal error.
No traceback ever reaches the user: an unexpected failure is one line naming the file.
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from generator import __version__
from generator.i18n.catalogs import CatalogError
from generator.load.project import ConfigError, InternalError
from generator.render.templates import TemplateProblem

COMMANDS = {
    "check": "validate the knowledge base and audit procedure coverage",
    "build": "check, then build the static portals (public and staff, per language)",
    "serve": "preview a portal on 127.0.0.1 with live reload",
    "new": "write a commented skeleton for a new item",
    "init": "create a new knowledge base that passes check",
    "schema": "write a JSON Schema per content type, for editors",
    "explain": "explain a check code: what it checks, why, and how to fix it",
    "export": "check, then write the whole knowledge base as one JSON document or an XLSX workbook",
    "import": "catalogue rows (.xlsx or .csv: products, roles, standards) into the items' YAML files",
    "review": "change review: what needs a look since what it cites changed; record reviews",
    "changes": "items added, removed and modified since a git tag or commit (release notes)",
    "merge": "merge portals built separately (one job per audience and language) into one site",
    "report": "measured compliance with the standards: p-charts, out of control, below goal",
}
"""Sub-command → its help; the code is ``generator.commands.<name>`` (``import_`` for import)."""


def command_module(name: str) -> ModuleType:
    """A sub-command's module, imported when it is used: ``check`` need not load the
    spreadsheet, server and scaffold code of the others (0.15 s of its start)."""
    return importlib.import_module(f"generator.commands.{'import_' if name == 'import' else name}")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; given ``argv``, only the sub-command it names gets its options
    (the others keep their name and help, for ``aftersales --help``)."""
    parser = argparse.ArgumentParser(
        prog="aftersales",
        description="Validate and publish an after-sales service knowledge base.",
    )
    parser.add_argument("--version", action="version", version=f"aftersales {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    named = next((word for word in argv if not word.startswith("-")), None) if argv is not None else None
    for name, help_text in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        if argv is None or name == named:
            module = command_module(name)
            module.add_arguments(sub)
            sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ConfigError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format_text(), file=sys.stderr)
        return 2
    except TemplateProblem as exc:
        print(f"aftersales: {exc.file}: {exc.message}", file=sys.stderr)
        return 2
    except CatalogError as exc:  # check reports it first (i18n.catalog-invalid); never an internal error
        print(f"aftersales: {exc.file}:{exc.line}: {exc.message}", file=sys.stderr)
        return 2
    except InternalError as exc:
        print(f"aftersales: internal error while processing {exc.file}: "
              f"{type(exc.original).__name__}: {exc.original}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("aftersales: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        print(f"aftersales: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 3


FAST_EXIT_COMMANDS = frozenset({"check", "explain", "schema", "new", "init", "export", "review"})
"""Short commands that start no thread or process: once their output is flushed, the process
may end without freeing its heap object by object (0.35 s of a 2.5 s ``check`` at 1,000 items)."""


def console() -> None:
    """The ``aftersales`` executable: ``main`` plus a quick exit for short commands."""
    code = main()
    argv = sys.argv[1:]
    if argv and argv[0] in FAST_EXIT_COMMANDS:
        atexit._run_exitfuncs()  # what a normal exit would still do (logging, weakref finalizers)
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    console()
