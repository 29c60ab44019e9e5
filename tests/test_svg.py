"""The SVG charts: well-formed, accessible, inside their viewBox, honest about unknowns, deterministic, inert."""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET

import pytest

from pmladder.reports.svg import BLUE, ORANGE, Series, line_chart, radar, shorten, text, wrap

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>\"'><svg onload=alert(2)>&amp;\x1b[2J\u202egnp.exe\x00"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def find(root: ET.Element, tag: str, cls: str | None = None) -> list[ET.Element]:
    found = root.iter(f"{NS}{tag}")
    return [e for e in found if cls is None or cls in (e.get("class") or "").split()]


def view_box(root: ET.Element) -> tuple[float, float]:
    x, y, width, height = (float(v) for v in (root.get("viewBox") or "").split())
    assert (x, y) == (0, 0)
    return width, height


def coordinates(root: ET.Element) -> list[tuple[float, float]]:
    """Every drawn point: polygon and polyline vertices, path vertices, circle centres, line ends, text anchors."""
    found: list[tuple[float, float]] = []
    for e in root.iter():
        for attr in ("points", "d"):
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", e.get(attr) or "")]
            found += list(zip(numbers[::2], numbers[1::2], strict=True))
        for x, y in (("cx", "cy"), ("x", "y"), ("x1", "y1"), ("x2", "y2")):
            if e.get(x) is not None and e.get(y) is not None:
                found.append((float(e.get(x) or 0), float(e.get(y) or 0)))
    return found


def assert_inside(root: ET.Element) -> None:
    width, height = view_box(root)
    points = coordinates(root)
    assert points
    for x, y in points:
        assert 0 <= x <= width and 0 <= y <= height, (x, y, width, height)


def assert_accessible(root: ET.Element, id: str) -> None:
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{id}-title {id}-desc"
    title, desc = list(root)[:2]
    assert (title.tag, title.get("id")) == (f"{NS}title", f"{id}-title")
    assert (desc.tag, desc.get("id")) == (f"{NS}desc", f"{id}-desc")
    assert (title.text or "").strip() and (desc.text or "").strip()


def two_series(count: int, unknown: set[int] | None = None) -> list[Series]:
    required = tuple(float(1 + i % 5) for i in range(count))
    mine = tuple(None if unknown and i in unknown else float(1 + (i * 3) % 5) for i in range(count))
    return [Series("Required", required, ORANGE, dashed=True, filled=False), Series("You", mine, BLUE)]


def skill_names(count: int) -> list[str]:
    return [f"Skill number {i} with a rather long name that will not fit" for i in range(count)]


@pytest.mark.parametrize("count", [3, 4, 5, 8, 12, 18, 25, 30])
def test_radar_structure(count: int) -> None:
    root = parse(radar(skill_names(count), two_series(count), title="Ratings", desc="Yours against the role"))
    assert_accessible(root, "radar")
    assert_inside(root)
    assert len(find(root, "polygon")) == 5 + 2  # five level rings, one area per series
    areas = find(root, "polygon", "area")
    assert [len((a.get("points") or "").split()) for a in areas] == [count, count]
    assert len(find(root, "line")) == count  # a spoke per axis
    assert len(find(root, "circle", "marker")) == count  # the person's values
    assert len(find(root, "rect", "marker")) == count  # the requirement's values, a different shape
    labels = [t for t in find(root, "text") if t.find(f"{NS}title") is not None]
    assert [t.findtext(f"{NS}title") for t in labels] == skill_names(count)  # full names in the tooltips


def label_lines(label: ET.Element) -> list[str]:
    title = label.find(f"{NS}title")
    assert title is not None and not (label.text or "").strip()  # the tooltip comes first
    return [title.tail or "", *(span.text or "" for span in label.iter(f"{NS}tspan"))]


@pytest.mark.parametrize("count", [3, 10, 18, 24, 25, 30])
def test_radar_labels_are_shortened_for_display_only(count: int) -> None:
    root = parse(radar(skill_names(count), two_series(count), title="t", desc="d"))
    labels = [t for t in find(root, "text") if t.find(f"{NS}title") is not None]
    assert len(labels) == count
    for n, label in enumerate(labels):
        full = label.findtext(f"{NS}title") or ""
        shown = label_lines(label)
        assert 1 <= len(shown) <= 2
        assert all(len(line) <= 33 for line in shown)  # a line of 22 at most, or one longer line near the poles
        assert shown[-1].endswith("…")
        assert f"{n + 1} {full}".startswith(" ".join(shown)[:-1])


@pytest.mark.parametrize("count", range(3, 31))
def test_radar_labels_do_not_overlap(count: int) -> None:
    """Estimated with a generous character width: crowded labels move out or keep one line."""
    root = parse(radar(skill_names(count), two_series(count), title="t", desc="d"))
    width, height = view_box(root)
    font = float(next(g for g in find(root, "g", "labels")).get("font-size") or 0)
    boxes = []
    for label in (t for t in find(root, "text") if t.find(f"{NS}title") is not None):
        lines = label_lines(label)
        x, y, anchor = float(label.get("x") or 0), float(label.get("y") or 0), label.get("text-anchor")
        extent = max(len(line) for line in lines) * font * 0.6
        left = {"start": x, "middle": x - extent / 2, "end": x - extent}[anchor or "start"]
        bottom = (
            y + (len(lines) - 1) * float(label.iter(f"{NS}tspan").__next__().get("dy") or 0) if len(lines) > 1 else y
        )
        boxes.append((left, y - font * 0.8, left + extent, bottom + font * 0.25))
    for box in boxes:
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height, (box, width, height)
    for a, b in itertools.combinations(boxes, 2):
        assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


@pytest.mark.parametrize(
    ("label", "width", "lines", "expected"),
    [
        ("Writing", 16, 2, ["Writing"]),
        ("5 Discovery and user research", 16, 2, ["5 Discovery and", "user research"]),
        ("12 Stakeholder management and alignment", 16, 2, ["12 Stakeholder", "management and…"]),
        ("1 Supercalifragilisticexpialidocious", 10, 2, ["1", "Supercali…"]),
        ("Supercalifragilisticexpialidocious", 10, 2, ["Supercalif", "ragilisti…"]),
        ("3 Pricing and go-to-market", 15, 1, ["3 Pricing and…"]),
    ],
)
def test_wrap(label: str, width: int, lines: int, expected: list[str]) -> None:
    assert wrap(label, width, lines) == expected


def test_radar_values_land_on_their_rings() -> None:
    root = parse(radar(["a", "b", "c", "d"], [Series("You", (1.0, 2.0, 5.0, 9.0))], title="t", desc="d"))
    rings = find(root, "polygon")[:5]
    centre_x = float((rings[0].get("points") or "").split()[0].split(",")[0])  # axis 0 points straight up
    outer = [tuple(float(v) for v in p.split(",")) for p in (rings[4].get("points") or "").split()]
    width, height = view_box(root)
    cx, cy = width / 2, height / 2
    assert centre_x == pytest.approx(cx, abs=0.1)
    radius = math.dist((cx, cy), outer[0])
    markers = find(root, "circle", "marker")
    distances = [math.dist((cx, cy), (float(m.get("cx") or 0), float(m.get("cy") or 0))) for m in markers]
    assert distances == pytest.approx([radius / 5, 2 * radius / 5, radius, radius], abs=0.2)  # 9 is clamped to 5


def test_unrated_is_a_hollow_ring_not_zero() -> None:
    series = two_series(6, unknown={2, 3})
    required = series[0].values
    root = parse(radar(skill_names(6), series, title="t", desc="d", unknown_at=required))
    mine = next(g for g in find(root, "g", "series") if g.get("data-series") == "You")
    hollow = find(mine, "circle", "unknown")
    assert len(hollow) == 2
    assert all(h.get("fill") == "#FFFFFF" and h.get("stroke-dasharray") for h in hollow)
    assert all("not rated" in (h.findtext(f"{NS}title") or "") for h in hollow)
    assert len(find(mine, "circle", "marker")) == 4
    assert not find(mine, "polygon")  # no closed shape through the unknown axes
    (area,) = find(mine, "path", "area")
    (outline,) = find(mine, "polyline", "outline")  # axes 4, 5, 0, 1: one run, wrapping round
    assert len((outline.get("points") or "").split()) == 4
    assert (area.get("d") or "").count("M") == 1
    # the hollow rings sit where the requirement is, not at the centre
    reference = next(g for g in find(root, "g", "series") if g.get("data-series") == "Required")
    squares = find(reference, "rect", "marker")
    for ring, square in zip(hollow, squares[2:4], strict=True):
        assert float(ring.get("cx") or 0) == pytest.approx(float(square.get("x") or 0) + 3.5, abs=0.1)
        assert float(ring.get("cy") or 0) == pytest.approx(float(square.get("y") or 0) + 3.5, abs=0.1)
    assert_inside(root)


def test_nothing_rated_draws_only_hollow_rings() -> None:
    root = parse(radar(["a", "b", "c"], [Series("You", (None, None, None))], title="t", desc="d"))
    assert len(find(root, "circle", "unknown")) == 3
    assert not find(root, "path", "area") and not find(root, "polyline")


def test_isolated_known_values_get_markers_but_no_area() -> None:
    root = parse(radar(list("abcdef"), [Series("You", (3.0, None, 3.0, None, 3.0, None))], title="t", desc="d"))
    assert len(find(root, "circle", "marker")) == 3
    assert not find(root, "path", "area") and not find(root, "polyline")


def test_radar_rejects_what_it_cannot_draw() -> None:
    with pytest.raises(ValueError, match="at least 3 axes"):
        radar(["a", "b"], [], title="t", desc="d")
    with pytest.raises(ValueError, match="has 2 values for 3 axes"):
        radar(["a", "b", "c"], [Series("You", (1.0, 2.0))], title="t", desc="d")


def test_charts_are_deterministic_and_ids_come_from_the_caller() -> None:
    first = radar(skill_names(9), two_series(9, {4}), title="t", desc="d", id="me")
    assert first == radar(skill_names(9), two_series(9, {4}), title="t", desc="d", id="me")
    assert set(re.findall(r'id="([^"]+)"', first)) == {"me-title", "me-desc"}
    lines = [Series("Readiness", (40.0, None, 60.0))]
    assert line_chart(["a", "b", "c"], lines, title="t", desc="d") == line_chart(
        ["a", "b", "c"], lines, title="t", desc="d"
    )


def test_every_text_is_escaped_through_one_function() -> None:
    svg = radar([HOSTILE, "b", "c"], [Series(HOSTILE, (1.0, None, 3.0))], title=HOSTILE, desc=HOSTILE, id="x")
    chart = line_chart([HOSTILE], [Series(HOSTILE, (50.0,))], title=HOSTILE, desc=HOSTILE)
    for raw in (svg, chart):
        root = parse(raw)  # still well-formed XML
        assert not [e for e in root.iter() if e.tag.removeprefix(NS) in ("script", "svg") and e is not root]
        assert "<script" not in raw and "onload" not in {a for e in root.iter() for a in e.attrib}
        assert "\u202e" not in raw and "\x1b" not in raw and "\x00" not in raw
        assert "\\u202e" in raw and "\\x1b" in raw  # shown, not acted on
        assert (
            root.findtext(f"{NS}title")
            == "<script>alert(1)</script>\"'><svg onload=alert(2)>&amp;\\x1b[2J\\u202egnp.exe\\x00"
        )


def test_text_escapes_markup_quotes_and_invisible_characters() -> None:
    assert text("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#x27;"
    assert text("tab\there") == "tab here"
    assert text("\u2066x\u2069\u200b") == "\\u2066x\\u2069\\u200b"
    assert text("Zoë 🚀 東京") == "Zoë 🚀 東京"


@pytest.mark.parametrize(
    ("label", "limit", "expected"),
    [
        ("Writing", 10, "Writing"),
        ("Stakeholder management", 16, "Stakeholder…"),
        ("Pricing and go-to-market", 20, "Pricing and…"),
        ("Supercalifragilistic", 8, "Superca…"),
        ("  spaced\n  out  ", 20, "spaced out"),
    ],
)
def test_shorten(label: str, limit: int, expected: str) -> None:
    assert shorten(label, limit) == expected
    assert len(shorten(label, limit)) <= limit


def test_line_chart_structure_and_gaps() -> None:
    labels = ["2026-01-05", "2026-02-10", "2026-03-01", "2026-04-20", "2026-06-01"]
    lines = [
        Series("Readiness", (40.0, 55.5, None, 70.0, 82.0)),
        Series("Coverage", (60.0, 80.0, 100.0, 100.0, 100.0), ORANGE, dashed=True),
    ]
    root = parse(line_chart(labels, lines, title="Progress", desc="Readiness over time", id="progress"))
    assert_accessible(root, "progress")
    assert_inside(root)
    readiness, coverage = find(root, "g", "series")
    assert [len((p.get("points") or "").split()) for p in find(readiness, "polyline")] == [2, 2]  # split at None
    assert len(find(readiness, "circle")) == 4
    assert [len((p.get("points") or "").split()) for p in find(coverage, "polyline")] == [5]
    assert len(find(coverage, "rect")) == 5
    ys = [float(c.get("cy") or 0) for c in find(readiness, "circle")]
    assert ys == sorted(ys, reverse=True)  # a higher value is drawn higher
    xs = [float(c.get("cx") or 0) for c in find(readiness, "circle")]
    assert xs == sorted(xs)
    tips = [c.findtext(f"{NS}title") for c in find(readiness, "circle")]
    assert tips[1] == "2026-02-10: Readiness 55.5%"


def test_line_chart_thins_crowded_labels_and_keeps_the_ends() -> None:
    labels = [f"2026-{1 + i // 28:02d}-{1 + i % 28:02d}" for i in range(60)]
    root = parse(line_chart(labels, [Series("Readiness", tuple(float(i) for i in range(60)))], title="t", desc="d"))
    drawn = [t.findtext(f"{NS}title") for t in find(root, "text") if t.find(f"{NS}title") is not None]
    assert drawn[0] == labels[0] and drawn[-1] == labels[-1]
    assert 2 < len(drawn) <= 8
    xs = [float(t.get("x") or 0) for t in find(root, "text") if t.find(f"{NS}title") is not None]
    assert all(b - a >= 14 * 6.8 for a, b in itertools.pairwise(xs))  # no two labels overlap
    assert_inside(root)


def test_line_chart_with_one_point_and_clamped_values() -> None:
    root = parse(line_chart(["only"], [Series("Readiness", (140.0,))], title="t", desc="d"))
    assert not find(root, "polyline")
    (point,) = find(root, "circle")
    assert float(point.get("cy") or 0) == pytest.approx(16.0)  # clamped to the top of the plot
    assert_inside(root)
    with pytest.raises(ValueError, match="at least one point"):
        line_chart([], [], title="t", desc="d")
    with pytest.raises(ValueError, match="has 1 values for 2 x positions"):
        line_chart(["a", "b"], [Series("x", (1.0,))], title="t", desc="d")
