"""Arrows of a procedure diagram that are not a decision's: the tracks the jumps share, and the
way on of a step without a decision that says where the case goes after it — ``next_step``, an
arrow to that step drawn as an outcome's jump is, instead of the flow to the next row; ``end``, an
arrow into "End of the procedure" right under the step.

A mixin of :class:`generator.render.diagram_svg.Drawing` (its shape, boxes and lanes).
"""

from __future__ import annotations

from html import escape

from generator.render.diagram_steps import StepNode, wrap

ARROW = "#37474f"
PAD = 6  # text inside its box
TRACK_STEP = 5
END_GAP = 14  # between a step and its end under it


class Arrows:
    def track(self, key: str, target: int, left: float, room: float) -> float:
        """The x of the vertical track, in the corridor ``[left, left + room]``, of the arrows to
        step ``target``: they share one, so the outcomes that lead to the same step join."""
        if (key, target) not in self.buses:
            capacity = max(1, int((room - 8) // TRACK_STEP) + 1)
            used = self.tracks.get(key, 0)
            self.tracks[key] = used + 1
            self.buses[(key, target)] = left + 4 + (used % capacity) * TRACK_STEP
        return self.buses[(key, target)]

    def arrow(self, css: str, path: str) -> str:
        return (f'<path class="{css}" d="{path}" fill="none" stroke="{ARROW}" stroke-width="1.4"'
                f' marker-end="url(#{self.base}-arrow)"/>')

    def end_under(self, node: StepNode, x: float, bottom: float, markup: list[str]) -> float:
        """A step that ends the case: "End of the procedure" under it, its arrow into it; the y below."""
        if node.then is None or node.then.exit is None:
            return bottom
        size, line_height = self.shape.chip_size, self.shape.chip_size + 3
        width = self.box_width * 0.6
        left, top = x + self.box_width - width, bottom + END_GAP
        lines = wrap(node.then.exit, width - 2 * PAD, size, bold=True)
        height = len(lines) * line_height + 8
        markup.append('<g class="as-then">' + self.arrow("as-jump", f"M{left + width / 2:g},{bottom:g} V{top - 1:g}")
                      + f'<rect class="as-exit" x="{left:g}" y="{top:g}" width="{width:g}" height="{height:g}"'
                        f' rx="{min(height / 2, 12):g}" fill="#eceff1" stroke="{ARROW}"/>')
        y = top + 4 + size
        for line in lines:
            markup.append(f'<text x="{left + PAD:g}" y="{y:g}" font-size="{size}" font-weight="bold"'
                          f' fill="#222">{escape(line)}</text>')
            y += line_height
        markup.append("</g>")
        return top + height

    def jump(self, node: StepNode, placed: dict) -> str:
        """A step that goes on with ``next_step``: from its side, along the target's track, into the target."""
        shape, target = self.shape, node.then.target
        x, _, bottom = placed[node.number]
        tx, ttop, _ = placed[target]
        y, ty = bottom - 10, ttop + PAD + shape.head_size / 2 + 2
        if shape.narrow:
            corridor = x + self.box_width
            track = self.track("right", target, corridor + 6, shape.gap - 6)
            return self.arrow("as-jump", f"M{corridor:g},{y:g} H{track:g} V{ty:g} H{corridor + 1:g}")
        target_phase = self.nodes[target - 1].phase
        corridor = self.lane_x(target_phase) - shape.gap
        track = self.track(target_phase, target, corridor, shape.gap)
        start = x + self.box_width if track > x else x
        return self.arrow("as-jump", f"M{start:g},{y:g} H{track:g} V{ty:g} H{tx - 1:g}")
