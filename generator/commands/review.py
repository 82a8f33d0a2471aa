"""``aftersales review``: which items need a person's look since what they cite changed, and
recording that they had it.

Without ids it prints the status (exit 1 while anything needs review). With ids (or ``--all``)
it records, in ``review.lock.json``, each item's fingerprint, today's date and the fingerprints
of what it cites; the lock file's diff then shows a pull request's reviewer what was re-reviewed.
Recording is refused while the knowledge base has errors: fingerprints of broken content mean
nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import sys

from generator.commands._common import (
    add_project_argument,
    usage_error,
    write_atomically,
    write_stdout_utf8,
)
from generator.diagnostics.diagnostic import Diagnostic
from generator.diagnostics.rules.changes import CHANGE_LOCK_INVALID
from generator.load.project import Project, load_project
from generator.load.schema import format_loc
from generator.memory import paused_garbage_collector
from generator.report.check_report import plural
from generator.review.lock import (
    LOCK_NAME,
    Entry,
    LockRead,
    dump_lock,
    lock_path,
    read_lock,
)
from generator.review.status import (
    ReviewStatus,
    changed_dependencies,
    record,
    review_status,
    reviewable_items,
)
from generator.validate import run_checks

FORMATS = ("text", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)
    parser.add_argument("ids", nargs="*", metavar="ID",
                        help="record that these items were reviewed today (without ids: show what needs review)")
    parser.add_argument("--all", action="store_true",
                        help="record every item (to start change review, or after reviewing everything)")
    parser.add_argument("--prune", action="store_true", help=f"drop entries of {LOCK_NAME} whose item no longer exists")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")


def run(args: argparse.Namespace) -> int:
    if args.all and args.ids:
        return usage_error("review: give item ids or --all, not both")
    with paused_garbage_collector():
        project = load_project(args.project)
        diagnostics = run_checks(project)
    read = read_lock(project.root)
    if args.ids or args.all or args.prune:
        return _record(args, project, diagnostics, read)
    return _status(args, project, diagnostics, read)


# --------------------------------------------------------------------------- status


def _status(args: argparse.Namespace, project: Project, diagnostics: list[Diagnostic], read: LockRead) -> int:
    errors = sum(1 for d in diagnostics if d.severity == "error" and d.code != "change.lock-invalid")
    if read.lock is None and read.exists:
        _print_lock_problems(read)
        return 1
    if not read.exists:
        if args.format == "json":
            _write({**_status_header(False, True), "counts": {"suspect": 0, "unrecorded": 0, "orphan": 0},
                    "suspect": [], "unrecorded": [], "orphans": []})
        else:
            print(f"change review is not in use: there is no {LOCK_NAME}. Run aftersales review --all to record"
                  " every item as reviewed today, and commit the file with the content.")
        _note_errors(errors)
        return 1 if errors else 0
    status = review_status(project.kb, read.lock, (declared.id for declared in project.declared))
    if args.format == "json":
        _write(_status_json(status))
    else:
        sys.stdout.write(_status_text(status))
    _note_errors(errors)
    return 0 if status.clean and not errors else 1


def _status_header(in_use: bool, ok: bool) -> dict:
    return {"format": "aftersales-review-status", "format_version": 1, "lock": LOCK_NAME, "in_use": in_use, "ok": ok}


def _status_json(status: ReviewStatus) -> dict:
    suspects = []
    for suspect in status.suspects:
        item = suspect.item
        changes = []
        for change in suspect.changes:
            line, column = item.position(change.dependency.loc)
            changes.append({"id": change.dependency.id, "type": change.dependency.type,
                            "field": format_loc(change.dependency.loc), "line": line, "column": column,
                            "recorded": change.recorded, "current": change.current})
        line, column = changes[0]["line"], changes[0]["column"]
        suspects.append({"id": item.id, "type": item.type, "file": item.file, "line": line, "column": column,
                         "reviewed": suspect.reviewed, "changes": changes})
    unrecorded = [{"id": item.id, "type": item.type, "file": item.file, **_at(item.position(("id",)))}
                  for item in status.unrecorded]
    orphans = [{"id": orphan.id, "reviewed": orphan.reviewed, "file": LOCK_NAME, "line": orphan.line,
                "column": orphan.column} for orphan in status.orphans]
    return {**_status_header(True, status.clean),
            "counts": {"suspect": len(suspects), "unrecorded": len(unrecorded), "orphan": len(orphans)},
            "suspect": suspects, "unrecorded": unrecorded, "orphans": orphans}


def _status_text(status: ReviewStatus) -> str:
    lines: list[str] = []
    if status.suspects:
        lines.append(f"Needs review ({plural(len(status.suspects), 'item')}): check each against what changed,"
                     " then run aftersales review ID")
        for suspect in status.suspects:
            item = suspect.item
            line, column = item.position(suspect.changes[0].dependency.loc)
            lines.append(f"{item.file}:{line}:{column}: {item.type} {item.id} (last reviewed {suspect.reviewed})")
            for change in suspect.changes:
                dependency = change.dependency
                what = (f"newly cited, now {change.current}" if change.recorded is None
                        else f"changed {change.recorded} → {change.current}")
                lines.append(f"    {dependency.type} {dependency.id} {what} ({format_loc(dependency.loc)})")
        lines.append("")
    if status.unrecorded:
        lines.append(f"Not yet recorded ({plural(len(status.unrecorded), 'item')}): run aftersales review ID"
                     " once each has been reviewed")
        for item in status.unrecorded:
            line, column = item.position(("id",))
            lines.append(f"{item.file}:{line}:{column}: {item.type} {item.id}")
        lines.append("")
    if status.orphans:
        lines.append(f"Recorded but gone ({plural(len(status.orphans), 'entry', 'entries')}):"
                     " aftersales review --prune removes them")
        for orphan in status.orphans:
            lines.append(f"{LOCK_NAME}:{orphan.line}:{orphan.column}: {orphan.id} (last reviewed {orphan.reviewed})")
        lines.append("")
    summary = (f"{plural(len(status.suspects), 'item')} need{'s' if len(status.suspects) == 1 else ''} review"
               if status.suspects else "nothing needs review")
    lines.append(f"{summary}, {len(status.unrecorded)} not yet recorded,"
                 f" {plural(len(status.orphans), 'entry', 'entries')} of removed items")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- recording


def _record(args: argparse.Namespace, project: Project, diagnostics: list[Diagnostic], read: LockRead) -> int:
    kb = project.kb
    wanted = list(dict.fromkeys(args.ids))
    declared = {declared.id for declared in project.declared}
    unknown = [item_id for item_id in wanted if kb.get(item_id) is None and item_id not in declared]
    if unknown:
        known = sorted({item.id for item in kb.items} | declared)
        return usage_error("review: " + "; ".join(
            f"no item has the id '{item_id}'{_did_you_mean(item_id, known)}" for item_id in unknown)
            + f"; {LOCK_NAME} left unchanged")
    errors = [d for d in diagnostics if d.severity == "error"]
    unloaded = [item_id for item_id in wanted if kb.get(item_id) is None]
    if unloaded and not errors:  # their errors were switched off under rules:
        print(f"aftersales: review refused: {', '.join(unloaded)} did not load (its file has problems);"
              f" run aftersales check. {LOCK_NAME} left unchanged", file=sys.stderr)
        return 1
    if errors or (read.exists and read.lock is None):
        for diagnostic in errors:
            print(diagnostic.format_text(), file=sys.stderr)
        if read.lock is None and read.exists and not any(d.code == "change.lock-invalid" for d in errors):
            _print_lock_problems(read)
        why = (f"{plural(len(errors), 'error')}; fix them first (run aftersales check): the fingerprints of"
               " broken content mean nothing" if errors else f"{LOCK_NAME} cannot be read")
        print(f"aftersales: review refused: {why}. {LOCK_NAME} left unchanged", file=sys.stderr)
        return 1
    if not read.exists and not (wanted or args.all):
        print(f"no {LOCK_NAME}: nothing to prune (change review is not in use)")
        return 0

    old_entries = read.lock.entries if read.lock is not None else {}
    entries = dict(old_entries)
    today = dt.date.today()
    targets = reviewable_items(kb) if args.all else [kb.get(item_id) for item_id in wanted]
    recorded = []
    for item in targets:
        previous = old_entries.get(item.id)
        cleared = changed_dependencies(kb, item, previous) if previous is not None else None
        entries[item.id] = record(kb, item, today)
        recorded.append((item, entries[item.id], cleared))
    pruned: list[tuple[str, Entry]] = []
    if args.prune:
        known = {item.id for item in kb.items} | declared
        pruned = [(item_id, entry) for item_id, entry in sorted(entries.items()) if item_id not in known]
        for item_id, _ in pruned:
            del entries[item_id]

    text = dump_lock(dict(sorted(entries.items())))
    path = lock_path(project.root)
    created = not read.exists
    if created or text != _current_text(path):
        try:
            write_atomically(path, text)
        except OSError as exc:
            return usage_error(f"cannot write {LOCK_NAME} ({exc.strerror or exc})")

    unrecorded = sum(1 for item in reviewable_items(kb) if item.id not in entries)
    if args.format == "json":
        _write({"format": "aftersales-review-record", "format_version": 1, "lock": LOCK_NAME,
                "created": created, "reviewed": today.isoformat(),
                "recorded": [_recorded_json(item, entry, cleared) for item, entry, cleared in recorded],
                "pruned": [item_id for item_id, _ in pruned], "unrecorded": unrecorded})
        return 0
    for item, entry, cleared in recorded:
        against = f"against {plural(len(entry.depends_on), 'cited item')}" if entry.depends_on else "citing nothing"
        print(f"recorded {item.type} {item.id} {entry.fingerprint}, reviewed {entry.reviewed}, {against}"
              + (" (first record)" if cleared is None else ""))
        for change in cleared or ():
            before = change.recorded or "not cited"
            print(f"    {change.dependency.type} {change.dependency.id}: {before} → {change.current}")
    for item_id, entry in pruned:
        print(f"pruned {item_id} (last reviewed {entry.reviewed}): it no longer exists")
    done = [plural(len(recorded), "item") + " recorded"]
    if args.prune:
        done.append(plural(len(pruned), "entry", "entries") + " pruned")
    print(f"{LOCK_NAME}: {', '.join(done)}" + (" (new file: commit it with the content)" if created else ""))
    if unrecorded and (created or not args.all):
        print(f"{plural(unrecorded, 'item')} not yet recorded; aftersales review shows them")
    return 0


def _recorded_json(item, entry: Entry, cleared) -> dict:
    return {
        "id": item.id, "type": item.type, "file": item.file, "fingerprint": entry.fingerprint,
        "reviewed": entry.reviewed, "depends_on": entry.depends_on, "first_record": cleared is None,
        "cleared": [{"id": change.dependency.id, "type": change.dependency.type, "recorded": change.recorded,
                     "current": change.current} for change in cleared or ()],
    }


# --------------------------------------------------------------------------- helpers


def _print_lock_problems(read: LockRead) -> None:
    for problem in read.problems:
        print(Diagnostic.at(LOCK_NAME, (problem.line, problem.column), CHANGE_LOCK_INVALID,
                            problem.message).format_text(), file=sys.stderr)
    print(f"aftersales: {LOCK_NAME} cannot be read: fix it by hand (or delete it and run aftersales review --all,"
          " which records every item as reviewed today)", file=sys.stderr)


def _note_errors(errors: int) -> None:
    if errors:
        print(f"aftersales: the knowledge base has {plural(errors, 'error')}; items that did not load are not"
              " listed (run aftersales check)", file=sys.stderr)


def _current_text(path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _at(position: tuple[int, int]) -> dict:
    return {"line": position[0], "column": position[1]}


def _write(document: dict) -> None:
    write_stdout_utf8(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""



