"""Reports written a piece at a time: the same bytes as one string, and still atomic."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SMALL_KB, run
from pmladder import api
from pmladder.errors import PmladderError
from pmladder.io.files import write_chunks, write_text
from pmladder.reports import cohort_csv, cohort_json, cohort_markdown

ANSWERS = "name: {name}\ntarget_role: {role}\nratings: {{writing: {w}, shipping: {s}, mentoring: null}}\n"


def test_write_chunks_writes_the_pieces_in_order(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_chunks(target, iter(["a", "", "b\n", "ü\n"]))
    assert target.read_bytes() == "ab\nü\n".encode()
    write_text(target, "whole\n")
    assert target.read_text() == "whole\n"


def test_a_failure_half_way_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("the old report\n")

    def pieces() -> Iterator[str]:
        yield "{\n"
        raise RuntimeError("the renderer broke")

    with pytest.raises(RuntimeError):
        write_chunks(target, pieces())
    assert target.read_text() == "the old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_a_folder_is_refused_before_any_piece_is_made(tmp_path: Path) -> None:
    made: list[str] = []

    def pieces() -> Iterator[str]:
        made.append("x")
        yield "x"

    with pytest.raises(PmladderError, match="is a folder"):
        write_chunks(tmp_path, pieces())
    assert made == []


@pytest.mark.parametrize("module", [cohort_json, cohort_csv, cohort_markdown], ids=lambda m: m.__name__)
def test_cohort_lines_join_to_the_whole_document(module: object, tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    folder.mkdir()
    for n, (role, w, s) in enumerate([("lead", 3, 2), ("junior", 1, 1), ("chief", 4, 4), ("lead", 2, 4)]):
        (folder / f"p{n}.yaml").write_text(ANSWERS.format(name=f"P | <{n}>", role=role, w=w, s=s))
    result = api.score_cohort([folder], api.load_knowledge_base(SMALL_KB), gates=api.Gates(fail_under=80))
    lines = list(module.cohort_lines(result))  # type: ignore[attr-defined]
    assert len(lines) > 4
    assert "".join(lines) == module.cohort(result)  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_stdout_and_a_file_get_the_same_streamed_bytes(fmt: str, tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    folder.mkdir()
    for n in range(5):
        (folder / f"p{n}.yaml").write_text(ANSWERS.format(name=f"P{n}", role="lead", w=n % 5 + 1, s=3))
    target = tmp_path / f"report.{fmt}"
    printed = run(["--kb", str(SMALL_KB), "cohort", str(folder), "--format", fmt])
    written = run(["--kb", str(SMALL_KB), "cohort", str(folder), "-o", str(target)])
    assert printed.exit_code == written.exit_code == 0
    assert target.read_bytes() == printed.stdout_bytes
