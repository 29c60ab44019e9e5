"""Static SVG charts: pure functions from labels and numbers to one self-contained `<svg>` string.

No scripts, fonts, images or external references: the result works inline in an HTML page
opened offline or from a mail attachment, in a browser's print preview, or saved as a
`.svg` file. Colours are presentation attributes (an Okabe-Ito palette, safe for every common
colour-vision deficiency), and every series also differs by line style and marker shape,
so nothing depends on colour alone.

Every piece of text (labels, titles, tooltips) enters the SVG through `text()`, the one
escaping function here. Output is deterministic: coordinates are rounded to 0.1, ids come
from the caller's `id`, and the same arguments give the same bytes.

Accessible by construction: the root has `role="img"` and is labelled by its own `<title>`
and `<desc>`; each axis and each point has a `<title>` that browsers show as a tooltip, with
the full label where the drawn one is shortened.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape as _xml_escape

from pmladder.io.sanitize import visible as sanitised

__all__ = ["BLUE", "GREY", "ORANGE", "Series", "line_chart", "radar", "shorten", "text", "visible", "wrap"]

BLUE = "#0072B2"  # Okabe-Ito blue: the person's own ratings
ORANGE = "#D55E00"  # Okabe-Ito vermillion: what the role requires
GREY = "#6B7280"
GRID = "#D1D5DB"
INK = "#1F2937"


def visible(value: object) -> str:
    """Any value as text with control, bidirectional and invisible characters shown as escapes (the one sanitiser)."""
    return sanitised(str(value))


def text(value: object) -> str:
    """The one way text enters an SVG: invisible characters made visible, then XML-escaped (quotes too)."""
    return _xml_escape(visible(value), quote=True)


def shorten(label: str, limit: int) -> str:
    """`label` cut to at most `limit` characters with an ellipsis, at a word boundary when one is near."""
    label = " ".join(label.split())
    if len(label) <= limit:
        return label
    cut = label[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–(") + "…"


def wrap(label: str, width: int, lines: int) -> list[str]:
    """`label` in at most `lines` lines of at most `width` characters, broken at spaces; the last shortened."""
    words = label.split()
    out: list[str] = []
    while words and len(out) < lines - 1:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= width:
            line += " " + words.pop(0)
        if len(line) > width:  # one word longer than a line: cut it, the rest goes on
            words.insert(0, line[width:])
            line = line[:width]
        out.append(line)
    if words:
        out.append(shorten(" ".join(words), width))
    return out


@dataclass(frozen=True)
class Series:
    """One data series: a value per axis (radar) or per x position (line chart).

    None is unknown, never zero: a radar draws it as a hollow ring and leaves the area open
    there; a line chart leaves a gap in the line.
    """

    name: str
    values: tuple[float | None, ...]
    colour: str = BLUE
    dashed: bool = False  # a dashed outline and square markers (the reference series)
    filled: bool = True  # a translucent area under the outline (radar only)


def _n(value: float) -> str:
    """A coordinate: one decimal, no trailing '.0', never '-0'."""
    rounded = round(value, 1)
    if rounded == 0:
        return "0"
    return f"{rounded:.1f}".removesuffix(".0")


def _svg_open(id: str, width: float, height: float, title: str, desc: str, css_class: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{text(css_class)}" viewBox="0 0 {_n(width)} {_n(height)}"'
        f' width="{_n(width)}" height="{_n(height)}" role="img" aria-labelledby="{text(id)}-title {text(id)}-desc"'
        " font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif\">",
        f'<title id="{text(id)}-title">{text(title)}</title>',
        f'<desc id="{text(id)}-desc">{text(desc)}</desc>',
    ]


def _label_budget(count: int) -> int:
    """How many characters a line of an axis label may show (its number included): fewer as axes crowd."""
    if count <= 8:
        return 22
    if count <= 16:
        return 19
    if count <= 24:
        return 17
    return 15


@dataclass(frozen=True)
class _Polar:
    """Where values fall on a radar: the centre, the radius of the top level, an angle per axis."""

    cx: float
    cy: float
    radius: float
    levels: int
    count: int

    def angle(self, i: int) -> float:
        return -math.pi / 2 + 2 * math.pi * i / self.count

    def at(self, i: int, value: float) -> tuple[float, float]:
        r = self.radius * max(0.0, min(value, self.levels)) / self.levels
        return self.cx + r * math.cos(self.angle(i)), self.cy + r * math.sin(self.angle(i))


def _points(values: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in values)


def radar(
    axes: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    desc: str,
    levels: int = 5,
    unknown_at: Sequence[float | None] | None = None,
    value_names: Sequence[str] = (),
    numbered: bool = True,
    id: str = "radar",
    radius: float = 190,
) -> str:
    """A radar (spider) chart: one axis per label, rings at 1..`levels`, one outline per series.

    `axes` are the full labels (3 to 30 read well); they are drawn shortened to fit, numbered
    from 1 when `numbered` (so a table beside the chart can be matched), with the full label in
    each axis's tooltip. A series' None is drawn as a hollow dashed ring at `unknown_at[i]`
    (default: the middle ring) and the filled area leaves that axis open: unknown is not zero.
    `value_names` name the levels in tooltips (e.g. 'Independent' for 3). Dashed series are
    drawn first, so the person's own area sits on top.
    """
    count = len(axes)
    if count < 3:
        raise ValueError("a radar needs at least 3 axes")
    for s in series:
        if len(s.values) != count:
            raise ValueError(f"series '{s.name}' has {len(s.values)} values for {count} axes")
    budget = _label_budget(count)
    font = 13 if count <= 16 else 12 if count <= 24 else 11
    margin_x = budget * font * _CHAR + 16
    lines_max = 2
    leading = font * 1.15
    margin_y = font * 2 + 14 + (lines_max - 1) * leading + _PUSHES[-1] * font
    width, height = 2 * (radius + margin_x), 2 * (radius + margin_y)
    polar = _Polar(width / 2, height / 2, radius, levels, count)
    cx, cy = polar.cx, polar.cy

    out = _svg_open(id, width, height, title, desc, "chart radar")
    # the grid: a ring per level and a spoke per axis
    out.append(f'<g class="grid" fill="none" stroke="{GRID}" stroke-width="1">')
    out += [f'<polygon points="{_points([polar.at(i, lv) for i in range(count)])}"/>' for lv in range(1, levels + 1)]
    for i in range(count):
        x, y = polar.at(i, levels)
        out.append(f'<line x1="{_n(cx)}" y1="{_n(cy)}" x2="{_n(x)}" y2="{_n(y)}"/>')
    out.append("</g>")
    rings = [levels / 2 if unknown_at is None or unknown_at[i] is None else unknown_at[i] for i in range(count)]
    for k, s in sorted(enumerate(series), key=lambda item: (not item[1].dashed, item[0])):
        out += _radar_series(s, k, polar, axes, [float(r or 0) for r in rings], value_names)
    # the level numbers up the first spoke, over the series, each on a white halo
    out.append(
        f'<g class="ticks" fill="{GREY}" font-size="10" text-anchor="end" stroke="#FFFFFF" stroke-width="3"'
        ' paint-order="stroke" aria-hidden="true">'
    )
    for level in range(1, levels + 1):
        _, y = polar.at(0, level)
        out.append(f'<text x="{_n(cx - 5)}" y="{_n(y + 3.5)}">{level}</text>')
    out.append("</g>")
    # the axis labels, just outside the outer ring, anchored away from the centre, on up to two lines
    out.append(f'<g class="labels" fill="{INK}" font-size="{font}">')
    for x, y, anchor, lines, label in _place_labels(polar, axes, numbered, budget, font, leading):
        spans = "".join(
            f'<tspan x="{_n(x)}" dy="{_n(leading)}">{text(line)}</tspan>' if n else text(line)
            for n, line in enumerate(lines)
        )
        out.append(f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}"><title>{text(label)}</title>{spans}</text>')
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


_Box = tuple[float, float, float, float]  # left, top, right, bottom
_PUSHES = (0.0, 0.6, 1.2, 1.8)  # how far, in font sizes, a crowded label may move out from the ring
_CHAR = 0.6  # a character's width in font sizes, generous for the system fonts


@dataclass
class _Label:
    i: int
    full: str
    shown: str
    anchor: str
    push: float = 0.0
    lines: list[str] | None = None


def _place_labels(
    polar: _Polar, axes: Sequence[str], numbered: bool, budget: int, font: float, leading: float
) -> list[tuple[float, float, str, list[str], str]]:
    """Where each axis label goes, as (x, y, anchor, lines, full label).

    First every label on one line, from the sides towards the top and bottom, moved out from
    the ring (a little at a time) until it clears the labels placed before it; then each
    shortened label gets a second line where that clears every other label (near the top and
    bottom, else a longer single line). Near the top and the bottom the labels crowd; at the
    sides there is room for two lines.
    """
    labels = []
    for i, full in enumerate(axes):
        cos = math.cos(polar.angle(i))
        anchor = "middle" if abs(cos) < 0.08 else "start" if cos > 0 else "end"
        labels.append(_Label(i, full, f"{i + 1} {full}" if numbered else full, anchor))

    def geometry(label: _Label, lines: list[str], push: float) -> tuple[float, float, _Box]:
        sin, cos = math.sin(polar.angle(label.i)), math.cos(polar.angle(label.i))
        out = polar.radius + 10 + push * font
        x = polar.cx + out * cos
        y = polar.cy + out * sin + font * (0.35 + 0.55 * sin)
        if label.anchor == "middle":  # the top and bottom labels clear their slanted neighbours
            y += sin * font * 0.5
        y -= (len(lines) - 1) * leading * (1 - sin) / 2  # above the ring at the top, below it at the bottom
        width = max(len(line) for line in lines) * font * _CHAR
        left = x - width / 2 if label.anchor == "middle" else x if label.anchor == "start" else x - width
        return x, y, (left, y - font * 0.8, left + width, y + (len(lines) - 1) * leading + font * 0.25)

    boxes: dict[int, _Box] = {}
    # pass 1: one line each, from the sides (where there is room) towards the top and bottom,
    # each pushed out (up or down, there) until clear of those placed, else where it overlaps least
    for label in sorted(labels, key=lambda lb: (-abs(math.cos(polar.angle(lb.i))), lb.i)):
        one = wrap(label.shown, budget, 1)
        options = [
            (sum(_overlap(geometry(label, one, push)[2], b) for b in boxes.values()), n, push)
            for n, push in enumerate(_PUSHES)
        ]
        label.lines, label.push = one, min(options)[2]
        boxes[label.i] = geometry(label, one, label.push)[2]
    for label in labels:  # pass 2: a second line where it fits; near the top and bottom, else a longer line
        if label.lines == [label.shown]:
            continue
        longer = [] if abs(math.cos(polar.angle(label.i))) > 0.5 else [wrap(label.shown, budget * 3 // 2, 1)]
        for lines in [wrap(label.shown, budget, 2), *longer]:
            box = geometry(label, lines, label.push)[2]
            if not any(_overlap(box, b) for j, b in boxes.items() if j != label.i):
                label.lines, boxes[label.i] = lines, box
                break
    placed = []
    for label in labels:
        lines = label.lines or []
        x, y, _ = geometry(label, lines, label.push)
        placed.append((x, y, label.anchor, lines, label.full))
    return placed


def _overlap(a: _Box, b: _Box, pad: float = 2) -> float:
    """How much two boxes overlap (their area, with `pad` around each); 0 when they are clear."""
    across = min(a[2], b[2]) - max(a[0], b[0]) + pad
    down = min(a[3], b[3]) - max(a[1], b[1]) + pad
    return across * down if across > 0 and down > 0 else 0.0


def _radar_series(
    s: Series, k: int, polar: _Polar, axes: Sequence[str], unknown_at: Sequence[float], value_names: Sequence[str]
) -> list[str]:
    """One series: its area and outline, a marker per known value, a hollow ring per unknown one."""

    def level_name(value: float) -> str:
        whole = int(value)
        named = whole == value and 1 <= whole <= len(value_names)
        return f"{value:g} {value_names[whole - 1]}" if named else f"{value:g}"

    dash = ' stroke-dasharray="6 4"' if s.dashed else ""
    stroke = f'stroke="{s.colour}" stroke-width="2.5" stroke-linejoin="round"{dash}'
    area = f'fill="{s.colour}" fill-opacity="0.18"'
    out = [f'<g class="series series-{k}" data-series="{text(s.name)}">']
    known = [v is not None for v in s.values]
    vertex = {i: polar.at(i, v) for i, v in enumerate(s.values) if v is not None}
    if all(known):
        fill = area if s.filled else 'fill="none"'
        out.append(f'<polygon class="area" points="{_points(list(vertex.values()))}" {fill} {stroke}/>')
    else:
        # each run of neighbouring known axes is an open outline, and its area a fan from the
        # centre: the shape is open at an unknown axis instead of dropping to zero there
        runs = [run for run in _runs(known) if len(run) >= 2]
        if s.filled and runs:
            fans = " ".join(
                "M" + " L".join(f"{_n(x)},{_n(y)}" for x, y in [(polar.cx, polar.cy), *(vertex[i] for i in run)]) + "Z"
                for run in runs
            )
            out.append(f'<path class="area" d="{fans}" {area}/>')
        out += [
            f'<polyline class="outline" points="{_points([vertex[i] for i in run])}" fill="none" {stroke}/>'
            for run in runs
        ]
    for i, v in enumerate(s.values):
        if v is None:
            x, y = polar.at(i, unknown_at[i])
            tip = text(f"{axes[i]}: {s.name}: not rated (to find out)")
            out.append(
                f'<circle class="unknown" cx="{_n(x)}" cy="{_n(y)}" r="6" fill="#FFFFFF" stroke="{s.colour}"'
                f' stroke-width="2" stroke-dasharray="3 2"><title>{tip}</title></circle>'
            )
            continue
        x, y = vertex[i]
        tip = text(f"{axes[i]}: {s.name} {level_name(v)}")
        if s.dashed:
            out.append(
                f'<rect class="marker" x="{_n(x - 3.5)}" y="{_n(y - 3.5)}" width="7" height="7" fill="{s.colour}">'
                f"<title>{tip}</title></rect>"
            )
        else:
            out.append(
                f'<circle class="marker" cx="{_n(x)}" cy="{_n(y)}" r="4.5" fill="{s.colour}" stroke="#FFFFFF"'
                f' stroke-width="1.5"><title>{tip}</title></circle>'
            )
    out.append("</g>")
    return out


def _runs(known: Sequence[bool]) -> list[list[int]]:
    """Maximal runs of consecutive True indices, wrapping from the last axis to the first."""
    count = len(known)
    if all(known):
        return [list(range(count))]
    if not any(known):
        return []
    start = known.index(False)  # begin just after an unknown axis, so no run is split by the wrap
    runs: list[list[int]] = []
    current: list[int] = []
    for step in range(1, count + 1):
        i = (start + step) % count
        if known[i]:
            current.append(i)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def line_chart(
    x_labels: Sequence[str],
    lines: Sequence[Series],
    *,
    title: str,
    desc: str,
    y_min: float = 0,
    y_max: float = 100,
    y_ticks: Sequence[float] = (0, 25, 50, 75, 100),
    unit: str = "%",
    id: str = "line",
    width: float = 640,
    height: float = 280,
) -> str:
    """A line chart over evenly spaced x positions (e.g. assessment dates), one line per series.

    Values are clamped to [y_min, y_max]; None leaves a gap in its line (unknown is not zero).
    Each point carries a tooltip with its x label, series and value. When the x labels would
    crowd, only every k-th is drawn (the first and the last always).
    """
    count = len(x_labels)
    if count < 1:
        raise ValueError("a line chart needs at least one point")
    if y_max <= y_min:
        raise ValueError("y_max must be above y_min")
    for s in lines:
        if len(s.values) != count:
            raise ValueError(f"series '{s.name}' has {len(s.values)} values for {count} x positions")
    left, right, top, bottom = 48.0, 20.0, 16.0, 40.0
    plot_w, plot_h = width - left - right, height - top - bottom
    label_chars = 14
    inset = label_chars * 3.4  # half a label's width: the first and last labels fit under the plot
    room = max(2, int((plot_w - 2 * inset) // (label_chars * 6.8 + 10)) + 1)

    def x_at(i: int) -> float:
        return left + (plot_w / 2 if count == 1 else inset + (plot_w - 2 * inset) * i / (count - 1))

    def y_at(value: float) -> float:
        clamped = max(y_min, min(value, y_max))
        return top + plot_h * (1 - (clamped - y_min) / (y_max - y_min))

    out = _svg_open(id, width, height, title, desc, "chart line-chart")
    out.append(f'<g class="grid" stroke="{GRID}" stroke-width="1">')
    for tick in y_ticks:
        y = y_at(tick)
        out.append(f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(width - right)}" y2="{_n(y)}"/>')
    out.append("</g>")
    out.append(f'<g class="ticks" fill="{GREY}" font-size="11" aria-hidden="true">')
    for tick in y_ticks:
        out.append(
            f'<text x="{_n(left - 6)}" y="{_n(y_at(tick) + 4)}" text-anchor="end">{text(f"{tick:g}{unit}")}</text>'
        )
    for i in _thinned(count, room):
        out.append(
            f'<text x="{_n(x_at(i))}" y="{_n(height - bottom + 18)}" text-anchor="middle">'
            f"<title>{text(x_labels[i])}</title>{text(shorten(x_labels[i], label_chars))}</text>"
        )
    out.append("</g>")
    for k, s in enumerate(lines):
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        out.append(f'<g class="series series-{k}" data-series="{text(s.name)}">')
        segment: list[str] = []
        segments: list[list[str]] = []
        for i, v in enumerate(s.values):
            if v is None:
                if segment:
                    segments.append(segment)
                segment = []
            else:
                segment.append(f"{_n(x_at(i))},{_n(y_at(v))}")
        if segment:
            segments.append(segment)
        for seg in segments:
            if len(seg) >= 2:
                out.append(
                    f'<polyline points="{" ".join(seg)}" fill="none" stroke="{s.colour}" stroke-width="2.5"'
                    f' stroke-linejoin="round"{dash}/>'
                )
        for i, v in enumerate(s.values):
            if v is None:
                continue
            tip = f"{x_labels[i]}: {s.name} {v:g}{unit}"
            x, y = x_at(i), y_at(v)
            if s.dashed:
                out.append(
                    f'<rect x="{_n(x - 3.5)}" y="{_n(y - 3.5)}" width="7" height="7" fill="{s.colour}">'
                    f"<title>{text(tip)}</title></rect>"
                )
            else:
                out.append(
                    f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{s.colour}" stroke="#FFFFFF" stroke-width="1.5">'
                    f"<title>{text(tip)}</title></circle>"
                )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _thinned(count: int, room: int) -> list[int]:
    """The x positions to label: every k-th so that at most `room` fit, always the first and the last."""
    if count <= room:
        return list(range(count))
    every = math.ceil((count - 1) / (room - 1))
    picked = list(range(0, count, every))
    if picked[-1] != count - 1:
        if count - 1 - picked[-1] < every / 2:
            picked[-1] = count - 1  # too close to its neighbour: the last one replaces it
        else:
            picked.append(count - 1)
    return picked
