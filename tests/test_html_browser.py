"""The HTML report in a real browser: headless Chromium draws it, and the radar is there.

Chromium is required, not optional: CI installs Debian's `chromium` package (see `.ci/run`),
and without it these tests fail with how to install it, rather than skip and pass quietly.

The radar is found by colour: the person's series is the only large shape drawn in the
Okabe-Ito blue (the readiness bar is the only other blue, and it is flat), so the widest
connected patch of that blue must be radar-sized, and inside its bounding box there must be
the translucent area under it and the vermillion of the role's requirements.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from collections import deque
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest
from PIL import Image

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


def near(colour: Pixel, tolerance: int) -> Callable[[Pixel], bool]:
    return lambda p: all(abs(a - b) <= tolerance for a, b in zip(p, colour, strict=True))


def pixels(image: Image.Image) -> list[Pixel]:
    raw = image.tobytes()
    return [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 3)]


def box(points: set[tuple[int, int]]) -> tuple[int, int, int, int]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def widest_patch(points: set[tuple[int, int]], reach: int = 4) -> set[tuple[int, int]]:
    """Of the sets of points each within `reach` pixels of another (an outline broken by the white rims
    of its markers is still one shape), the one whose bounding box is largest."""
    best: set[tuple[int, int]] = set()
    best_area = -1
    unseen = set(points)
    while unseen:
        start = unseen.pop()
        patch, queue = {start}, deque([start])
        while queue:
            x, y = queue.popleft()
            for dx in range(-reach, reach + 1):
                for dy in range(-reach, reach + 1):
                    neighbour = (x + dx, y + dy)
                    if neighbour in unseen:
                        unseen.remove(neighbour)
                        patch.add(neighbour)
                        queue.append(neighbour)
        left, top, right, bottom = box(patch)
        if (right - left + 1) * (bottom - top + 1) > best_area:
            best, best_area = patch, (right - left + 1) * (bottom - top + 1)
    return best


def assert_not_blank(image: Image.Image) -> None:
    colours = image.getcolors(maxcolors=WIDTH * HEIGHT) or []
    assert len(colours) > 100, "hardly any colours: the page looks blank"
    background = max(colours)[0]
    assert background < 0.95 * WIDTH * HEIGHT, "one colour covers almost everything: the page looks blank"
    dark = sum(count for count, colour in colours if isinstance(colour, tuple) and sum(colour) < 200)
    assert dark > 5000, "no dark pixels: no text was drawn"


def assert_radar_drawn(image: Image.Image, *, min_size: int) -> tuple[int, int, int, int]:
    """The widest blue patch is radar-sized, with the filled area and the requirement inside it."""
    every = pixels(image)
    is_blue, is_orange, is_area = near(BLUE, 14), near(ORANGE, 14), near(AREA, 3)
    blue = {(i % WIDTH, i // WIDTH) for i, p in enumerate(every) if is_blue(p)}
    assert len(blue) > 300, f"only {len(blue)} pixels of the series colour"
    outline = widest_patch(blue)
    left, top, right, bottom = box(outline)
    width, height = right - left, bottom - top
    assert max(width, height) >= min_size, f"the widest blue shape is only {width}x{height} px: no radar"
    assert min(width, height) >= min_size // 2, f"the widest blue shape is flat ({width}x{height} px): no radar"
    assert len(outline) >= 2 * min_size, f"the radar's outline has only {len(outline)} pixels"
    inside = [every[y * WIDTH + x] for y in range(top, bottom + 1) for x in range(left, right + 1)]
    area = sum(1 for p in inside if is_area(p))
    assert area > 0.15 * width * height, f"the area under the ratings is not filled ({area} px)"
    orange = sum(1 for p in inside if is_orange(p))
    assert orange > 100, f"the requirement's outline is missing ({orange} px)"
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
