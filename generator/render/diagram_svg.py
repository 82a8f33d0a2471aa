"""The SVG of a procedure diagram: lanes, boxes, outcome labels and arrows, in one layout.

See :mod:`generator.render.diagram` for the layouts and what the drawing shows.
"""

from __future__ import annotations

import re
from html import escape

from generator.load.knowledge_base import group_runs, run_order
from generator.model.fields import PHASES
from generator.render.diagram_arrows import ARROW, PAD, Arrows
from generator.render.diagram_steps import (
    FONTS,
    Outcome,
    Shape,
    StepNode,
    sentence,
    step_nodes,
    wrap,
)

LANE_COLOURS = {"reception": "#e3f2fd", "sat": "#e8f5e9", "departments": "#fff8e1", "follow_up": "#f3e5f5"}
LANE_BORDERS = {"reception": "#1565c0", "sat": "#2e7d32", "departments": "#b26a00", "follow_up": "#6a1b9a"}
INSET = 5  # box inside its lane
CHIP_INDENT = 10
ROW_GAP = 24  # room for the arrow between two rows


_TEXT = re.compile(r'<text [^>]*?\by="([-\d.]+)"[^>]*>[^<]*</text>')


def texts_within(body: str, top: float, bottom: float) -> str:
    """``body`` without the lines of text of other slices (clipped away, a PDF would still hold them)."""
    return _TEXT.sub(lambda line: line[0] if top < float(line[1]) <= bottom else "", body)


class Drawing(Arrows):
    def __init__(self, procedure, text, label, title_of, required, step_anchor, shape: Shape) -> None:
        self.procedure, self.text, self.label, self.title_of = procedure, text, label, title_of
        self.required, self.anchor, self.shape = required, step_anchor, shape
        self.nodes = step_nodes(procedure, text, label, title_of)
        self.counts = {phase: 0 for phase in PHASES}
        for node in self.nodes:
            self.counts[node.phase] += 1
        self.base = f"lanes-{procedure.id}" + ("-n" if shape.narrow else "")
        self.parts: list[str] = []
        room = shape.lane_width - 2 * PAD
        self.lane_names = {phase: wrap(f"{label('phase.' + phase)} ({self.counts[phase]})", room, shape.head_size + 1,
                                        bold=True) for phase in PHASES}
        # The steps in the order the case runs, by consecutive runs of one phase: the stacked layout
        # shows a phase again (with the steps of that run) each time the work comes back to it.
        self.runs = group_runs((node.phase, node) for node in self.nodes)
        self.run_names = [wrap(f"{label('phase.' + phase)} ({len(nodes)})", room, shape.head_size + 1, bold=True)
                          for phase, nodes in self.runs]
        self.gap_lines = wrap("✗ " + label("no_steps"), room, shape.text_size, bold=True)
        names = max(len(lines) for lines in [*self.lane_names.values(), *self.run_names])
        self.header = 8 + 8 + names * (shape.head_size + 5) + 6  # wide: below the lane names
        self.band = 12 + names * (shape.head_size + 5)  # narrow: a phase's name above its steps
        self.gap_height = len(self.gap_lines) * (shape.text_size + 4) + 6
        self.row_cuts: list[float] = []
        self.arrows: list[str] = []
        self.tracks: dict[str, int] = {}
        self.buses: dict[tuple[str, int], float] = {}

    # ----------------------------------------------------------------- geometry

    def lane_x(self, phase: str) -> float:
        shape = self.shape
        if shape.narrow:
            return 0.0
        return shape.gap + PHASES.index(phase) * (shape.lane_width + shape.gap)

    @property
    def width(self) -> float:
        shape = self.shape
        if shape.narrow:
            return shape.lane_width + shape.gap
        return shape.gap + len(PHASES) * (shape.lane_width + shape.gap) - shape.gap + 6

    def box_x(self, phase: str) -> float:
        return self.lane_x(phase) + INSET

    @property
    def box_width(self) -> float:
        return self.shape.lane_width - 2 * INSET

    # ----------------------------------------------------------------- drawing

    def svg(self, slice_height: float | None = None) -> str:
        boxes = self.layout()
        height = self.bottom + 8
        width = self.width
        title_id = self.base
        head = [
            (f'<svg class="as-lanes{" as-lanes-narrow" if self.shape.narrow else ""}" xmlns="http://www.w3.org/2000/svg"'
             f' viewBox="0 0 {width:g} {height:g}" width="{width:g}" height="{height:g}" role="group"'
             f' aria-labelledby="{title_id}-t {title_id}-d" font-family="{FONTS}">'),
            f'<title id="{title_id}-t">{escape(self.label("diagram"))}: {escape(self.text(self.procedure.title))}</title>',
            f'<desc id="{title_id}-d">{escape(self.description())}</desc>',
            (f'<defs><marker id="{title_id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"'
             f' markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{ARROW}"/></marker></defs>'),
        ]
        self.lanes(height)
        self.flow(boxes)
        body = "".join(self.parts + boxes["svg"] + self.arrows)
        if not slice_height or height <= slice_height:
            return "".join(head) + body + "</svg>"
        slices = []
        for index, (top, bottom) in enumerate(self.cuts(height, slice_height)):
            marker = f"{title_id}-arrow-{index}"
            opening = head[0].replace(f'viewBox="0 0 {width:g} {height:g}" width="{width:g}" height="{height:g}"',
                                      f'viewBox="0 {top:g} {width:g} {bottom - top:g}" width="{width:g}"'
                                      f' height="{bottom - top:g}"')
            if index:  # the first slice carries the text alternative for all
                opening = opening.replace(f' role="group" aria-labelledby="{title_id}-t {title_id}-d"',
                                          ' aria-hidden="true"').replace('class="as-lanes"', 'class="as-lanes as-lanes-more"')
            clip = f"{title_id}-clip-{index}"  # a renderer may draw outside the viewBox: not onto the page's header
            defs = head[3].replace(f'id="{title_id}-arrow"', f'id="{marker}"').replace(
                "</defs>", f'<clipPath id="{clip}"><rect x="0" y="{top:g}" width="{width:g}" height="{bottom - top:g}"/>'
                           "</clipPath></defs>")
            slices.append(opening.replace("<svg ", '<svg overflow="hidden" ', 1)
                          + ("".join(head[1:3]) if index == 0 else "") + defs
                          + f'<g clip-path="url(#{clip})">'
                          + texts_within(body, top, bottom).replace(f"url(#{title_id}-arrow)", f"url(#{marker})")
                          + "</g></svg>")
        return "".join(slices)

    def cuts(self, height: float, most: float) -> list[tuple[float, float]]:
        """Slices of at most ``most`` units, cut in the gap above a row where one fits."""
        out, start = [], 0.0
        while height - start > most:
            fits = [cut for cut in self.row_cuts if start + most / 4 < cut <= start + most]
            cut = max(fits) if fits else start + most
            out.append((start, cut))
            start = cut
        out.append((start, height))
        return out

    def layout(self) -> dict:
        """Place every box, label and exit; returns the boxes' markup and positions."""
        shape = self.shape
        y = 8.0 if shape.narrow else float(self.header)
        placed: dict[int, tuple[float, float, float]] = {}  # number → (x, top, bottom) of the box
        chips: dict[int, list[tuple[Outcome, float, float, float, float, tuple | None]]] = {}
        markup: list[str] = []
        self.sections: list[tuple[str, float, float, list[str]]] = []  # narrow: (phase, top, bottom, name)
        order = self.runs if shape.narrow else [(None, self.nodes)]
        for run, (phase, nodes) in enumerate(order):
            if shape.narrow:
                section_top = y
                y += self.band
                if not nodes:
                    y += self.gap_height if phase in self.required else 4
            for node in nodes:
                x = self.box_x(node.phase)
                top = y
                y = self.box(node, x, top, markup)
                placed[node.number] = (x, top, y)
                y = self.end_under(node, x, y, markup)  # a step that ends the case: the end under it
                self.row_cuts.append(top - ROW_GAP / 2)
                if node.outcomes:
                    chips[node.number] = []
                    y += 6
                    for outcome in node.outcomes:
                        y = self.chip(node, outcome, x, y, markup, chips[node.number])
                y += ROW_GAP
            if shape.narrow:
                self.sections.append((phase, section_top, y - (ROW_GAP - 10 if nodes else 0), self.run_names[run]))
                y += 2 if nodes else 12
        self.bottom = y - (ROW_GAP if not shape.narrow else 0)
        return {"svg": markup, "placed": placed, "chips": chips}

    def box(self, node: StepNode, x: float, top: float, markup: list[str]) -> float:
        shape = self.shape
        inner = self.box_width - 2 * PAD
        head = wrap(f"{node.number}. {node.role}", inner, shape.head_size, bold=True)
        summary = wrap(node.summary, inner, shape.text_size) if shape.summaries else []
        question = wrap("◆ " + node.question, inner, shape.text_size, bold=True) if node.question else []
        head_line, text_line = shape.head_size + 4, shape.text_size + 4
        height = PAD + len(head) * head_line + 4 + (len(summary) + len(question)) * text_line + PAD
        border = LANE_BORDERS[node.phase]
        markup.append(f'<a href="#{escape(self.anchor)}{node.number}">')
        markup.append(f'<rect class="as-step" x="{x:g}" y="{top:g}" width="{self.box_width:g}" height="{height:g}"'
                      f' rx="4" fill="#fff" stroke="{border}" stroke-width="{2 if node.question else 1}"/>')
        y = top + PAD + shape.head_size
        for line in head:
            markup.append(f'<text x="{x + PAD:g}" y="{y:g}" font-size="{shape.head_size}" font-weight="bold"'
                          f' fill="#222">{escape(line)}</text>')
            y += head_line
        y += 4 + shape.text_size - shape.head_size
        for line in summary:
            markup.append(f'<text x="{x + PAD:g}" y="{y:g}" font-size="{shape.text_size}" fill="#333">{escape(line)}</text>')
            y += text_line
        for line in question:
            markup.append(f'<text class="as-question" x="{x + PAD:g}" y="{y:g}" font-size="{shape.text_size}"'
                          f' font-weight="bold" fill="{border}">{escape(line)}</text>')
            y += text_line
        markup.append("</a>")
        return top + height

    def chip(self, node: StepNode, outcome: Outcome, box_x: float, top: float, markup: list[str], out: list) -> float:
        """An outcome's label (its full wording) under the decision box; an exit beside it."""
        shape = self.shape
        size, line_height = shape.chip_size, shape.chip_size + 3
        x = box_x + CHIP_INDENT
        exit_box = None
        if outcome.exit is not None and shape.narrow:
            width = (self.box_width - CHIP_INDENT) * 0.5
            exit_x, exit_width = x + width + 16, box_x + self.box_width - (x + width + 16)
        else:
            width = self.box_width - CHIP_INDENT
            if outcome.exit is not None:  # wide: in the neighbouring lane, empty on this step's row
                index = PHASES.index(node.phase)
                neighbour = PHASES[index + 1] if index + 1 < len(PHASES) else PHASES[index - 1]
                exit_x, exit_width = self.box_x(neighbour), self.box_width
        lines = wrap(outcome.label, width - 2 * PAD, size)
        height = len(lines) * line_height + 8
        exit_lines: list[str] = []
        if outcome.exit is not None:
            exit_lines = wrap(outcome.exit, exit_width - 2 * PAD, size, bold=True)
            exit_box = (exit_x, exit_width, exit_lines)
        border = LANE_BORDERS[node.phase]
        group = ['<g class="as-outcome">',
                 (f'<rect class="as-label" x="{x:g}" y="{top:g}" width="{width:g}" height="{height:g}" rx="9"'
                  f' fill="#fafafa" stroke="{border}" stroke-dasharray="3 2"/>')]
        y = top + 4 + size
        for line in lines:
            group.append(f'<text x="{x + PAD:g}" y="{y:g}" font-size="{size}" fill="#222">{escape(line)}</text>')
            y += line_height
        if exit_box is not None:
            exit_x, exit_width, exit_lines = exit_box
            exit_height = len(exit_lines) * line_height + 8
            group.append(f'<rect class="as-exit" x="{exit_x:g}" y="{top:g}" width="{exit_width:g}"'
                         f' height="{exit_height:g}" rx="{min(exit_height / 2, 12):g}" fill="#eceff1"'
                         f' stroke="{ARROW}"/>')
            height = max(height, exit_height)
            y = top + 4 + size
            for line in exit_lines:
                group.append(f'<text x="{exit_x + PAD:g}" y="{y:g}" font-size="{size}" font-weight="bold"'
                             f' fill="#222">{escape(line)}</text>')
                y += line_height
        markup.extend(group)
        out.append((outcome, x, width, top, height, exit_box, len(markup)))
        markup.append("</g>")
        return top + height + 4

    def lanes(self, height: float) -> None:
        """Wide: one lane per phase, full height. Narrow: a section per run of a phase, in run order."""
        shape = self.shape
        sections = self.sections if shape.narrow else [(phase, None, None, self.lane_names[phase]) for phase in PHASES]
        for phase, top, bottom, names in sections:
            gap = self.counts[phase] == 0 and phase in self.required
            stroke = "#c62828" if gap else LANE_BORDERS[phase]
            dash = ' stroke-dasharray="6 4"' if gap else ""
            fill = "#ffebee" if gap else LANE_COLOURS[phase]
            if shape.narrow:
                x, width, lane_height = 2.0, shape.lane_width, bottom - top
                text_x, text_y, anchor = x + 8, top + 21, "start"
            else:
                x, top, width, lane_height = self.lane_x(phase), 8.0, shape.lane_width, height - 16
                text_x, text_y, anchor = x + shape.lane_width / 2, top + 20, "middle"
            self.parts.append(f'<rect class="as-lane as-lane-{phase}{" as-gap" if gap else ""}" x="{x:g}" y="{top:g}"'
                              f' width="{width:g}" height="{lane_height:g}" rx="6" fill="{fill}" stroke="{stroke}"{dash}/>')
            for line in names:
                self.parts.append(f'<text x="{text_x:g}" y="{text_y:g}" text-anchor="{anchor}" font-weight="bold"'
                                  f' font-size="{shape.head_size + 1}" fill="#222">{escape(line)}</text>')
                text_y += shape.head_size + 5
            for line in self.gap_lines if gap else []:
                self.parts.append(f'<text x="{text_x:g}" y="{text_y + 4:g}" text-anchor="{anchor}"'
                                  f' font-size="{shape.text_size}" fill="#c62828" font-weight="bold">{escape(line)}</text>')
                text_y += shape.text_size + 4

    def flow(self, boxes: dict) -> None:
        placed, chips, markup = boxes["placed"], boxes["chips"], boxes["svg"]
        shape = self.shape
        marker = f' marker-end="url(#{self.base}-arrow)"'
        for node in self.nodes:
            x, top, bottom = placed[node.number]
            if node.then is not None:  # a step that says where the case goes after it: there
                if node.then.target is not None:
                    self.arrows.append(self.jump(node, placed))
                continue
            if not node.outcomes:
                if node.number == len(self.nodes):
                    continue
                x2, top2, _ = placed[node.number + 1]
                if shape.narrow:
                    line_x = x + self.box_width - 24
                    path = f"M{line_x:g},{bottom:g} V{top2 - 1:g}"
                elif x2 == x:
                    path = f"M{x + self.box_width / 2:g},{bottom:g} V{top2 - 1:g}"
                else:  # on to another lane: out of the side facing it, down into the next box
                    mid = (top + bottom) / 2
                    side = x + self.box_width if x2 > x else x
                    path = f"M{side:g},{mid:g} H{x2 + self.box_width / 2:g} V{top2 - 1:g}"
                self.arrows.append(f'<path class="as-flow" d="{path}" fill="none" stroke="{ARROW}"'
                                   f' stroke-width="1.4"{marker}/>')
                continue
            for outcome, chip_x, chip_width, chip_top, chip_height, exit_box, at in chips[node.number]:
                y = chip_top + min(chip_height / 2, 12)
                if exit_box is not None:
                    exit_x = exit_box[0]
                    if exit_x > chip_x:
                        path = f"M{chip_x + chip_width:g},{y:g} H{exit_x - 1:g}"
                    else:
                        path = f"M{chip_x:g},{y:g} H{exit_x + exit_box[1] + 1:g}"
                else:
                    tx, ttop, _ = placed[outcome.target]
                    ty = ttop + PAD + shape.head_size / 2 + 2
                    if shape.narrow:
                        corridor = self.box_x(node.phase) + self.box_width
                        track = self.track("right", outcome.target, corridor + 6, shape.gap - 6)
                        path = f"M{chip_x + chip_width:g},{y:g} H{track:g} V{ty:g} H{corridor + 1:g}"
                    else:
                        target_phase = self.nodes[outcome.target - 1].phase
                        corridor = self.lane_x(target_phase) - shape.gap
                        track = self.track(target_phase, outcome.target, corridor, shape.gap)
                        start = chip_x + chip_width if track > chip_x else chip_x
                        path = f"M{start:g},{y:g} H{track:g} V{ty:g} H{tx - 1:g}"
                markup[at - 1] += (f'<path class="as-branch" d="{path}" fill="none" stroke="{ARROW}"'
                                   f' stroke-width="1.4"{marker}/>')

    def description(self) -> str:
        """The diagram in words, for screen readers: each step in the order the case runs (a phase
        named each time the work comes back to it), and where each outcome leads."""
        entries: dict[int, str] = {}
        steps = [step for _, _, step in run_order(self.procedure)]
        for node, step in zip(self.nodes, steps):
            entry = f"{node.number}. {node.role}: {self.text(step.action)}"
            if node.question:
                branches = "; ".join(
                    f"{outcome.label} → "
                    + (f"{self.label('go_to_step')} {outcome.target}" if outcome.target else outcome.exit or "")
                    for outcome in node.outcomes)
                entry += f" {self.label('decision')}: {node.question} {branches}"
            elif node.then is not None:  # "... leaves them the original → continue with step 4"
                entry = entry.rstrip(".") + " → " + (f"{self.label('go_to_step')} {node.then.target}"
                                                      if node.then.target else node.then.exit)
            entries[node.number] = entry
        return " ".join(f"{self.label('phase.' + phase)}: "
                        + sentence([entries[node.number] for node in nodes] or [self.label("no_steps")])
                        for phase, nodes in self.runs)
