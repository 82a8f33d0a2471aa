"""A corpus of hostile and broken inputs, run end to end through the real command line.

Every case is one mutation of a fresh ``aftersales init`` project (the ``new_project`` fixture):
a file written into ``content/`` (or an existing item edited). Each case expects either

* ``refuse``: ``aftersales check`` exits 1 and prints ``content/FILE:LINE:COL: error CODE: …``
  for the expected file and code; or
* ``accept``: ``check`` exits 0 (warnings allowed) and ``aftersales build --lang en --no-pdf``
  succeeds with an inert site (no foreign script, no ``on*`` attribute, no dangerous URL scheme,
  no byte of a file outside the project).

Always: no traceback, never exit code 3, every subprocess finishes within ``TIMEOUT`` seconds.
Rendering traps that ``check`` refuses are also built with their checks switched off, to prove
the second lock (escaping in ``generator/text/safe_text.py`` and the assets copy).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60
SECRET = "SECRET-MARKER-4b1d-outside-the-project"

GUIDE = "content/guides/washing-machine-does-not-drain.yml"
WARRANTY = "content/warranty/legal-guarantee.yml"
PRODUCT = "content/products/washing-machines.yml"
ROLE = "content/roles/head-of-after-sales.yml"
TRAINING = "content/training/after-sales-basics.yml"
PROCEDURE = "content/procedures/warranty-repair.yml"
FORM = "content/forms/repair-call-log.yml"
BROKEN = "content/forms/broken.yml"

SYMPTOM_EN = 'en: "Water stays in the drum at the end of the programme."'
ACTION_EN = 'en: "Open the small door at the bottom front."'

DIAGNOSTIC = re.compile(r"^(content/\S+?):(\d+):(\d+): (error|warning|info) ([\w.-]+): (.+)$", re.M)


# --------------------------------------------------------------------------------------------
# Running the command line


@dataclass
class Run:
    code: int
    out: str
    err: str


def run(*args: object) -> Run:
    """``python -m generator ARGS`` in a subprocess, with a hard timeout."""
    try:
        proc = subprocess.run([sys.executable, "-m", "generator", *map(str, args)],
                              capture_output=True, cwd=REPO, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:  # pragma: no cover - a hang is a bug
        pytest.fail(f"aftersales {' '.join(map(str, args))} did not finish within {TIMEOUT} s")
    result = Run(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))
    assert "Traceback" not in result.out + result.err, result.out + result.err
    assert result.code != 3, result.out + result.err
    return result


# --------------------------------------------------------------------------------------------
# Mutations of a project


Mutation = Callable[[Path], None]


def new(rel: str, data: bytes | str) -> Mutation:
    def apply(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return apply


def edit(rel: str, old: str | re.Pattern, new_text: str) -> Mutation:
    """Replace the first ``old`` (a string, or a pattern for text such as today's date) in ``rel``."""
    def apply(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        if isinstance(old, re.Pattern):
            assert old.search(text), f"{old.pattern!r} not in {rel}"
            path.write_text(old.sub(new_text, text, count=1), encoding="utf-8")
            return
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new_text, 1), encoding="utf-8")
    return apply


def transform(rel: str, fn: Callable[[bytes], bytes]) -> Mutation:
    def apply(root: Path) -> None:
        path = root / rel
        path.write_bytes(fn(path.read_bytes()))
    return apply


def both(*mutations: Mutation) -> Mutation:
    def apply(root: Path) -> None:
        for mutation in mutations:
            mutation(root)
    return apply


def symptom(text: str) -> Mutation:
    """Replace the English symptom of the public guide with ``text`` (a YAML double-quoted body)."""
    return edit(GUIDE, SYMPTOM_EN, f'en: "{text}"')


def action(text: str) -> Mutation:
    """Replace the English action of the public guide's first step."""
    return edit(GUIDE, ACTION_EN, f'en: "{text}"')


def image(value: str) -> Mutation:
    """Give the public guide's first step an ``image:`` (a YAML single-quoted body) and its alt text."""
    return edit(GUIDE, "    caution:", f"    image: '{value}'\n    image_alt: {{ca: Filtre, es: Filtro, en: Filter}}\n"
                "    caution:")


def outside_file(root: Path, rel: str) -> Path:
    """A file holding SECRET outside the project (``root`` is tmp_path/kb)."""
    path = root.parent / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def symlinked_asset(root: Path) -> None:
    target = outside_file(root, "outside/secret.png")
    (root / "assets").mkdir(exist_ok=True)
    (root / "assets" / "leak.png").symlink_to(target)
    image("leak.png")(root)


def symlinked_content(root: Path) -> None:
    target = outside_file(root, "outside/secret.yml")
    (root / "content/forms/secret.yml").symlink_to(target)


def dotdot_asset(root: Path) -> None:
    # kb/assets/../../etc/passwd.png is tmp_path/etc/passwd.png: make it exist and hold the secret.
    outside_file(root, "etc/passwd.png")
    (root / "assets").mkdir(exist_ok=True)
    image("../../etc/passwd.png")(root)


def valid_asset(root: Path) -> None:
    (root / "assets/guides").mkdir(parents=True)
    (root / "assets/guides/filter.png").write_bytes(
        bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"))
    image("guides/filter.png")(root)


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def block_nesting(depth: int) -> str:
    return "".join("  " * i + f"k{i}:\n" for i in range(depth)) + "  " * depth + "leaf\n"


def item_header(type_name: str, item_id: str) -> str:
    return (f"id: {item_id}\naudience: staff\ntitle: T\nsummary: S\n"
            "document: {owner: head-of-after-sales, version: '1.0', approved: 2026-01-01, next_review: 2027-01-01}\n")


# --------------------------------------------------------------------------------------------
# The table


@dataclass
class Case:
    id: str
    cls: str  # yaml, schema, render
    mutate: Mutation
    code: str | None = None  # None: accepted (then built and checked inert)
    file: str | None = None  # file the diagnostic must name (default: the one the mutation touches)
    lock: bool = False  # refused rendering case: also build with its checks off
    marks: list = field(default_factory=list)
    accept_or_refuse: bool = False  # either outcome is fine, as long as it is clean


LATIN1 = "id: caf\xe9\n".encode("latin-1")
CP1252 = "title: \u201cquoted\u201d \u2013 dash\n".encode("cp1252")
BIG = b"# " + b"x" * 100 + b"\n"

CASES: list[Case] = [
    # ---- YAML traps ------------------------------------------------------------------------
    Case("dup-key-top", "yaml", new(BROKEN, "id: a\nid: b\n"), "yaml.duplicate-key"),
    Case("dup-key-nested", "yaml", edit(WARRANTY, "  version: \"1.0\"\n", "  version: \"1.0\"\n  owner: x\n"),
         "yaml.duplicate-key", WARRANTY),
    Case("dup-key-in-list-item", "yaml", edit(PRODUCT, "  - code: WM-7000\n", "  - code: WM-7000\n    code: WM-8000\n"),
         "yaml.duplicate-key", PRODUCT),
    Case("dup-key-flow-mapping", "yaml", edit(PRODUCT, 'title: {ca: "Rentadores",', 'title: {ca: "X", ca: "Rentadores",'),
         "yaml.duplicate-key", PRODUCT),
    Case("anchor-alias", "yaml", edit(PRODUCT, 'title: {ca:', 'title: &t {ca:') , "yaml.anchor", PRODUCT),
    Case("alias-only", "yaml", new(BROKEN, "id: *nothing\n"), "yaml.alias"),
    Case("billion-laughs", "yaml", new(BROKEN, billion_laughs()), "yaml.anchor"),
    Case("python-object-tag", "yaml", new(BROKEN, "id: !!python/object/apply:os.system ['echo PWNED']\n"), "yaml.tag"),
    Case("python-object-new", "yaml", new(BROKEN, "!!python/object/new:os.system [x]\n"), "yaml.tag"),
    Case("local-tag", "yaml", new(BROKEN, "id: !custom value\n"), "yaml.tag"),
    Case("str-tag", "yaml", edit(WARRANTY, "to_month: 36", "to_month: !!int 36"), "yaml.tag", WARRANTY),
    Case("merge-key", "yaml", edit(WARRANTY, "covered: true", "covered: true\n<<: {to_month: 12}"), "yaml.merge-key", WARRANTY),
    Case("complex-key", "yaml", new(BROKEN, "? [a, b]\n: c\n"), "yaml.complex-key"),
    Case("tab-indentation", "yaml", edit(PRODUCT, "  - code: WM-7000", "\t- code: WM-7000"), "yaml.syntax", PRODUCT),
    Case("unclosed-quote", "yaml", new(BROKEN, 'id: "never closed\ntitle: x\n'), "yaml.syntax"),
    Case("bom-accepted", "yaml", transform(PRODUCT, lambda raw: b"\xef\xbb\xbf" + raw)),
    Case("crlf-accepted", "yaml", transform(PRODUCT, lambda raw: raw.replace(b"\n", b"\r\n"))),
    Case("nul-byte", "yaml", new(BROKEN, b"id: a\x00b\n"), "yaml.invalid-character"),
    Case("escape-char", "yaml", new(BROKEN, b"id: a\x1b[31mred\n"), "yaml.invalid-character"),
    Case("bell-in-existing", "yaml", edit(PRODUCT, "Front-loading washing machines.", "Front\x07loading."),
         "yaml.invalid-character", PRODUCT),
    Case("latin1-bytes", "yaml", new(BROKEN, LATIN1), "yaml.encoding"),
    Case("cp1252-bytes", "yaml", new(BROKEN, CP1252), "yaml.encoding"),
    Case("utf16-file", "yaml", new(BROKEN, "id: a\n".encode("utf-16")), "yaml.encoding"),
    Case("lone-surrogate-escape", "yaml", symptom("broken \\ud800 surrogate"), "yaml.syntax", GUIDE),
    Case("flow-nesting-40", "yaml", new(BROKEN, "id: " + "[" * 40 + "]" * 40 + "\n"), "yaml.too-deep"),
    Case("block-nesting-40", "yaml", new(BROKEN, block_nesting(40)), "yaml.too-deep"),
    Case("brackets-30000", "yaml", new(BROKEN, "[" * 30000 + "\n"), "yaml.too-deep"),
    Case("file-2mib", "yaml", new(BROKEN, BIG * (2 * 1024 * 1024 // len(BIG) + 1)), "yaml.too-large"),
    Case("number-5000-digits", "yaml", edit(WARRANTY, "to_month: 36", "to_month: " + "9" * 5000),
         "yaml.number-too-long", WARRANTY),
    Case("string-500kb", "yaml", edit(PRODUCT, 'en: "Front-loading washing machines from 7 to 10 kg."',
                                      'en: "' + "lorem ipsum " * 42_000 + '"'), accept_or_refuse=True, file=PRODUCT),
    Case("several-documents", "yaml", new(BROKEN, "id: a\n---\nid: b\n"), "yaml.multiple-documents"),
    Case("empty-file", "yaml", new(BROKEN, ""), "yaml.empty"),
    Case("comment-only-file", "yaml", new(BROKEN, "# nothing here\n# at all\n"), "yaml.empty"),
    Case("bool-yes", "yaml", edit(WARRANTY, "covered: true", "covered: yes"), "schema.wrong-type", WARRANTY),
    Case("bool-NO", "yaml", edit(WARRANTY, "covered: true", "covered: NO"), "schema.wrong-type", WARRANTY),
    Case("bool-on", "yaml", edit(WARRANTY, "covered: true", "covered: on"), "schema.wrong-type", WARRANTY),
    Case("sexagesimal", "yaml", edit(GUIDE, "time_minutes: 15", "time_minutes: 1:20"), "schema.wrong-type", GUIDE),
    Case("octal-010", "yaml", edit(GUIDE, "time_minutes: 15", "time_minutes: 010"), "schema.wrong-type", GUIDE),
    Case("infinity", "yaml", edit(GUIDE, "time_minutes: 15", "time_minutes: .inf"), "schema.wrong-type", GUIDE),
    Case("nan", "yaml", edit(GUIDE, "time_minutes: 15", "time_minutes: .nan"), "schema.wrong-type", GUIDE),
    Case("date-month-13", "yaml", edit(WARRANTY, re.compile(r"approved: \d{4}-\d\d-\d\d"), "approved: 2024-13-45"), "schema.invalid-date", WARRANTY),
    Case("date-feb-30", "yaml", edit(WARRANTY, re.compile(r"next_review: \d{4}-\d\d-\d\d"), "next_review: 2024-02-30"), "schema.invalid-date", WARRANTY),
    # ---- Schema traps ----------------------------------------------------------------------
    Case("top-level-list", "schema", new(BROKEN, "- id: a\n"), "schema.not-mapping"),
    Case("top-level-scalar", "schema", new(BROKEN, "just text\n"), "schema.not-mapping"),
    Case("wrong-type-list-for-text", "schema", edit(PRODUCT, 'title: {ca: "Rentadores", es: "Lavadoras", en: "Washing machines"}',
                                                    "title: [a, b]"), "schema.wrong-type", PRODUCT),
    Case("wrong-type-quoted-number", "schema", edit(WARRANTY, "to_month: 36", 'to_month: "36"'), "schema.wrong-type", WARRANTY),
    Case("wrong-type-mapping-for-list", "schema", edit(WARRANTY, "products: [washing-machines]", "products: {a: b}"),
         "schema.wrong-type", WARRANTY),
    Case("null-required", "schema", edit(WARRANTY, "covered: true", "covered: null"), None, WARRANTY,
         accept_or_refuse=False),
    Case("tilde-required-id", "schema", edit(PRODUCT, "id: washing-machines", "id: ~"), None, PRODUCT),
    Case("unknown-field", "schema", edit(PRODUCT, "spare_parts_years: 10", "spare_parts_years: 10\ncolour: red"),
         "schema.unknown-field", PRODUCT),
    Case("misspelt-field", "schema", edit(PRODUCT, "spare_parts_years: 10", "spare_part_years: 10"), "schema.unknown-field", PRODUCT),
    Case("unknown-language", "schema", edit(PRODUCT, 'title: {ca: "Rentadores",', 'title: {cat: "Rentadores",'),
         "schema.unknown-language", PRODUCT),
    Case("invalid-enum", "schema", edit(GUIDE, "difficulty: easy", "difficulty: trivial"), "schema.invalid-value", GUIDE),
    Case("negative-number", "schema", edit(GUIDE, "time_minutes: 15", "time_minutes: -5"), "schema.invalid-value", GUIDE),
    Case("id-slash", "schema", edit(FORM, "id: repair-call-log", "id: repair/call-log"), "schema.invalid-id", FORM),
    Case("id-dotdot", "schema", edit(FORM, "id: repair-call-log", "id: ../../etc"), "schema.invalid-id", FORM),
    Case("id-space", "schema", edit(FORM, "id: repair-call-log", "id: repair call-log"), "schema.invalid-id", FORM),
    Case("id-capitals", "schema", edit(FORM, "id: repair-call-log", "id: Repair-Call-Log"), "schema.invalid-id", FORM),
    Case("id-zero-width-space", "schema", edit(FORM, "id: repair-call-log", "id: repair\u200b-call-log"),
         "schema.invalid-id", FORM),
    Case("id-cyrillic-lookalike", "schema", edit(FORM, "id: repair-call-log", "id: rep\u0430ir-call-log"),
         "schema.invalid-id", FORM),
    Case("id-duplicate-two-files", "schema",
         lambda root: (root / "content/forms/copy.yml").write_bytes((root / FORM).read_bytes()),
         "id.duplicate", FORM),
    Case("id-differs-only-in-case", "schema",
         lambda root: (root / "content/products/copy.yml").write_text(
             (root / PRODUCT).read_text(encoding="utf-8").replace("id: washing-machines", "id: Washing-Machines"),
             encoding="utf-8"),
         "id.duplicate", PRODUCT),
    Case("prerequisite-self", "schema", edit(TRAINING, "duration_minutes: 60", "duration_minutes: 60\nprerequisites: [after-sales-basics]"),
         "ref.cycle", TRAINING),
    Case("prerequisite-two-cycle", "schema", both(
        edit(TRAINING, "duration_minutes: 60", "duration_minutes: 60\nprerequisites: [second-module]"),
        lambda root: (root / "content/training/second-module.yml").write_text(
            (root / TRAINING).read_text(encoding="utf-8").replace("id: after-sales-basics", "id: second-module")
            .replace("prerequisites: [second-module]", "prerequisites: [after-sales-basics]"), encoding="utf-8")),
         "ref.cycle", None),
    Case("reports-to-self", "schema", edit(ROLE, "# reports_to: general-manager", "reports_to: head-of-after-sales"),
         "ref.cycle", ROLE),
    Case("dangling-product", "schema", edit(WARRANTY, "products: [washing-machines]", "products: [no-such-product]"),
         "ref.unknown-product", WARRANTY),
    Case("dangling-role", "schema", edit(PROCEDURE, "      role: head-of-after-sales  # id of the role",
                                         "      role: nobody  # id of the role"), "ref.unknown-role", PROCEDURE),
    Case("dangling-next-step", "schema", edit(PROCEDURE, "next_step: order-part", "next_step: no-such-step"),
         "ref.unknown-step", PROCEDURE),
    Case("dangling-path-ref", "schema", edit(WARRANTY, "products: [washing-machines]", "products: [../../etc/passwd]"),
         None, WARRANTY),
    Case("public-to-staff", "schema", edit(PRODUCT, "audience: public", "audience: staff"), "ref.public-to-staff", None),
    Case("dates-order", "schema", edit(WARRANTY, re.compile(r"next_review: \d{4}-\d\d-\d\d"), "next_review: 2020-01-01"),
         "review.dates-order", WARRANTY),
    Case("symlinked-content-outside", "schema", symlinked_content, None, "content/forms/secret.yml"),
    Case("directory-named-yml", "schema", lambda root: (root / "content/forms/dir.yml").mkdir(), None, "content/forms/dir.yml",
         accept_or_refuse=True),
    Case("yaml-outside-type-folder", "schema", new("content/misc/stray.yml", "id: stray\n")),
    # ---- Rendering traps (public guide) ------------------------------------------------------
    Case("raw-script", "render", symptom("<script>alert(1)</script>")),
    Case("raw-iframe", "render", action("<iframe src='https://evil.example/'></iframe>")),
    Case("img-onerror", "render", symptom("<img src=x onerror=alert(1)>")),
    Case("svg-onload", "render", action("<svg onload=alert(1)>")),
    Case("attr-list-onclick", "render", symptom('Drain it\\n{: onclick=\\"alert(1)\\" }')),
    Case("attr-list-inline", "render", action("[click](https://example.com){: onclick=alert(1)}")),
    Case("inline-image-remote", "render", symptom("![x](https://evil.example/track.png)")),
    Case("link-javascript", "render", symptom("[x](javascript:alert(1))"), "text.unsafe-link", GUIDE, lock=True),
    Case("link-entity-javascript", "render", symptom("[x](jav&#x61;script:alert(1))"), "text.unsafe-link", GUIDE, lock=True),
    Case("link-mixed-case-tab", "render", action("[x](<JaVa\\tScRi pT:alert(1)>)"), "text.unsafe-link", GUIDE, lock=True),
    Case("link-data-html", "render", symptom("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
         "text.unsafe-link", GUIDE, lock=True),
    Case("link-vbscript", "render", action("[x](vbscript:msgbox(1))"), "text.unsafe-link", GUIDE, lock=True),
    Case("link-dotdot", "render", symptom("[x](../../../../etc/passwd)"), "text.unsafe-link", GUIDE, lock=True),
    Case("link-absolute", "render", action("[x](/etc/passwd)"), "text.unsafe-link", GUIDE, lock=True),
    Case("link-backslash", "render", symptom("[x](..\\\\..\\\\secret)"), "text.unsafe-link", GUIDE, lock=True),
    Case("link-file", "render", action("[x](file:///etc/passwd)"), "text.unsafe-link", GUIDE, lock=True),
    Case("image-dotdot", "render", dotdot_asset, "asset.missing", GUIDE, lock=True),
    Case("image-absolute", "render", image("/etc/passwd.png"), "asset.missing", GUIDE, lock=True),
    Case("image-backslash", "render", image("..\\x.png"), "asset.missing", GUIDE, lock=True),
    Case("image-file-url", "render", image("file:///x.png"), "asset.missing", GUIDE, lock=True),
    Case("image-symlink-outside", "render", symlinked_asset, "asset.missing", GUIDE, lock=True),
    Case("image-valid", "render", valid_asset),
]


# --------------------------------------------------------------------------------------------
# The inert-site check


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[str, str]] = []
        self.data_blocks: list[str] = []
        """``<script type="application/json">`` contents: data for the portal's own scripts, never run."""
        self.problems: list[str] = []
        self._in_script: list[str] | None = None
        self._script_src = ""
        self._script_type = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href", "srcset") and value:
                url = "".join(html.unescape(value).split()).lower()
                url = "".join(ch for ch in url if ord(ch) >= 32)
                # A printable's own pictures (a guide step's, the logo) are inline images; an <img> never runs script.
                inline_picture = tag == "img" and name.lower() == "src" and re.match(
                    r"data:image/(png|jpeg|gif|webp|svg\+xml);base64,", url)
                if url.startswith(("javascript:", "vbscript:", "data:", "file:")) and not inline_picture:
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "frame", "base"):
            self.problems.append(f"<{tag}> element")
        if tag == "script":
            self._script_src = dict(attrs).get("src") or ""
            self._script_type = (dict(attrs).get("type") or "").lower()
            self._in_script = []

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self._in_script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script is not None:
            text = "".join(self._in_script).strip()
            if self._script_type == "application/json" and not self._script_src:
                self.data_blocks.append(text)
            else:
                self.scripts.append((self._script_src, text))
            self._in_script = None


def scan_site(site: Path) -> tuple[set[tuple[str, str]], list[str]]:
    """Every script (src stripped of ../, inline text) and every dangerous markup under ``site``.

    JSON data blocks must parse and hold no ``<`` (so no content can close them and start a script).
    """
    scripts: set[tuple[str, str]] = set()
    problems: list[str] = []
    for page in site.rglob("*.html"):
        collector = _Collector()
        collector.feed(page.read_text(encoding="utf-8", errors="replace"))
        collector.close()
        scripts |= {(re.sub(r"^[./]+", "", src), text) for src, text in collector.scripts}
        problems += [f"{page.relative_to(site)}: {p}" for p in collector.problems]
        for block in collector.data_blocks:
            try:
                json.loads(block)
            except ValueError:
                problems.append(f"{page.relative_to(site)}: a JSON data block that is not JSON: {block[:80]!r}")
            if "<" in block:
                problems.append(f"{page.relative_to(site)}: '<' in a JSON data block: {block[:80]!r}")
    return scripts, problems


PORTAL_SCRIPTS = {"assets/search.js", "assets/covered.js", "assets/repair-or-replace.js", "assets/register.js",
                  "assets/request.js", "assets/portal.js"}
"""The portal's own scripts (templates/assets/), besides Material's bundle."""


def assert_inert(site: Path, clean_scripts: set[tuple[str, str]] | None) -> None:
    scripts, problems = scan_site(site)
    assert not problems, problems
    for src, text in scripts:
        if src:
            assert src.startswith("assets/javascripts/") or src in PORTAL_SCRIPTS, src
        else:
            assert clean_scripts is not None and (src, text) in clean_scripts, f"foreign inline script: {text[:200]!r}"
    secret = SECRET.encode()
    leaks = [p for p in site.rglob("*") if p.is_file() and secret in p.read_bytes()]
    assert not leaks, f"the outside file's content reached the site: {leaks}"


def build(root: Path, out: Path) -> Run:
    result = run("build", "--project", root, "--lang", "en", "--no-pdf", "--out", out)
    assert result.code == 0, result.out + result.err
    return result


@pytest.fixture(scope="module")
def clean_scripts(tmp_path_factory) -> set[tuple[str, str]]:
    """The scripts a clean build of a fresh project emits (Material's own)."""
    from generator.cli import main

    base = tmp_path_factory.mktemp("clean")
    assert main(["init", str(base / "kb")]) == 0
    build(base / "kb", base / "site")
    scripts, problems = scan_site(base / "site")
    assert not problems, problems
    return scripts


def _errors(result: Run) -> list[re.Match]:
    return [m for m in DIAGNOSTIC.finditer(result.out + result.err) if m.group(4) == "error"]


def _case_params():
    for case in CASES:
        yield pytest.param(case, id=f"{case.cls}-{case.id}", marks=case.marks)


@pytest.mark.parametrize("case", list(_case_params()))
def test_case(case: Case, new_project: Path, tmp_path: Path, clean_scripts) -> None:
    root = new_project
    case.mutate(root)
    result = run("check", "--project", root)
    errors = _errors(result)
    output = result.out + result.err
    if SECRET in output:
        pytest.fail(f"check printed the content of a file outside the project:\n{output}")

    refused = result.code == 1
    if case.accept_or_refuse and refused:
        assert errors, output
        if case.file:
            assert any(m.group(1) == case.file for m in errors), output
    elif case.code is not None or (case.code is None and case.file is not None and not case.accept_or_refuse):
        # refused, with a located error (and the expected code when the table names one)
        assert result.code == 1, output
        assert errors, output
        for m in errors:
            assert int(m.group(2)) >= 1 and int(m.group(3)) >= 1, m.group(0)
        wanted = [m for m in errors if case.code is None or m.group(5) == case.code]
        assert wanted, f"no error {case.code}:\n{output}"
        if case.file is not None:
            assert any(m.group(1) == case.file for m in wanted), f"no {case.code} on {case.file}:\n{output}"
    else:
        assert result.code == 0, output
        build(root, tmp_path / "site")
        assert_inert(tmp_path / "site", clean_scripts)

    if case.lock:
        lines = "rules: {text.unsafe-link: off, text.raw-html: off, text.inline-image: off, asset.missing: off}\n"
        with (root / "site_config.yml").open("a", encoding="utf-8") as config:
            config.write(lines)
        # The second lock holds if the build makes an inert site, or refuses cleanly (exit 1).
        out = tmp_path / "site-unlocked"
        unlocked = run("build", "--project", root, "--lang", "en", "--no-pdf", "--out", out)
        assert unlocked.code in (0, 1), unlocked.out + unlocked.err
        assert SECRET not in unlocked.out + unlocked.err
        if unlocked.code == 0:
            assert_inert(out, clean_scripts)
        elif out.exists():
            leaks = [p for p in out.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
            assert not leaks, leaks


# --------------------------------------------------------------------------------------------
# The second lock, grouped: every refused link trap in one guide, one build


LINK_TRAPS = [
    "[a](javascript:alert(1))",
    "[b](jav&#x61;script:alert(1))",
    "[c](<JaVa\\tScRi pT:alert(1)>)",
    "[d](  JAVASCRIPT:alert(1))",
    "[e](java&#10;script:alert(1))",
    "[f](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[g](vbscript:msgbox(1))",
    "[h](../../../../etc/passwd)",
    "[i](/etc/passwd)",
    "[j](..\\\\..\\\\secret)",
    "[k](file:///etc/passwd)",
    "![l](javascript:alert(1))",
    "[m](javascript:alert(1) \\\"title\\\")",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>n</a>",
    "{: onclick=\\\"alert(1)\\\" }",
    "<iframe src=javascript:alert(1)></iframe>",
]


def test_second_lock_all_link_traps_in_one_build(new_project: Path, tmp_path: Path, clean_scripts) -> None:
    root = new_project
    text = GUIDE
    body = (root / text).read_text(encoding="utf-8")
    steps = "".join(f'  - action: {{en: "{trap}"}}\n' for trap in LINK_TRAPS)
    body = body.replace("steps:\n", "steps:\n" + steps, 1)
    body = body.replace(SYMPTOM_EN, 'en: "' + " ".join(LINK_TRAPS) + '"')
    (root / text).write_text(body, encoding="utf-8")
    result = run("check", "--project", root)
    assert result.code == 1, result.out + result.err
    codes = {m.group(5) for m in _errors(result)}
    assert "text.unsafe-link" in codes, result.out
    with (root / "site_config.yml").open("a", encoding="utf-8") as config:
        config.write("rules: {text.unsafe-link: off, text.raw-html: off, text.inline-image: off,"
                     " text.missing-translation: off}\n")
    build(root, tmp_path / "site")
    assert_inert(tmp_path / "site", clean_scripts)
    page = (tmp_path / "site/public/en/guides/washing-machine-does-not-drain/index.html")
    if page.exists():
        assert "alert(1)" in page.read_text(encoding="utf-8"), "the traps should be shown as inert text"


def test_no_code_execution_from_tags(new_project: Path, tmp_path: Path) -> None:
    """A !!python/object/apply tag must never run: the command would create a file."""
    marker = tmp_path / "pwned"
    new(BROKEN, f"id: !!python/object/apply:os.system ['touch {marker}']\n")(new_project)
    result = run("check", "--project", new_project)
    assert result.code == 1
    run("build", "--project", new_project, "--lang", "en", "--no-pdf", "--out", tmp_path / "site")
    assert not marker.exists()


def test_case_count() -> None:
    assert len(CASES) >= 60
    assert len({case.id for case in CASES}) == len(CASES)
