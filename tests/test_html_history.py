"""HTML for `diff`, `progress` and `history show`: real answers files, a real history, the real CLI.

The history is built as a person builds it: answers files a month apart, each scored with
`pmladder assess --answers` under the private PMLADDER_HOME the conftest fixture sets.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import SMALL_KB, run
from test_diff_progress import APRIL
from test_history import FEBRUARY, MARCH, kb_args, write
from test_html import assert_self_contained, tags

HOSTILE_NAME = "<script>document.title='pwned'</script>\"><svg onload=document.title='pwned'>\u202eevil\x07"
HOSTILE_EVIDENCE = "</td></tr></table><img src=x onerror=document.title='pwned'>&amp; \u2066isolated\u2069 \x1b[2J"


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    monkeypatch.chdir(tmp_path)  # reports name files as given: relative here
    return {
        "feb": write(tmp_path, "feb.yaml", FEBRUARY),
        "mar": write(tmp_path, "mar.yaml", MARCH),
        "apr": write(tmp_path, "apr.yaml", APRIL),
    }


def assess(*paths: Path, kb: str = str(SMALL_KB)) -> None:
    for path in paths:
        result = run(["--kb", kb, "assess", "--answers", str(path), "--format", "json"])
        assert result.exit_code == 0, result.stderr


def page_of(args: list[str], target: Path) -> str:
    """Run a command that writes `target`; its page, checked to be one self-contained document."""
    result = run(args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("wrote ") and result.stderr.endswith(f"{target.name}\n")
    page = target.read_text(encoding="utf-8")
    assert_self_contained(page)
    assert page.endswith("</html>\n")
    return page


def between(page: str, start: str, end: str) -> str:
    at = page.index(start)
    return page[at : page.index(end, at)]


def assert_inert(page: str, svgs: int) -> None:
    """Hostile text is shown, not obeyed: escaped by the engine, invisible characters made visible."""
    raw = page.encode("utf-8")
    assert b"<script" not in raw.lower() and b"<img" not in raw.lower()
    assert raw.count(b"<svg") == svgs  # our charts, and no other
    assert b"</td></tr></table><" not in raw
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", raw)  # no control character survives
    assert "\u202e".encode() not in raw and "\u2066".encode() not in raw  # nor a bidirectional control
    assert b"\\u202eevil\\x07" in raw  # shown, not obeyed
    assert b"&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in raw


# --- diff ---------------------------------------------------------------------------------------


def test_diff_to_an_html_file(files: dict[str, Path]) -> None:
    target = files["feb"].with_name("diff.html")
    page = page_of(kb_args("diff", "feb.yaml", "mar.yaml", "--format", "html", "-o", "diff.html"), target)
    parsed = tags(page)
    assert parsed.title == "What changed for Ada: feb.yaml → mar.yaml · pmladder"
    assert '<p class="subtitle"><bdi>feb.yaml</bdi> → <bdi>mar.yaml</bdi></p>' in page
    assert "Both assessments are scored against Lead PM (the second assessment&#39;s target role)" in page
    # readiness 54.5 -> 76.0, coverage 88.0 -> 100.0 (see test_history.py for the sums)
    readiness = between(page, '<span class="label">Readiness</span>', "</div>\n</div>")
    assert '<span class="value">76.0%</span>' in readiness
    assert "▲ </span>+21.5</span> from 54.5%" in readiness
    assert "▲ </span>+12.0</span> from 88.0%" in page
    assert "3 of 4 skills changed: 2 gaps closed, 0 new gaps, evidence added for 1." in page
    # standing: no role's bar before (mentoring unrated), Junior PM's after
    assert '<span class="value small">Junior PM</span>\n<span class="note">was no role yet</span>' in page
    # the radar: the requirement, before and after, one axis per skill
    svg = between(page, "<svg", "</svg>")
    assert 'aria-labelledby="radar-title radar-desc"' in svg
    assert re.findall(r'data-series="([^"]*)"', svg) == ["Lead PM requires", "Before", "After"]
    assert "mentoring" not in svg and "Mentoring: Before: not rated (to find out)" in svg
    # every skill, with its gap before and after; changes and closed gaps are said in words, not only colour
    assert page.count('<span class="visually-hidden">(changed)</span>') == 3
    rows = re.findall(r'<tr( class="changed")?>\n<td class="num index">(\d)</td>\n<th scope="row">([^<]+)', page)
    assert [(n, name.strip(), bool(changed)) for changed, n, name in rows] == [
        ("1", "Writing", True),
        ("2", "Shipping", False),
        ("3", "Mentoring", True),
        ("4", "Influence", True),
    ]
    table = between(page, '<table class="changes">', "</section>")
    assert table.count('<span class="tag tag-closed">✓ gap closed</span>') == 2  # writing and influence
    assert "tag-new" not in table
    writing = between(table, "Writing", "</tr>")
    assert '<span class="pill gap-1">1</span> <span class="arrow" aria-label="to">→</span>' in writing
    assert '<span class="pill gap-0">0</span>' in writing
    mentoring = between(table, "Mentoring", "</tr>")
    assert '<span class="muted">?</span>' in mentoring and '<span class="pill unknown">?</span>' in mentoring
    gaps = between(page, '<h2 id="gaps">', "</section>")
    assert '<ul class="marked closed">\n<li>Writing</li>\n<li>Influence</li>\n</ul>' in gaps
    evidence = between(page, '<h2 id="evidence">', "</section>")
    assert '<li><strong>Writing</strong><span class="evidence">Wrote the search spec</span></li>' in evidence


def test_diff_marks_a_new_gap_and_the_suffix_chooses_html(files: dict[str, Path]) -> None:
    target = files["mar"].with_name("april.htm")
    page = page_of(kb_args("diff", "mar.yaml", "apr.yaml", "-o", "april.htm"), target)
    table = between(page, '<table class="changes">', "</section>")
    assert between(table, "Writing", "</tr>").count('<span class="tag tag-new">! new gap</span>') == 1
    assert between(table, "Shipping", "</tr>").count('<span class="tag tag-closed">✓ gap closed</span>') == 1
    assert "▼ </span>−1</span>" in between(table, "Writing", "</tr>")  # down, in a symbol as well as a colour
    assert '<span class="verdict verdict-nearly-ready">nearly ready</span>' in page
    assert "was developing" in page


def test_diff_with_no_change(files: dict[str, Path]) -> None:
    result = run(kb_args("diff", "mar.yaml", "mar.yaml", "--format", "html"))
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert_self_contained(page)
    assert "No change: both assessments give the same ratings, figures and evidence." in page
    assert "<svg" not in page and '<table class="changes">' not in page


def test_diff_of_history_ids(files: dict[str, Path]) -> None:
    assess(files["feb"], files["mar"])
    page = run(kb_args("diff", "1", "2", "-f", "html")).stdout
    assert tags(page).title == "What changed for Ada: history #1 → history #2 · pmladder"
    from_files = run(kb_args("diff", "feb.yaml", "mar.yaml", "-f", "html")).stdout
    body = between(page, '<table class="changes">', "</html>")
    assert body == between(from_files, '<table class="changes">', "</html>")  # the same skills, gaps, evidence


# --- progress -----------------------------------------------------------------------------------


def test_progress_to_an_html_file(files: dict[str, Path]) -> None:
    assess(files["apr"], files["feb"], files["mar"])
    target = files["feb"].with_name("progress.html")
    page = page_of(kb_args("progress", "-o", "progress.html"), target)
    assert tags(page).title == "Ada toward Lead PM: progress · pmladder"
    assert '<p class="subtitle">3 assessments, 2026-02-10 to 2026-04-12</p>' in page
    # the line chart: one series, a point per assessment, oldest first, accessible
    svg = between(page, "<svg", "</svg>")
    assert 'class="chart line-chart"' in svg and 'aria-labelledby="readiness-title readiness-desc"' in svg
    assert '<title id="readiness-title">Readiness for Lead PM, 2026-02-10 to 2026-04-12</title>' in svg
    assert "from 54.5% on 2026-02-10 to 92.0% on 2026-04-12" in svg
    assert re.findall(r"<title>(2026-\d\d-\d\d: Readiness [\d.]+%)</title>", svg) == [
        "2026-02-10: Readiness 54.5%",
        "2026-03-10: Readiness 76%",
        "2026-04-12: Readiness 92%",
    ]
    assert svg.count("<polyline") == 1
    # the table beside it: every figure in words
    trend = between(page, '<table class="trend-table">', "</table>")
    assert [re.sub(r"<[^>]+>", "", row).split() for row in re.findall(r"<tr>\n<th.*?</tr>", trend, re.S)] == [
        ["2026-02-10", "#2", "54.5%", "–", "88%", "developing"],
        ["2026-03-10", "#3", "76.0%", "▲", "+21.5", "100%", "developing"],
        ["2026-04-12", "#1", "92.0%", "▲", "+16.0", "100%", "nearly", "ready"],
    ]
    # every skill in every assessment, with how long it has held the bar (the wording of the text format)
    skills = between(page, '<table class="over-time">', "</table>")
    mentoring = between(skills, "Mentoring", "</tr>")
    assert re.findall(
        r'<td class="center rating( held)?"><span class="pill ([a-z0-9-]+)"[^>]*>([^<]+)<', mentoring
    ) == [
        ("", "unknown", "?"),
        (" held", "gap-0", "3"),
        (" held", "gap-0", "3"),
    ]
    assert "at the bar for 2 assessments, since March 2026" in mentoring
    writing = between(skills, "Writing", "</tr>")
    assert "held" not in writing.replace("held-text", "") and "below the bar (1 level to go)" in writing
    assert "at the bar for 1 assessment, since April 2026" in between(skills, "Shipping", "</tr>")
    assert "1 of 4" not in page and "3 of 4 required skills at the bar in the latest assessment." in page
    assert "Promotion readiness is sustained performance" in page


def test_progress_when_every_requirement_holds(tmp_path: Path) -> None:
    for month in ("01", "02"):
        dated = MARCH.replace("2026-03-10", f"2026-{month}-10").replace("shipping: 2", "shipping: 4")
        assess(write(tmp_path, f"{month}.yaml", dated))
    page = run(kb_args("progress", "--format", "html")).stdout
    assert "Every requirement has been met in the latest 2 assessments in a row." in page
    assert page.count('<td class="center rating held">') == 8  # 4 skills x 2 assessments


def test_progress_of_one_assessment(tmp_path: Path) -> None:
    assess(write(tmp_path, "feb.yaml", FEBRUARY))
    page = run(kb_args("progress", "--format", "html")).stdout
    assert_self_contained(page)
    assert '<p class="subtitle">1 assessment, 2026-02-10</p>' in page
    svg = between(page, "<svg", "</svg>")
    assert "<polyline" not in svg and svg.count("<circle") == 1  # one point, no line to draw


# --- history show -------------------------------------------------------------------------------


def test_history_show_html_is_the_assessment_page(tmp_path: Path) -> None:
    """With the ladder unchanged, `history show` scores again: the very page `assess` wrote."""
    path = write(tmp_path, "ada.yaml", MARCH)
    first = tmp_path / "assessed.html"
    assert run(kb_args("assess", "--answers", str(path), "-o", str(first))).exit_code == 0
    again = tmp_path / "shown.html"
    page_of(kb_args("history", "show", "1", "-o", str(again)), again)
    assert again.read_bytes() == first.read_bytes()


def changed_ladder(tmp_path: Path, answers: str) -> Path:
    """A copy of the small ladder, an assessment stored with it, then the writing bar raised."""
    ladder = tmp_path / "ladder"
    ladder.mkdir()
    for name in ("roles.yaml", "skills.yaml"):
        (ladder / name).write_text((SMALL_KB / name).read_text())
    answers_file = tmp_path / "ada.json"
    answers_file.write_text(answers, encoding="utf-8")
    assess(answers_file, kb=str(ladder))
    roles = ladder / "roles.yaml"
    roles.write_text(
        roles.read_text().replace("{skill: writing, level: 3, weight: 2}", "{skill: writing, level: 4, weight: 2}")
    )
    return ladder


def test_history_show_html_after_the_ladder_changed(tmp_path: Path) -> None:
    import yaml

    ladder = changed_ladder(tmp_path, json.dumps(yaml.safe_load(MARCH), default=str))
    target = tmp_path / "stored.html"
    page = page_of(["--kb", str(ladder), "history", "show", "1", "-o", str(target)], target)
    assert tags(page).title == "Ada: junior → lead (as stored, history #1) · pmladder"
    notice = between(page, '<aside class="notice"', "</aside>")
    assert "The ladder has changed since." in notice
    assert "As stored: scored with knowledge base test-1 (digest " in notice
    assert "so this is the report as it was then, not scored again." in notice
    assert '<span class="value">76.0%</span>' in page  # not re-scored against the raised bar
    writing = between(page, '<th scope="row">Writing</th>', "</tr>\n<tr")
    assert '<td class="num" data-label="Required">3</td>' in writing  # the bar as it was
    assert '<span class="pill gap-0">0</span>' in writing
    assert '<td colspan="5" class="evidence" data-label="Evidence">Wrote the search spec</td>' in page
    assert "<li><strong>Shipping</strong>: gap 2</li>" in page  # top gaps by name
    assert page.count("<svg") == 1


# --- hostile text, and the same bytes every time ---------------------------------------------


def hostile(tmp_path: Path, name: str, month: str, ratings: dict[str, int | None]) -> Path:
    """JSON, so control characters reach the reader as they would from any program that writes answers."""
    document = {
        "name": HOSTILE_NAME,
        "current_role": "junior",
        "target_role": "lead",
        "assessed_on": f"2026-{month}-10",
        "ratings": ratings,
        "evidence": {"writing": HOSTILE_EVIDENCE, "shipping": HOSTILE_NAME + month},
    }
    return write(tmp_path, name, json.dumps(document))


def test_hostile_text_in_diff_progress_and_stored_is_inert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = hostile(tmp_path, "<img src=x onerror=alert(1)>.json", "02", {"writing": 2, "shipping": 2})
    after = hostile(tmp_path, "b.json", "03", {"writing": 3, "shipping": 4, "mentoring": 3, "influence": 2})
    diff = run(kb_args("diff", before.name, after.name, "--format", "html"))
    assert diff.exit_code == 0, diff.stderr
    assert_self_contained(diff.stdout)
    assert_inert(diff.stdout, svgs=1)
    assert "&lt;img src=x onerror=alert(1)&gt;.json" in diff.stdout  # the file name, as text
    assert tags(diff.stdout).title.startswith("What changed for <script>document.title='pwned'</script>")

    assess(before, after)
    progress = run(kb_args("progress", "--format", "html"))
    assert progress.exit_code == 0, progress.stderr
    assert_self_contained(progress.stdout)
    assert_inert(progress.stdout, svgs=1)

    stored = run(["--kb", str(changed_ladder(tmp_path, after.read_text())), "history", "show", "1", "-f", "html"])
    assert stored.exit_code == 0, stored.stderr
    assert_self_contained(stored.stdout)
    assert_inert(stored.stdout, svgs=1)
    assert b"&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;img" in stored.stdout.encode()


def test_same_history_same_bytes(files: dict[str, Path]) -> None:
    assess(files["feb"], files["mar"])
    for args in (["diff", "1", "2"], ["progress"], ["history", "show", "2"]):
        first, second = (run(kb_args(*args, "--format", "html")).stdout for _ in range(2))
        assert first == second and first.startswith("<!DOCTYPE html>")
        assert not re.search(r"\b20\d\d-\d\d-\d\dT", first)  # no timestamp of the run


def test_the_help_names_the_commands_with_html() -> None:
    result = run(["progress", "--help"])
    assert "assess, diff, progress, history show: also html" in " ".join(result.stdout.split())


@pytest.mark.parametrize(
    ("args", "command"),
    [(["progress"], "progress"), (["history", "show", "1"], "history show"), (["diff", "a", "b"], "diff")],
)
def test_html_is_among_the_choices_before_anything_is_read(args: list[str], command: str) -> None:
    result = run(kb_args(*args, "--format", "csv"))
    assert result.exit_code == 2
    assert (
        result.stderr == f"error: format 'csv' is not available for '{command}' (choose text, json, markdown or html)\n"
    )
