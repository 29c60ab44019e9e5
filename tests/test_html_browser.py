"""The HTML report in a real browser: headless Chromium draws it, and the radar is there.

Chromium is required, not optional: CI installs Debian's `chromium` package (see `.ci/run`),
and without it these tests fail with how to install it, rather than skip and pass quietly.

The radar is found by colour: the person's series (an Okabe-Ito blue outline over the same
blue at 18%) is the only large shape in those colours (the readiness bar is the only other
blue, and it is flat), so the widest connected patch of them must be radar-sized, and
inside its bounding box there must be the outline, the area and the vermillion of the
role's requirements. Unrated skills open the outline, but the area still meets at the
centre, so the patch is whole.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from collections import deque
from html import unescape
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from conftest import SMALL_KB, run
from pmladder import api
from pmladder.reports import html

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1200, 1600
BLUE = (0x00, 0x72, 0xB2)  # the person's series (svg.BLUE)
ORANGE = (0xD5, 0x5E, 0x00)  # the requirement (svg.ORANGE)
AREA = (209, 230, 241)  # BLUE at 18% over white: the filled area
Pixel = tuple[int, int, int]


def chromium() -> str:
    found = shutil.which("chromium")
    assert found, "Chromium is needed to test the HTML report: apt-get install chromium (.ci/run installs it)"
    return found


def browse(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium as the project's probe runs it: no network, no sync, a fresh empty profile."""
    profile.mkdir()
    argv = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
        page.as_uri(),
    ]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"chromium exited {done.returncode}: {done.stderr[-2000:]}"
    return done


def screenshot(page: Path, tmp_path: Path) -> Image.Image:
    png = tmp_path / f"{page.stem}.png"
    browse(
        page,
        tmp_path / f"profile-{page.stem}",
        "--hide-scrollbars",
        f"--screenshot={png}",
        f"--window-size={WIDTH},{HEIGHT}",
    )
    image = Image.open(png).convert("RGB")
    assert image.size == (WIDTH, HEIGHT)
    return image


def mask(image: Image.Image, colour: Pixel, tolerance: int) -> Image.Image:
    """A greyscale image, 255 where a pixel is within `tolerance` of `colour` on every channel, else 0."""
    bands = [
        band.point(lambda v, c=c: 255 if abs(v - c) <= tolerance else 0)
        for band, c in zip(image.split(), colour, strict=True)
    ]
    return ImageChops.multiply(ImageChops.multiply(bands[0], bands[1]), bands[2])


def count(image: Image.Image) -> int:
    return image.histogram()[255]


Box = tuple[int, int, int, int]


def widest_patch(shape: Image.Image, cell: int = 4) -> Box:
    """The bounding box (left, top, right, bottom) of the widest connected patch of a mask.

    Seen in cells of `cell` pixels, so a one- or two-pixel line drawn across a shape (a grid
    line under the area, the white rim of a marker on the outline) does not cut it in two.
    """
    small = shape.reduce(cell)
    columns = small.width
    lit = {(i % columns, i // columns) for i, v in enumerate(small.tobytes()) if v}
    best: Box = (0, 0, -1, -1)
    while lit:
        start = lit.pop()
        queue, xs, ys = deque([start]), [start[0]], [start[1]]
        while queue:
            x, y = queue.popleft()
            for neighbour in ((x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
                if neighbour in lit:
                    lit.remove(neighbour)
                    queue.append(neighbour)
                    xs.append(neighbour[0])
                    ys.append(neighbour[1])
        found = (min(xs) * cell, min(ys) * cell, (max(xs) + 1) * cell - 1, (max(ys) + 1) * cell - 1)
        if (found[2] - found[0]) * (found[3] - found[1]) > (best[2] - best[0]) * (best[3] - best[1]):
            best = found
    return best


def assert_not_blank(image: Image.Image) -> None:
    colours = image.getcolors(maxcolors=WIDTH * HEIGHT) or []
    assert len(colours) > 100, "hardly any colours: the page looks blank"
    background = max(colours)[0]
    assert background < 0.95 * WIDTH * HEIGHT, "one colour covers almost everything: the page looks blank"
    dark = count(image.convert("L").point(lambda v: 255 if v < 70 else 0))
    assert dark > 5000, "no dark pixels: no text was drawn"


def assert_radar_drawn(image: Image.Image, *, min_size: int) -> Box:
    """The widest patch of the series (its blue outline and translucent area) is radar-sized, with
    the outline, the area and the requirement's vermillion inside its bounding box."""
    outline, area, orange = mask(image, BLUE, 14), mask(image, AREA, 3), mask(image, ORANGE, 14)
    assert count(outline) > 300, f"only {count(outline)} pixels of the series colour"
    left, top, right, bottom = widest_patch(ImageChops.lighter(outline, area))
    width, height = right - left, bottom - top
    assert max(width, height) >= min_size, f"the widest blue shape is only {width}x{height} px: no radar"
    assert min(width, height) >= min_size // 2, f"the widest blue shape is flat ({width}x{height} px): no radar"
    inside = (left, top, right + 1, bottom + 1)
    assert count(outline.crop(inside)) >= min_size, f"the outline has only {count(outline.crop(inside))} pixels"
    filled = count(area.crop(inside))
    assert filled > 0.1 * width * height, f"the area under the ratings is not filled ({filled} px)"
    required = count(orange.crop(inside))
    assert required > 100, f"the requirement's outline is missing ({required} px)"
    return left, top, right, bottom


def test_small_assessment_renders_with_its_radar(tmp_path: Path) -> None:
    answers = tmp_path / "ada.yaml"
    answers.write_text("name: Ada\ntarget_role: lead\nratings: {writing: 3, shipping: 2, mentoring: 2, influence: 3}\n")
    page = tmp_path / "small.html"
    result = run(["--kb", str(SMALL_KB), "assess", "--answers", str(answers), "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    image = screenshot(page, tmp_path)
    assert_not_blank(image)
    left, top, right, bottom = assert_radar_drawn(image, min_size=150)
    assert 0 < left < right < WIDTH and 150 < top < bottom < HEIGHT  # below the header, inside the page


def test_bundled_assessment_renders_with_its_radar(tmp_path: Path, kb: api.KnowledgeBase) -> None:
    page = tmp_path / "bundled.html"
    answers = ROOT / "examples" / "cohort" / "amara-okafor.yaml"
    assert run(["assess", "--answers", str(answers), "-o", str(page)]).exit_code == 0
    image = screenshot(page, tmp_path)
    assert_not_blank(image)
    left, top, right, bottom = assert_radar_drawn(image, min_size=300)
    assert right - left > 250 and bottom - top > 250  # 18 skills, all rated: a full polygon


def test_cohort_renders_and_the_probe_finds_no_radar_in_it(tmp_path: Path) -> None:
    """The cohort page has blue readiness bars but no radar: the radar probe must say so."""
    page = tmp_path / "cohort.html"
    assert run(["cohort", str(ROOT / "examples" / "cohort"), "-o", str(page)]).exit_code == 0
    image = screenshot(page, tmp_path)
    assert_not_blank(image)
    with pytest.raises(AssertionError, match="no radar"):
        assert_radar_drawn(image, min_size=150)


def test_hostile_text_runs_nothing_in_the_browser(tmp_path: Path, small_kb: api.KnowledgeBase) -> None:
    """Text that would retitle the page if it ran as script: the title is still ours after load."""
    attack = "<script>document.title='pwned'</script>\"><svg onload=\"document.title='pwned'\"><img src=x onerror=document.title='pwned'>"
    answers = api.read_answers(
        io.StringIO(
            f"name: {json.dumps(attack)}\ntarget_role: lead\nratings: {{writing: 3}}\nevidence: {{writing: {json.dumps(attack)}}}\n"
        ),
        small_kb,
    )
    page = tmp_path / "hostile.html"
    page.write_text(html.assessment(api.assess(answers, small_kb)), encoding="utf-8")
    dom = browse(page, tmp_path / "profile", "--dump-dom").stdout
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert title is not None
    assert unescape(title.group(1)) == f"{attack}: Lead PM · pmladder"
    assert "pwned" not in dom.replace("document.title='pwned'", "").replace("document.title='pwned'\"", "")
    assert len(re.findall(r"<script\b", dom)) == 0
    assert len(re.findall(r"<img\b", dom)) == 0
    assert len(re.findall(r"<svg\b", dom)) == 1  # the radar only


@pytest.fixture(autouse=True)
def _no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    """Headless needs no display; an inherited DISPLAY must not make Chromium try one."""
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


# --- diff and progress -----------------------------------------------------------------------

GREY = (0x6B, 0x72, 0x80)  # the earlier side of a diff (svg.GREY)
# where the later ratings reached further, the earlier outline is seen through their area (BLUE at 18%)
GREY_UNDER: Pixel = (round(0x6B * 0.82), round(0x72 * 0.82 + 0x72 * 0.18), round(0x80 * 0.82 + 0xB2 * 0.18))
GRID = (0xD1, 0xD5, 0xDB)  # the charts' grid lines (svg.GRID)


def small_history(tmp_path: Path, *texts: str) -> list[Path]:
    """Answers files a month apart, each scored with `assess --answers` into the test's own history."""
    paths = []
    for n, text in enumerate(texts):
        path = tmp_path / f"{n}.yaml"
        path.write_text(text)
        result = run(["--kb", str(SMALL_KB), "assess", "--answers", str(path), "--format", "json"])
        assert result.exit_code == 0, result.stderr
        paths.append(path)
    return paths


def assert_line_drawn(image: Image.Image, *, min_width: int, min_rise: int) -> Box:
    """The widest patch of the line colour is a line across a chart: wide, not flat, rising to the right
    (readiness went up), over the chart's grid."""
    line = mask(image, BLUE, 14)
    left, top, right, bottom = widest_patch(line)
    width, height = right - left, bottom - top
    assert width >= min_width, f"the widest blue shape is only {width} px wide: no line chart"
    assert height >= min_rise, f"the widest blue shape is flat ({width}x{height} px): no line through the points"
    inside = line.crop((left, top, right + 1, bottom + 1))
    assert count(inside) >= width, f"only {count(inside)} pixels of the line in its box: not a drawn line"
    ys = [i // inside.width for i, v in enumerate(inside.tobytes()) if v and i % inside.width < width // 6]
    ye = [i // inside.width for i, v in enumerate(inside.tobytes()) if v and i % inside.width > width - width // 6]
    assert ys and ye and sum(ys) / len(ys) > sum(ye) / len(ye) + min_rise / 2, "the line does not rise to the right"
    grid = count(mask(image, GRID, 8).crop((left - 20, top - 60, right + 21, bottom + 60)))
    assert grid > width, f"no chart grid around the line ({grid} px)"
    return left, top, right, bottom


def test_progress_renders_with_its_line_chart(tmp_path: Path) -> None:
    from test_diff_progress import APRIL
    from test_history import FEBRUARY, MARCH

    small_history(tmp_path, FEBRUARY, MARCH, APRIL)
    page = tmp_path / "progress.html"
    assert run(["--kb", str(SMALL_KB), "progress", "-o", str(page)]).exit_code == 0
    image = screenshot(page, tmp_path)
    assert_not_blank(image)
    left, top, right, bottom = assert_line_drawn(image, min_width=300, min_rise=40)
    assert 150 < top < bottom < HEIGHT and 0 < left < right < WIDTH  # below the header, inside the page
    with pytest.raises(AssertionError, match="not filled"):
        assert_radar_drawn(image, min_size=150)  # a line, not an area


def test_diff_renders_with_both_sides_on_its_radar(tmp_path: Path) -> None:
    from test_history import FEBRUARY, MARCH

    before, after = small_history(tmp_path, FEBRUARY, MARCH)
    page = tmp_path / "diff.html"
    assert run(["--kb", str(SMALL_KB), "diff", str(before), str(after), "-o", str(page)]).exit_code == 0
    image = screenshot(page, tmp_path)
    assert_not_blank(image)
    left, top, right, bottom = assert_radar_drawn(image, min_size=150)
    assert 150 < top < bottom < HEIGHT
    around = (left - 40, top - 40, right + 41, bottom + 41)
    earlier = count(ImageChops.lighter(mask(image, GREY, 10), mask(image, GREY_UNDER, 6)).crop(around))
    assert earlier > 200, f"the earlier ratings' grey outline is missing ({earlier} px)"
    with pytest.raises(AssertionError, match="no line chart"):
        assert_line_drawn(image, min_width=300, min_rise=40)


def test_hostile_text_runs_nothing_in_the_diff_page(tmp_path: Path) -> None:
    attack = "<script>document.title='pwned'</script>\"><img src=x onerror=document.title='pwned'>"
    sides = [
        tmp_path / "a.json",
        tmp_path / "b.json",
    ]
    for path, rating in zip(sides, (2, 3), strict=True):
        path.write_text(
            json.dumps(
                {
                    "name": attack,
                    "target_role": "lead",
                    "ratings": {"writing": rating},
                    "evidence": {"writing": attack + str(rating)},
                }
            )
        )
    page = tmp_path / "diff.html"
    assert run(["--kb", str(SMALL_KB), "diff", str(sides[0]), str(sides[1]), "-o", str(page)]).exit_code == 0
    dom = browse(page, tmp_path / "profile", "--dump-dom").stdout
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert title is not None
    assert unescape(title.group(1)).startswith(f"What changed for {attack}: ")
    assert len(re.findall(r"<script\b", dom)) == 0
    assert len(re.findall(r"<img\b", dom)) == 0
    assert len(re.findall(r"<svg\b", dom)) == 1  # the radar only
