"""A checklist per role of a procedure: only the steps that role takes, for the person on the job.

A technician on a visit needs their steps, not the whole case from the tele-operator to
accounting. Each role that has steps in a procedure gets a print view with just those steps,
numbered as in the full checklist (the page, the diagram and the other roles speak of "step 7"),
in the order the case runs, with a line before and after each stretch of their steps naming
the step and role that hand the work over. It lives beside the full checklist
(``print/procedures/<procedure>/<role>.html``), is linked from the role page and from the
procedure page (beside the full checklist), and leads back to the role page.

Cost (measured, README): a PDF each only for roles with at least :data:`PDF_MIN_STEPS` steps;
the others get the print view (a browser prints it as well).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from generator.load.knowledge_base import step_numbers, step_runs
from generator.render.print_paths import has_printable, print_path
from generator.render.printables import Printable, print_context

if TYPE_CHECKING:
    from collections.abc import Callable

    from generator.load.knowledge_base import Item
    from generator.render.portal import Portal

PDF_MIN_STEPS = 2
"""A role's checklist gets a PDF from this many steps on (fewer: the print view only)."""

ROLE_TEMPLATE = "print/checklist_role.html.j2"


@dataclass(frozen=True)
class Stretch:
    """Consecutive steps of one role, as the case runs, and who comes before and after them."""

    before: tuple[int, str] | None
    """The step number and role just before; None: the procedure starts here."""
    runs: list[tuple[str, list[tuple[int, object]]]]
    """``[(phase, [(number, step), ...]), ...]``: the steps by consecutive phase."""
    after: tuple[int, str] | None
    """The step number and role just after (where the last step's ``next_step`` leads); None: the
    procedure ends here (after the last step, or one that says ``end``)."""


def role_step_counts(procedure: Item) -> dict[str, int]:
    """How many steps each role takes in the procedure, roles in the order they first act."""
    counts: dict[str, int] = {}
    for _, steps in step_runs(procedure):
        for _, step in steps:
            counts[step.role] = counts.get(step.role, 0) + 1
    return counts


def role_stretches(procedure: Item, role: str) -> list[Stretch]:
    """The role's steps in the order the case runs, cut where another role takes over."""
    sequence = [(phase, number, step) for phase, steps in step_runs(procedure) for number, step in steps]
    by_id = {step.id: (number, step) for _, number, step in sequence if step.id}
    stretches: list[Stretch] = []
    runs: list[tuple[str, list[tuple[int, object]]]] = []
    before: tuple[int, str] | None = None
    for position, (phase, number, step) in enumerate(sequence):
        if step.role != role:
            continue
        if position == 0 or sequence[position - 1][2].role != role:  # a stretch starts
            runs = []
            before = (sequence[position - 1][1], sequence[position - 1][2].role) if position else None
        if runs and runs[-1][0] == phase:
            runs[-1][1].append((number, step))
        else:
            runs.append((phase, [(number, step)]))
        if position == len(sequence) - 1 or sequence[position + 1][2].role != role:  # it ends
            after = (sequence[position + 1][1], sequence[position + 1][2].role) if position + 1 < len(sequence) else None
            if step.end:  # a step that says where the case goes after it: there, not to the next number
                after = None
            elif step.next_step in by_id:
                after = (by_id[step.next_step][0], by_id[step.next_step][1].role)
            stretches.append(Stretch(before, runs, after))
    return stretches


def role_checklist_path(procedure: Item, role: str, suffix: str = ".html") -> str:
    """``print/procedures/warranty-repair/sat-field-technician.html``: beside the full checklist."""
    return print_path(procedure, "/") + role + suffix


def role_checklist_views(portal: Portal, procedure: Item) -> list[tuple[str, str]]:
    """(role, print view) of the procedure's per-role checklists in this portal: one per role that
    takes a step and has its page here (the checklist is reached from, and leads back to, it), in
    the order the roles first act; the procedure page lists them beside its full checklist."""
    if not has_printable(procedure):
        return []
    return [(role, role_checklist_path(procedure, role)) for role in role_step_counts(procedure) if role in portal.visible]


def role_checklists(portal: Portal, procedure: Item) -> tuple[tuple[str, Callable[[Portal], Printable]], ...]:
    """(path, how to render) of the procedure's per-role checklists in this portal."""
    return tuple((path, partial(render_role_checklist, procedure=procedure, role=role))
                 for role, path in role_checklist_views(portal, procedure))


def role_checklists_of(portal: Portal, role: str) -> list[tuple[Item, str, bool]]:
    """(procedure, print view, has a PDF) of every visible procedure the role takes steps in, by title."""
    out = []
    for procedure in portal.sorted_by_title(portal.items_of("procedure")):
        steps = role_step_counts(procedure).get(role, 0)
        if steps:
            out.append((procedure, role_checklist_path(procedure, role), portal.with_pdf and steps >= PDF_MIN_STEPS))
    return out


def render_role_checklist(portal: Portal, procedure: Item, role: str) -> Printable:
    base = portal.published_base()
    path = role_checklist_path(procedure, role)
    context = print_context(portal) | {
        "model": procedure.model, "item": procedure, "role": role, "stretches": role_stretches(procedure, role),
        "step_numbers_by_id": step_numbers(procedure)[1], "page_url": base + path if base else None,
    }
    html = portal.printable_env.get_template(ROLE_TEMPLATE).render(context)
    return Printable(procedure, path, html, back=f"roles/{role}.html",
                     pdf=role_step_counts(procedure)[role] >= PDF_MIN_STEPS)
