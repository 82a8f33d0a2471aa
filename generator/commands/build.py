"""``aftersales build``: check, then build the static portals (one per audience and language)."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from generator.analyse import analyse
from generator.commands._common import add_project_argument, usage_error
from generator.load.project import load_project
from generator.model.fields import AUDIENCES
from generator.text.safe_text import web_address
from generator.validate import run_checks


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)
    parser.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: site/ in the project)")
    parser.add_argument("--audience", choices=[*AUDIENCES, "all"], default="all",
                        help="which portal to build (default: all)")
    parser.add_argument("--lang", default="all", metavar="L|all",
                        help="language to build (default: all the languages of site_config.yml)")
    parser.add_argument("--strict", action="store_true", help="refuse to build when check reports warnings")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDFs (print views are still built)")
    parser.add_argument("--full", action="store_true",
                        help="build every page, without the build cache (.aftersales/build/)")
    parser.add_argument("--jobs", type=int, metavar="N", help="portals built at once (default: one per core)")
    parser.add_argument("--site-url", metavar="URL",
                        help="the address the site is published at (overrides 'url' of site_config.yml): canonical"
                             " links, sitemaps and the address printed on checklists")


def _terminate(signum, frame) -> None:
    raise KeyboardInterrupt


def build_portals(kb, out: Path, audiences: list[str], languages: list[str], progress, jobs: int | None = None,
                  with_pdf: bool = True, analysis=None, cache: bool = False) -> tuple[list, int]:
    """``build_site`` as the command line runs it: (results, 0), or ([], exit code) once reported.

    A polite kill (SIGTERM) unwinds like Ctrl+C, so the temporary folder is removed; a locked
    output folder is a usage error (2); a failed portal is reported and leaves the old site (1).
    """
    # Imported here: rendering and MkDocs are not needed by the other commands (check starts faster).
    from generator.publish.site import BuildError, BuildLocked, build_site
    from generator.render.templates import check_templates

    check_templates(kb.root)  # a broken template or asset: one line naming it, before any portal starts
    signal.signal(signal.SIGTERM, _terminate)
    try:
        return build_site(kb, out, audiences, languages, progress=progress, jobs=jobs, with_pdf=with_pdf,
                          analysis=analysis, cache=cache), 0
    except BuildLocked as exc:
        return [], usage_error(str(exc))
    except BuildError as exc:
        for problem in exc.problems:
            print(f"{exc.portal}: {problem}", file=sys.stderr)
        print("build failed; the previous site, if any, is untouched.", file=sys.stderr)
        return [], 1


def run(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    languages = list(project.config.languages)
    if args.lang != "all":
        if args.lang not in languages:
            return usage_error(f"--lang {args.lang}: this knowledge base has the languages {', '.join(languages)}")
        languages = [args.lang]
    audiences = list(AUDIENCES) if args.audience == "all" else [args.audience]

    analysis = analyse(project.kb)
    diagnostics = run_checks(project, analysis=analysis)
    blocking = [d for d in diagnostics if d.severity == "error" or (args.strict and d.severity == "warning")]
    if blocking:
        for diagnostic in blocking:
            print(diagnostic.format_text(), file=sys.stderr)
        print(f"build refused: {len(blocking)} problem(s) found by check; fix them and build again."
              " The previous site, if any, is untouched.", file=sys.stderr)
        return 1

    out = args.out or project.root / "site"
    if args.jobs is not None and args.jobs < 1:
        return usage_error("--jobs must be 1 or more")
    if args.site_url is not None:
        if not web_address(args.site_url):
            return usage_error(f"--site-url {args.site_url}: give the full http(s) address the site is published at,"
                               " e.g. https://example.org/service/")
        project.kb.config = project.kb.config.model_copy(update={"url": args.site_url})
    results, code = build_portals(project.kb, out, audiences, languages, lambda m: print(m, flush=True),
                                  jobs=args.jobs, with_pdf=not args.no_pdf, analysis=analysis,
                                  cache=not args.full)
    if code:
        return code
    print("done. Open:")
    for result in results:
        print(f"  {result.name:12} {result.path / 'index.html'}")
    return 0
