"""What a procedure diagram draws: each step as a node (its number, phase, role, first sentence
and decision) with every outcome of its decision and where it leads (or, for a step without a
decision, where its own ``next_step`` or ``end`` leads); the layouts' sizes, and how
a text wraps in a box.

See :mod:`generator.render.diagram` for the drawing as a whole.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from generator.load.knowledge_base import run_order

FONTS = "Liberation Sans, Arial, Helvetica, sans-serif"  # metric-compatible: the widths below hold
CHAR_WIDTH = 0.56  # of the font size: above the widest line of those fonts met in the example (0.53)
BOLD_WIDTH = 0.62


@dataclass(frozen=True)
class Shape:
    """Sizes of one layout (SVG units; the page scales the SVG down to fit, never up)."""

    narrow: bool
    lane_width: float  # wide: one column per phase; narrow: the single column
    gap: float  # wide: between lanes and left of the first (the arrows' tracks); narrow: the right corridor
    head_size: int
    text_size: int
    chip_size: int
    summaries: bool = True  # the first sentence of each step's action under its role


WIDE = Shape(narrow=False, lane_width=172, gap=26, head_size=14, text_size=14, chip_size=13)
PRINT = Shape(narrow=False, lane_width=172, gap=26, head_size=10, text_size=10, chip_size=9, summaries=False)
NARROW = Shape(narrow=True, lane_width=302, gap=38, head_size=14, text_size=14, chip_size=13)
@dataclass
class Outcome:
    label: str
    target: int | None  # the step it continues with
    exit: str | None  # or: the other procedure's title, or "end of the procedure"


@dataclass
class StepNode:
    number: int
    phase: str
    role: str
    summary: str
    question: str | None
    outcomes: list[Outcome]
    then: Outcome | None = None  # a step without a decision that says where the case goes after it


def wrap(text: str, width: float, size: int, bold: bool = False) -> list[str]:
    """``text`` on as many lines as it needs to fit ``width`` units (long words are broken, never cut)."""
    chars = max(6, int(width / (size * (BOLD_WIDTH if bold else CHAR_WIDTH))))
    return textwrap.wrap(" ".join(text.split()), chars, break_on_hyphens=False) or [""]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'«¿¡(]?[A-ZÀ-ÖØ-Þ])")


def first_sentence(text: str) -> str:
    """The first sentence of a step's action, whole (the box says what is done; the step below says how)."""
    text = " ".join(text.split())
    found = _SENTENCE_END.search(text)
    return text[:found.start()] if found else text


def sentence(parts: list[str]) -> str:
    """``parts`` as one sentence for the text alternative: joined by "; ", each without its own full
    stop, and one stop at the end unless the last part ends with "?", "!" or "…" (never "..")."""
    text = "; ".join(part.rstrip().rstrip(".") for part in parts)
    return text if text.endswith(("?", "!", "…")) else text + "."


def step_nodes(procedure, text, label, title_of) -> list[StepNode]:
    steps = run_order(procedure)  # numbered and drawn in the order the case runs
    numbers = {step.id: number for number, (_, _, step) in enumerate(steps, start=1) if step.id}
    nodes = []
    for number, (phase, _, step) in enumerate(steps, start=1):
        outcomes = []
        if step.decision is not None:
            for outcome in step.decision.outcomes:
                if outcome.next_step in numbers:
                    target, exit_ = numbers[outcome.next_step], None
                elif outcome.next_procedure:
                    target, exit_ = None, title_of(outcome.next_procedure)
                elif number < len(steps) and not outcome.end:  # names nothing: on to the next step, as the page reads
                    target, exit_ = number + 1, None
                else:
                    target, exit_ = None, label("diagram.end")
                outcomes.append(Outcome(text(outcome.when), target, exit_))
        then = None
        if step.decision is None and step.end:  # the case ends after it
            then = Outcome("", None, label("diagram.end"))
        elif step.decision is None and step.next_step in numbers:  # it goes on there, not with the next number
            then = Outcome("", numbers[step.next_step], None)
        nodes.append(StepNode(number, phase, title_of(step.role), first_sentence(text(step.action)),
                              text(step.decision.question) if step.decision is not None else None, outcomes, then))
    return nodes
