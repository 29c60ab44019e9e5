"""The start-up cache of the validated knowledge base: a hit equals a fresh load; any edit is a miss."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SMALL_KB
from pmladder.errors import PmladderError
from pmladder.knowledge.cache import cache_dir, load_cached
from pmladder.knowledge.load import load_knowledge_base


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(SMALL_KB, target)
    return target


def pickles() -> list[Path]:
    return sorted(cache_dir().glob("kb-*.json"))


def test_a_hit_equals_a_fresh_load(kb_dir: Path, pmladder_home: Path) -> None:
    first = load_cached(kb_dir)
    assert len(pickles()) == 1
    assert cache_dir() == pmladder_home / "cache"
    second = load_cached(kb_dir)
    fresh = load_knowledge_base(kb_dir)
    assert second == first == fresh
    assert second.role("lead").requirements == fresh.role("lead").requirements


def test_an_edit_is_a_miss(kb_dir: Path) -> None:
    load_cached(kb_dir)
    roles = kb_dir / "roles.yaml"
    roles.write_text(roles.read_text().replace("name: Lead PM", "name: Team Lead"))
    assert load_cached(kb_dir).role("lead").name == "Team Lead"
    assert len(pickles()) == 2


def test_a_broken_knowledge_base_is_never_cached(kb_dir: Path) -> None:
    roles = kb_dir / "roles.yaml"
    roles.write_text(
        roles.read_text().replace("skill: shipping, level: 4, weight: 3", "skill: shiping, level: 4, weight: 3")
    )
    for _ in range(2):
        with pytest.raises(PmladderError) as caught:
            load_cached(kb_dir)
        assert "unknown skill 'shiping' (did you mean 'shipping'?)" in str(caught.value)
    assert pickles() == []


def test_a_corrupt_cache_file_is_ignored_and_replaced(kb_dir: Path) -> None:
    load_cached(kb_dir)
    (path,) = pickles()
    path.write_bytes(b"not a pickle")
    assert load_cached(kb_dir).role("chief").name == "Chief"
    assert path.read_bytes() != b"not a pickle"


def test_no_cache_when_asked(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMLADDER_NO_CACHE", "1")
    load_cached(kb_dir)
    assert pickles() == []
