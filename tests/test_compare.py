"""Calibration: self beside manager and peers, hand-computed on the small fixture ladder.

lead requires writing (3, w2), shipping (4, w3), mentoring (3, w1), influence (2, w2): sum(w*r) = 25.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import SMALL_KB, run

SELF = {"name": "Ada", "target_role": "lead", "ratings": {"writing": 4, "shipping": 4, "mentoring": 3, "influence": 2}}
MANAGER = {
    "rater": "manager",
    "rater_name": "Max",
    "subject": "Ada",
    "target_role": "lead",
    "ratings": {"writing": 2, "shipping": 3, "mentoring": 3, "influence": 2},
}


def peer(n: int, ratings: dict[str, int | None]) -> dict[str, object]:
    return {"rater": "peer", "rater_name": f"Peer {n}", "subject": "ada", "target_role": "lead", "ratings": ratings}


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    docs = [
        ("ada.yaml", SELF),
        ("max.yaml", MANAGER),
        ("p1.yaml", peer(1, {"writing": 3, "shipping": 3, "mentoring": 4})),
        ("p2.yaml", peer(2, {"writing": 3, "shipping": 4, "mentoring": 4})),
        ("p3.yaml", peer(3, {"writing": 2, "mentoring": 4})),  # shipping not observed
    ]
    folder = tmp_path / "ada"
    folder.mkdir()
    paths = []
    for name, doc in docs:
        path = folder / name
        path.write_text(yaml.safe_dump(doc))
        paths.append(path)
    return paths


def compare(*args: str) -> Any:
    result = run(["--kb", str(SMALL_KB), "compare", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_compare_self_manager_and_peers(files: list[Path]) -> None:
    report = compare(*map(str, files))
    assert report["subject"] == "Ada"
    assert report["skills"] == [
        # writing: manager 2; peers 3, 3, 2 -> 2.7; others = the manager's 2; 4 - 2 = +2: a blind spot
        {
            "skill": "writing",
            "self": 4,
            "manager": 2.0,
            "peers": 2.7,
            "peer_count": 3,
            "others": 2.0,
            "difference": 2.0,
        },
        # shipping: only two peers rated it: never shown
        {
            "skill": "shipping",
            "self": 4,
            "manager": 3.0,
            "peers": None,
            "peer_count": None,
            "others": 3.0,
            "difference": 1.0,
        },
        {
            "skill": "mentoring",
            "self": 3,
            "manager": 3.0,
            "peers": 4.0,
            "peer_count": 3,
            "others": 3.0,
            "difference": 0.0,
        },
        {
            "skill": "influence",
            "self": 2,
            "manager": 2.0,
            "peers": None,
            "peer_count": None,
            "others": 2.0,
            "difference": 0.0,
        },
    ]
    assert (report["blind_spots"], report["hidden_strengths"]) == (["writing"], [])
    assert report["agreement"] == 75.0  # 3 of 4 within one level
    # self: all at the bar -> 100.0. others: writing 2, shipping 3, mentoring 3, influence 2:
    # 2*2 + 3*3 + 1*3 + 2*2 = 20 of 25 -> 80.0. combined (mean of all shown, half up): writing
    # (4+2+3+3+2)/5 = 2.8 -> 3, shipping (4+3)/2 = 3.5 -> 4, mentoring 18/5 = 3.6 -> 4, influence 2 -> 100.0
    assert report["readiness"] == {"self": 100.0, "others": 80.0, "combined": 100.0}
    assert report["verdict"] == {"self": "ready", "others": "developing", "combined": "ready"}
    assert [r["rater"] for r in report["raters"]] == ["self", "manager", "peer", "peer", "peer"]


def test_one_peer_is_never_shown_on_its_own(files: list[Path]) -> None:
    report = compare(str(files[0]), str(files[2]))  # self and a single peer
    assert all(s["peers"] is None and s["others"] is None for s in report["skills"])
    assert report["readiness"]["others"] is None
    text = run(["--kb", str(SMALL_KB), "compare", str(files[0]), str(files[2])]).stdout
    assert "fewer than 3" in text and "Peer 1" in text  # who rated is listed; what they rated is not


def test_a_file_about_someone_else_is_refused(files: list[Path], tmp_path: Path) -> None:
    other = tmp_path / "bo.yaml"
    other.write_text(yaml.safe_dump({**MANAGER, "subject": "Bo"}))
    result = run(["--kb", str(SMALL_KB), "compare", str(files[0]), str(other)])
    assert result.exit_code == 2
    assert "rates 'Bo', not 'Ada'" in result.stderr


def test_cohort_scores_each_person_under_the_combined_view(files: list[Path]) -> None:
    result = run(["--kb", str(SMALL_KB), "cohort", str(files[0].parent), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    people = json.loads(result.stdout)["people"]
    assert [(p["name"], p["raters"], p["readiness"]) for p in people] == [("Ada", 5, 100.0)]


def test_a_template_for_a_peer_reads_back_and_compares(files: list[Path], tmp_path: Path) -> None:
    path = tmp_path / "from-bo.yaml"
    result = run(
        ["--kb", str(SMALL_KB), "template", "--role", "lead", "--rater", "peer", "--subject", "Ada", "-o", str(path)]
    )
    assert result.exit_code == 0, result.stderr
    text = path.read_text()
    assert "your ratings of Ada, as their peer" in text and 'subject: "Ada"' in text
    filled = text.replace("  writing: null", "  writing: 3")
    path.write_text(filled)
    report = compare(str(files[0]), str(path))
    assert report["raters"][1] == {"rater": "peer", "rater_name": None}
    assert run(["--kb", str(SMALL_KB), "template", "--role", "lead", "--rater", "boss"]).exit_code == 2
