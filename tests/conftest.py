"""Shared fixtures: small knowledge bases on disk, and a way to run the real command line."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main
from generator.render.page_list import (
    navigation,
    portal_pages,
    render_pages,
    render_path,
    scripts,
)
from generator.render.portal import Portal

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
YAML_TEST_SUITE = SHARED / "yaml-test-suite"


def edit_file(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` (which must be there: else the test's mutation is out of date) by ``new``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer contains {old!r}: update the test's mutation"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class PortalView:
    """One portal's page list and pages, as the render tests inspect them (the real page list:
    :mod:`generator.render.page_list`)."""

    def __init__(self, kb, audience: str, lang: str, with_pdf: bool = True) -> None:
        self.portal = Portal.open(kb, audience, lang, with_pdf=with_pdf)
        self.specs = portal_pages(self.portal)

    def render_all(self) -> list:
        return render_pages(self.portal, specs=self.specs)

    def render(self, path: str):
        return render_path(self.portal, path)

    def navigation(self) -> list:
        return navigation(self.specs)

    def page_paths(self) -> set[str]:
        return {spec.path for spec in self.specs}

    def scripts(self) -> list[str]:
        return scripts(self.specs)


def nav_paths(nav: list) -> list[str]:
    """Every page path of an MkDocs ``nav``, in menu order (sections and groups flattened)."""
    paths = []
    for entry in nav:
        if isinstance(entry, str):
            paths.append(entry)
        else:
            for value in entry.values():
                paths.extend(nav_paths(value) if isinstance(value, list) else [value])
    return paths


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """Replace the first ``old`` in the project file ``root / rel`` (the usual mutation of a test)."""
    edit_file(root / rel, old, new)


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str | os.PathLike, cwd: Path | None = None) -> Run:
    """Run ``python -m generator ARGS`` in a subprocess, as a user would."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        capture_output=True, text=True, cwd=cwd or REPO, timeout=120,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli():
    return run_cli


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser).

    Skipped when Chromium or Playwright is missing, except under CI=true, where that is a failure.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not CHROMIUM.exists():
        message = "browser tests need playwright and /usr/bin/chromium (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """A page in a new browser context of the given viewport (``{"width": …, "height": …}``); the
    page's script errors are collected in ``page.errors``. Contexts close after the test."""
    contexts = []

    def opener(viewport):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors
        return page

    yield opener
    for context in contexts:
        context.close()


def _serve(folder: Path):
    """A quiet HTTP server for ``folder`` on 127.0.0.1 (a free port), in a daemon thread."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    class Server(http.server.ThreadingHTTPServer):
        # The default backlog of 5 refuses connections when Chromium opens its six at once on a
        # busy machine; a real web server queues far more.
        request_queue_size = 128

    server = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def serve_dir():
    """Serve a folder on 127.0.0.1 (a free port) for the duration of a test; returns its URL."""
    servers = []

    def start(folder: Path) -> str:
        servers.append(_serve(folder))
        return f"http://127.0.0.1:{servers[-1].server_port}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def screenshots(request, tmp_path_factory) -> Path:
    """Folder for screenshots a reviewer should look at; its path is printed after the run."""
    folder = Path(os.environ.get("AFTERSALES_SCREENSHOTS") or tmp_path_factory.getbasetemp() / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    request.config.stash[SCREENSHOTS_KEY] = folder
    return folder


SCREENSHOTS_KEY = pytest.StashKey[Path]()


def pytest_terminal_summary(terminalreporter, config) -> None:
    folder = config.stash.get(SCREENSHOTS_KEY, None)
    if folder is not None and any(folder.iterdir()):
        terminalreporter.write_line(f"screenshots of the key pages: {folder}")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The shipped example built once per test run, PDFs included (as README's first command)."""
    out = tmp_path_factory.mktemp("example") / "site"
    assert main(["build", "--project", str(REPO), "--out", str(out)]) == 0
    return out


def serious_violations(page, where: str) -> list[str]:
    """axe-core's serious and critical findings on the page as shown now, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    return [f"{where}: {violation['id']} ({violation['impact']}) at {violation['nodes'][0]['target']}"
            for violation in Axe().run(page).response["violations"]
            if violation["impact"] in ("serious", "critical")]


@pytest.fixture(scope="session")
def site_url(example_site: Path):
    """One local server for the whole built example (both audiences, every language)."""
    server = _serve(example_site)
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def new_project(tmp_path: Path) -> Path:
    """A fresh knowledge base made by ``aftersales init`` (one valid item of each type)."""
    root = tmp_path / "kb"
    assert main(["init", str(root)]) == 0
    return root
