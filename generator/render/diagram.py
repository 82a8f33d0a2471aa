"""A procedure's steps in four lanes (reception, SAT, departments, follow-up), as inline SVG.

Drawn at build time by this code, so the portal needs no diagram script from a CDN and works
offline. Time runs down the page: every step has a row of its own, in the order of its number
(the order in which the case runs, as the written steps: a step with ``before`` comes just before
a step of an earlier phase), in the column of its phase, so an arrow between two steps never
crosses a third. A step without a decision flows on to the next one, or, when it says so, along
an arrow to its own ``next_step`` or into the end (``end``); every outcome of a decision
is drawn as its own arrow, starting from a label with the outcome's full wording, to the step it
continues with (``next_step``, or the next step when it names none), to the other procedure it
hands over to (``next_procedure``), or to the end of the procedure (``end``, or the last step). Role names and
texts wrap onto as many lines as they need: nothing is cut. Each box links to its step.

Two layouts of the same diagram: ``wide`` (the four lanes side by side; pages and the procedures
manual) and ``narrow`` (the lanes stacked one under the other, 340 units wide, drawn at full size
on a 390 px phone so that its smallest text stays at 13 px; a phase's lane comes again each time
the work comes back to it). The stylesheet shows the one that
fits the page's width. A required phase with no step is drawn as a red dashed lane: the gap is
visible at a glance.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.render.diagram_steps import NARROW, PRINT, WIDE, first_sentence
from generator.render.diagram_svg import Drawing

__all__ = ["diagram_html", "first_sentence", "phase_lanes_svg"]


def phase_lanes_svg(
    procedure,
    text: Callable[[dict | None], str],
    label: Callable[[str], str],
    title_of: Callable[[str], str],
    required: list[str],
    step_anchor: str = "step-",
    narrow: bool = False,
    slice_height: float | None = None,
    printed: bool = False,
) -> str:
    """The SVG markup (trusted: every content text is escaped here); each box links to
    ``#{step_anchor}{number}`` (the procedures manual holds many procedures, so its anchors say which).

    With ``slice_height`` (print: a page holds one picture whole), a taller diagram comes as
    several SVGs one under the other, each at most that tall, cut between two rows; ``printed``
    draws the wide layout with the smaller text of paper (9-10 units: 6-7 pt across an A4 page) and
    without the actions' first sentences (the manual prints every step in full right under it)."""
    shape = NARROW if narrow else PRINT if printed else WIDE
    drawing = Drawing(procedure, text, label, title_of, required, step_anchor, shape)
    return drawing.svg(slice_height)


def diagram_html(procedure, text, label, title_of, required, step_anchor: str = "step-") -> str:
    """Both layouts, for a page: the stylesheet shows the wide one or, in a narrow column, the stacked one."""
    return (phase_lanes_svg(procedure, text, label, title_of, required, step_anchor)
            + phase_lanes_svg(procedure, text, label, title_of, required, step_anchor, narrow=True))
