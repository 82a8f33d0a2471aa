"""A procedure's steps in four lanes (reception, SAT, departments, follow-up), as inline SVG.

Drawn at build time by this code, so the portal needs no diagram script from a CDN and works
offline. Each lane is a column and stacks its own steps from the top, numbered as on the page;
the flow runs down each lane and on to the top of the next. Each box links to its step. A
required phase with no step is drawn as a red dashed lane: the gap is visible at a glance.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from html import escape

from generator.load.knowledge_base import phase_steps
from generator.model.fields import PHASES

LANE_WIDTH = 190
LANE_GAP = 10
HEADER = 44
ROW = 92
BOX_HEIGHT = 74
MARGIN = 8
LINE_CHARS = 28
LANE_COLOURS = {"reception": "#e3f2fd", "sat": "#e8f5e9", "departments": "#fff8e1", "follow_up": "#f3e5f5"}
LANE_BORDERS = {"reception": "#1565c0", "sat": "#2e7d32", "departments": "#b26a00", "follow_up": "#6a1b9a"}


def _wrap(text: str, width: int, lines: int) -> list[str]:
    wrapped = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return wrapped


def phase_lanes_svg(
    procedure,
    text: Callable[[dict | None], str],
    label: Callable[[str], str],
    title_of: Callable[[str], str],
    required: list[str],
    step_anchor: str = "step-",
) -> str:
    """The SVG markup (trusted: every content text is escaped here); each box links to
    ``#{step_anchor}{number}`` (the procedures manual holds many procedures, so its anchors say which)."""
    steps = list(phase_steps(procedure))
    counts = {phase: 0 for phase in PHASES}
    for phase, _, _ in steps:
        counts[phase] += 1
    rows = max(max(counts.values()), 1)
    width = MARGIN * 2 + len(PHASES) * LANE_WIDTH + (len(PHASES) - 1) * LANE_GAP
    height = HEADER + rows * ROW + MARGIN
    lane_x = {phase: MARGIN + i * (LANE_WIDTH + LANE_GAP) for i, phase in enumerate(PHASES)}
    title_id = f"lanes-{procedure.id}"
    parts = [
        f'<svg class="as-lanes" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="group" aria-labelledby="{title_id}-t {title_id}-d"'
        ' font-family="sans-serif">',
        f'<title id="{title_id}-t">{escape(label("diagram"))}: {escape(text(procedure.title))}</title>',
        f'<desc id="{title_id}-d">{escape(_description(procedure, steps, text, label, title_of))}</desc>',
        '<defs><marker id="as-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"'
        ' orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    ]
    for phase in PHASES:
        x = lane_x[phase]
        gap = counts[phase] == 0 and phase in required
        stroke = "#c62828" if gap else LANE_BORDERS[phase]
        dash = ' stroke-dasharray="6 4"' if gap else ""
        fill = "#ffebee" if gap else LANE_COLOURS[phase]
        parts.append(f'<rect class="as-lane as-lane-{phase}{" as-gap" if gap else ""}" x="{x}" y="{MARGIN}"'
                     f' width="{LANE_WIDTH}" height="{height - 2 * MARGIN}" rx="6" fill="{fill}"'
                     f' stroke="{stroke}"{dash}/>')
        parts.append(f'<text x="{x + LANE_WIDTH / 2}" y="{MARGIN + 22}" text-anchor="middle" font-weight="bold"'
                     f' font-size="14" fill="#222">{escape(label("phase." + phase))} ({counts[phase]})</text>')
        if gap:
            parts.append(f'<text x="{x + LANE_WIDTH / 2}" y="{HEADER + 40}" text-anchor="middle" font-size="13"'
                         f' fill="#c62828" font-weight="bold">✗ {escape(label("no_steps"))}</text>')
    centres = []
    for number, (phase, index, step) in enumerate(steps, start=1):
        x = lane_x[phase] + 8
        y = HEADER + index * ROW + 6
        box_width = LANE_WIDTH - 16
        centres.append((x, box_width, y, y + BOX_HEIGHT))
        decision = step.decision is not None
        head = f"{number}. {title_of(step.role)}"
        parts.append(f'<a href="#{escape(step_anchor)}{number}">')
        parts.append(f'<rect x="{x}" y="{y}" width="{box_width}" height="{BOX_HEIGHT}" rx="4" fill="#fff"'
                     f' stroke="{LANE_BORDERS[phase]}" stroke-width="{2 if decision else 1}"/>')
        parts.append(f'<text x="{x + 6}" y="{y + 16}" font-size="11" font-weight="bold" fill="#222">'
                     f'{escape(_wrap(("◆ " if decision else "") + head, LINE_CHARS, 1)[0])}</text>')
        for line_number, line in enumerate(_wrap(text(step.action), LINE_CHARS + 2, 3)):
            parts.append(f'<text x="{x + 6}" y="{y + 33 + 14 * line_number}" font-size="11" fill="#333">'
                         f'{escape(line)}</text>')
        parts.append("</a>")
    for (x1, w1, top1, bottom1), (x2, w2, top2, _) in zip(centres, centres[1:]):
        if x1 == x2:  # down the same lane
            path = f"M{x1 + w1 / 2},{bottom1} L{x2 + w2 / 2},{top2 - 1}"
        else:  # on to the first step of the next lane: out of the right side, into the left side
            right, left = x1 + w1, x2
            mid = (right + left) / 2
            y1, y2 = (top1 + bottom1) / 2, top2 + BOX_HEIGHT / 2
            path = f"M{right},{y1} L{mid},{y1} L{mid},{y2} L{left - 1},{y2}"
        parts.append(f'<path d="{path}" fill="none" stroke="#555" stroke-width="1.4" marker-end="url(#as-arrow)"/>')
    parts.append("</svg>")
    return "".join(parts)


def _description(procedure, steps, text, label, title_of) -> str:
    """The diagram in words, for screen readers."""
    by_phase: dict[str, list[str]] = {phase: [] for phase in PHASES}
    for number, (phase, _, step) in enumerate(steps, start=1):
        by_phase[phase].append(f"{number}. {title_of(step.role)}: {text(step.action)}")
    return " ".join(
        f"{label('phase.' + phase)}: {'; '.join(entries) if entries else label('no_steps')}."
        for phase, entries in by_phase.items()
    )
