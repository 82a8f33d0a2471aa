"""The generated mkdocs.yml stays within what Zensical reads: paths relative to its own folder and
``site_dir`` inside it. Zensical itself builds a public and a staff portal only where it is
installed (never installed by CI; the test skips without it)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.load.project import load_project
from generator.publish.site import portal_site_dir, write_sources


def _sources(project: Path, work: Path, audience: str) -> Path:
    kb = load_project(project).kb
    src = work / "src" / audience / "en"
    config_file, _, _ = write_sources(kb, audience, "en", src, portal_site_dir(work, audience, "en"), with_pdf=False)
    return config_file


def test_mkdocs_yml_paths_are_relative_with_the_site_inside(new_project: Path, tmp_path: Path) -> None:
    config_file = _sources(new_project, tmp_path, "staff")
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    for path in (config["docs_dir"], config["site_dir"], config["theme"]["custom_dir"]):
        assert not Path(path).is_absolute() and ".." not in Path(path).parts, path
        assert (config_file.parent / path).resolve().is_relative_to(config_file.parent.resolve())
    assert str(tmp_path) not in config_file.read_text(encoding="utf-8")  # nothing of this machine


@pytest.mark.slow
@pytest.mark.parametrize("audience", ["public", "staff"])
def test_zensical_builds_a_portal_where_it_is_installed(new_project: Path, tmp_path: Path, audience: str) -> None:
    zensical = shutil.which("zensical")
    if zensical is None:
        pytest.skip("Zensical is not installed (optional: pip install zensical)")
    config_file = _sources(new_project, tmp_path, audience)
    proc = subprocess.run([zensical, "build", "--config-file", str(config_file)], cwd=config_file.parent,
                          capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = portal_site_dir(tmp_path, audience, "en")
    pages = sorted(site.rglob("*.html"))
    assert (site / "index.html").is_file() and len(pages) > 5
    missing = []
    for page in pages:  # relative links between pages resolve to files that were built
        if page.name == "404.html":  # served at any depth, so its links start at the site's root
            continue
        for link in set(re.findall(r'href="([^"#?:]+\.html)"', page.read_text(encoding="utf-8"))):
            target = (page.parent / link).resolve()
            if target.is_relative_to(site.resolve()) and not target.is_file():  # other languages: other portals
                missing.append(f"{page.relative_to(site)} → {link}")
    assert not missing, missing[:10]
