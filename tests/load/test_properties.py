"""Property-based tests: whatever the bytes, the reader and the checks answer cleanly and fast."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.load.project import load_project
from generator.load.yaml_reader import YamlDocument, YamlError, parse_yaml_bytes
from generator.validate import run_checks

YAMLISH = st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{},&*!|>'\"#%@`?~0123456789.\\xé\u00a0\x00")), max_size=300)


def _answers_cleanly(raw: bytes) -> None:
    try:
        document = parse_yaml_bytes(raw)
    except YamlError as exc:
        assert exc.code.startswith(("yaml.", "file.")) and exc.message
        assert exc.line >= 1 and exc.column >= 1
    else:
        assert isinstance(document, YamlDocument)


@settings(max_examples=400, deadline=2000)
@given(YAMLISH)
def test_yaml_like_text_gives_a_document_or_a_diagnostic(text: str) -> None:
    _answers_cleanly(text.encode("utf-8", errors="surrogatepass"))


@settings(max_examples=300, deadline=2000)
@given(st.binary(max_size=400))
def test_random_bytes_give_a_document_or_a_diagnostic(raw: bytes) -> None:
    _answers_cleanly(raw)


@settings(max_examples=100, deadline=2000)
@given(st.integers(min_value=1, max_value=5000), st.sampled_from("[{"))
def test_deep_nesting_is_refused_quickly(depth: int, bracket: str) -> None:
    _answers_cleanly(b"a: " + bracket.encode() * depth)


@pytest.fixture(scope="module")
def template_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("prop") / "kb"
    assert main(["init", str(root)]) == 0
    return root


@st.composite
def mutated_lines(draw, lines: list[str]) -> list[str]:
    lines = list(lines)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "garble", "swap"]))
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = "  " + lines[index]
        elif action == "dedent":
            lines[index] = lines[index].lstrip()
        elif action == "garble":
            line = lines[index]
            at = draw(st.integers(min_value=0, max_value=len(line)))
            lines[index] = line[:at] + draw(st.text(max_size=3)) + line[at:]
        elif action == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
    return lines


@settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_items_never_break_the_checks(template_project: Path, tmp_path_factory, data) -> None:
    root = tmp_path_factory.mktemp("mutant") / "kb"
    shutil.copytree(template_project, root)
    target = root / data.draw(st.sampled_from([
        "content/procedures/warranty-repair.yml", "content/guides/washing-machine-does-not-drain.yml",
        "content/forms/repair-call-log.yml", "content/roles/head-of-after-sales.yml",
    ]))
    lines = target.read_text(encoding="utf-8").splitlines()
    target.write_text("\n".join(data.draw(mutated_lines(lines))) + "\n", encoding="utf-8", errors="surrogatepass")
    project = load_project(root)
    for diagnostic in run_checks(project):
        assert diagnostic.file and diagnostic.line >= 1 and diagnostic.column >= 1 and diagnostic.message
