"""The HTML report: one self-contained, deterministic page, hostile text inert, through the real CLI."""

from __future__ import annotations

import io
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from conftest import SMALL_KB, run
from pmladder import api
from pmladder.cli.common import show
from pmladder.reports import html

ROOT = Path(__file__).resolve().parents[1]
COHORT = ROOT / "examples" / "cohort"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
SMALL = "name: Ada\ncurrent_role: junior\ntarget_role: lead\nratings: {writing: 3, shipping: 2, mentoring: null}\n"
HOSTILE_NAME = "<script>document.title='pwned'</script>\"><svg onload=document.title='pwned'>\u202eevil\x07"
HOSTILE_EVIDENCE = "</td></tr></table><img src=x onerror=document.title='pwned'>&amp; \u2066isolated\u2069 \x1b[2J"


class Tags(HTMLParser):
    """Every start tag and its attributes, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title" and len([t for t, _ in self.tags if t == "title"]) == 1

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def tags(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    parser.close()
    return parser


def hostile_answers(tmp_path: Path) -> Path:
    """JSON, so control characters reach the reader as they would from any program that writes answers."""
    path = tmp_path / "hostile.json"
    document = {
        "name": HOSTILE_NAME,
        "target_role": "lead",
        "ratings": {"writing": 4, "shipping": 3, "mentoring": None, "influence": 2},
        "evidence": {"writing": HOSTILE_EVIDENCE, "shipping": HOSTILE_NAME},
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def assert_self_contained(page: str) -> None:
    """Nothing is fetched: no script, no external URL, no @import or url(), the policy forbids the rest."""
    found = tags(page).tags
    names = [t for t, _ in found]
    assert "script" not in names and "link" not in names and "iframe" not in names and "object" not in names
    assert not [attrs for _, attrs in found if "src" in attrs or "href" in attrs]
    assert not [key for _, attrs in found for key in attrs if key.startswith("on")]
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) <= {"http://www.w3.org/2000/svg"}
    assert "@import" not in page and "url(" not in page
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')


def test_assess_format_html_to_stdout(tmp_path: Path) -> None:
    answers = tmp_path / "ada.yaml"
    answers.write_text(SMALL)
    result = run(["--kb", str(SMALL_KB), "assess", "--answers", str(answers), "--format", "html"])
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert_self_contained(page)
    parsed = tags(page)
    assert parsed.title == "Ada: Junior PM → Lead PM · pmladder"
    assert [t for t, _ in parsed.tags].count("svg") == 1
    svg_attrs = next(attrs for t, attrs in parsed.tags if t == "svg")
    assert svg_attrs["role"] == "img" and svg_attrs["aria-labelledby"] == "radar-title radar-desc"
    assert page.count('class="unknown"') == 2  # mentoring and influence: hollow rings on the radar
    assert page.count('<span class="pill unknown">to find out</span>') == 2  # and the same in the table
    assert "not sure yet" in page
    assert "hint:" not in result.stderr  # stdout is not a terminal here


@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML"])
def test_assess_output_suffix_chooses_html(tmp_path: Path, suffix: str) -> None:
    answers = tmp_path / "ada.yaml"
    answers.write_text(SMALL)
    target = tmp_path / f"report{suffix}"
    result = run(["--kb", str(SMALL_KB), "assess", "--answers", str(answers), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"wrote {target}" in result.stderr
    page = target.read_text(encoding="utf-8")
    assert_self_contained(page)
    assert page.endswith("</html>\n")


def test_cohort_to_an_html_file(tmp_path: Path) -> None:
    target = tmp_path / "cohort.html"
    result = run(["cohort", str(COHORT), "-o", str(target), "--fail-under", "90"])
    assert result.exit_code == 1  # two people below the gate: the report is still written
    page = target.read_text(encoding="utf-8")
    assert_self_contained(page)
    assert tags(page).title == "Cohort report: 4 people · pmladder"
    heat = page[page.index('<table class="heatmap">') : page.index("</table>", page.index('<table class="heatmap">'))]
    cells = re.findall(r'<td class="center"><span class="pill ([a-z0-9-]+)"[^>]*>([^<]*)</span></td>', heat)
    expected = api.score_cohort([COHORT], api.load_knowledge_base())
    assert len(cells) == len(expected.people) * len(expected.skills)  # a cell per person and skill
    assert {cls for cls, _ in cells} <= {"gap-0", "gap-1", "gap-2", "gap-3", "unknown", "none"}
    assert all(text == "?" for cls, text in cells if cls == "unknown")
    assert all(text.isdigit() for cls, text in cells if cls.startswith("gap-"))  # the number in every cell
    assert ("unknown", "?") in cells  # Ben Novak left one skill unrated
    assert "2 below the gate" in page


def test_same_input_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "1.html", tmp_path / "2.html"
    answers = COHORT / "ben-novak.yaml"
    for target in (first, second):
        assert run(["assess", "--answers", str(answers), "-o", str(target)]).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    cohort = [run(["cohort", str(COHORT), "--format", "html"]).stdout for _ in range(2)]
    assert cohort[0] == cohort[1]
    assert not re.search(r"\b20\d\d-\d\d-\d\dT", first.read_text())  # no timestamp of the run


def test_hostile_text_comes_out_inert(tmp_path: Path) -> None:
    result = run(["--kb", str(SMALL_KB), "assess", "--answers", str(hostile_answers(tmp_path)), "--format", "html"])
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    raw = page.encode("utf-8")
    assert_self_contained(page)
    assert b"<script" not in raw.lower() and b"<img" not in raw.lower()
    assert raw.count(b"<svg") == 1  # the radar, and no other
    assert b"</td></tr></table><" not in raw
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", raw)  # no control character survives
    assert "\u202e".encode() not in raw and "\u2066".encode() not in raw  # nor a bidirectional control
    assert b"\\u202eevil\\x07" in raw and b"\\u2066isolated\\u2069" in raw  # shown, not obeyed
    assert b"&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in raw
    assert b"&lt;img src=x onerror=" in raw
    parsed = tags(page)
    assert parsed.title.startswith("<script>document.title='pwned'</script>\"><svg onload=")
    assert parsed.title.endswith("\\u202eevil\\x07: Lead PM · pmladder")


def test_hint_when_html_would_fill_a_terminal(monkeypatch: pytest.MonkeyPatch, small_kb: api.KnowledgeBase) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    report = api.assess(api.read_answers(io.StringIO(SMALL), small_kb), small_kb)
    for stdout, hinted in ((Terminal(), True), (io.StringIO(), False)):
        stderr = io.StringIO()
        monkeypatch.setattr(sys, "stdout", stdout)
        monkeypatch.setattr(sys, "stderr", stderr)
        assert show(report, "html", None) == "html"
        assert stdout.getvalue().startswith("<!DOCTYPE html>")
        expected = "hint: a web page is meant for a file; add -o report.html to write one\n"
        assert stderr.getvalue() == (expected if hinted else "")
    stdout, stderr = Terminal(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.setattr(sys, "stderr", stderr)
    show(report, "json", None)
    assert "hint" not in stderr.getvalue()


def test_every_skill_and_next_step_is_on_the_page(kb: api.KnowledgeBase) -> None:
    report = api.assess(api.read_answers(COHORT / "ben-novak.yaml", kb), kb, role="head-of-product", city="London")
    page = html.assessment(report)
    for category in report.categories:
        assert f"<caption>{category.name}</caption>" in page
        for s in category.skills:
            assert f'<th scope="row">{escape(s.name)}</th>' in page
    for suggestion in report.suggestions:
        for project in suggestion.projects:
            assert f"<strong>{escape(project.title)}</strong>" in page
    assert "Salary context:" in page and "London" in page
    assert page.count('<li class="step">') == len(report.suggestions)
    assert "Specs for the search rewrite shipped with no clarifying round-trips" in page  # evidence


def test_nothing_rated_is_no_readiness_and_no_area(small_kb: api.KnowledgeBase) -> None:
    answers = api.read_answers(io.StringIO("target_role: lead\nratings: {}\n"), small_kb)
    page = html.assessment(api.assess(answers, small_kb))
    assert "Nothing is rated yet" in page
    assert 'class="area"' in page  # the requirement's outline
    assert page.count('class="unknown"') == 4
    assert "verdict-incomplete" in page


def test_templates_are_package_data() -> None:
    from importlib.resources import files

    folder = files("pmladder.reports") / "templates"
    names = {entry.name for entry in folder.iterdir()}
    assert {"base.html.j2", "assessment.html.j2", "cohort.html.j2", "report.css"} <= names
