"""A file written for another ladder whose ids all exist here is scored, with one warning line.

Its levels were chosen against another ladder's descriptors, so the score may not mean what it
says; the command still works (exit 0, clean JSON on stdout) and says so on stderr. A file of
the same ladder, or one that names no ladder, gets no warning. Run on the small fixture ladder,
whose name is its folder's, 'small'.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import SMALL_KB, run

KB = ["--kb", str(SMALL_KB)]
RATINGS = {"writing": 2, "shipping": 2, "mentoring": 1, "influence": 2}
WARNING = (
    "written for 'Acme product ladder 2024.2', scored against 'small test-1': its levels were chosen against"
    " another ladder's descriptors (pass --kb with that ladder's folder to score it there)"
)


def write(folder: Path, file: str, **fields: object) -> Path:
    path = folder / file
    path.write_text(yaml.safe_dump({"target_role": "lead", "ratings": RATINGS, **fields}), encoding="utf-8")
    return path


ACME = {"kb_name": "Acme product ladder", "kb_version": "2024.2"}


@pytest.mark.parametrize(
    "command",
    [
        ["assess", "--answers", "{file}", "--format", "json", "--no-save"],
        ["match", "--answers", "{file}", "--format", "json"],
        ["plan", "--answers", "{file}", "--format", "json"],
    ],
    ids=lambda c: c[0],
)
def test_a_file_for_another_ladder_is_scored_with_a_warning(tmp_path: Path, command: list[str]) -> None:
    path = write(tmp_path, "acme.yaml", **ACME)
    result = run([*KB, *(str(path) if a == "{file}" else a for a in command)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"warning: {path}: {WARNING}\n"
    assert json.loads(result.stdout)  # stdout is still the clean JSON document


@pytest.mark.parametrize("fields", [{}, {"kb_name": "small"}, {"kb_name": "small", "kb_version": "0.9"}], ids=str)
def test_a_file_of_this_ladder_or_of_none_gets_no_warning(tmp_path: Path, fields: dict[str, str]) -> None:
    """Another version of the same ladder is not warned about: every file kept from an older release would be."""
    path = write(tmp_path, "mine.yaml", **fields)
    result = run([*KB, "assess", "--answers", str(path), "--format", "json", "--no-save"])
    assert (result.exit_code, result.stderr) == (0, "")


def test_diff_and_compare_name_the_file_that_is_for_another_ladder(tmp_path: Path) -> None:
    before = write(tmp_path, "before.yaml")
    after = write(tmp_path, "after.yaml", **ACME)
    diffed = run([*KB, "diff", str(before), str(after), "--format", "json"])
    assert diffed.exit_code == 0, diffed.stderr
    assert diffed.stderr == f"warning: {after}: {WARNING}\n"
    own = write(tmp_path, "ada.yaml", name="Ada")
    manager = write(tmp_path, "bo.yaml", rater="manager", subject="Ada", **ACME)
    compared = run([*KB, "compare", str(own), str(manager), "--format", "json"])
    assert compared.exit_code == 0, compared.stderr
    assert compared.stderr == f"warning: {manager}: {WARNING}\n"


def test_a_cohort_folds_its_files_for_another_ladder_into_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    folder.mkdir()
    write(folder, "a.yaml", name="A", **ACME)
    one = run([*KB, "cohort", str(folder), "--format", "json"])
    assert one.exit_code == 0 and one.stderr == f"warning: {folder / 'a.yaml'}: {WARNING}\n"
    write(folder, "b.yaml", name="B", **ACME)
    write(folder, "c.yaml", name="C", **ACME)
    write(folder, "d.yaml", name="D")
    many = run([*KB, "cohort", str(folder), "--format", "json"])
    assert many.exit_code == 0, many.stderr
    assert many.stderr == f"warning: 3 files name another ladder; the first, {folder / 'a.yaml'}: {WARNING}\n"
    assert len(json.loads(many.stdout)["people"]) == 4
