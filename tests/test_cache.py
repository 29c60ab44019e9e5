"""The start-up cache of the validated knowledge base: a hit equals a fresh load; any edit is a miss.

The cache is data from a folder only this user can write: a planted pickle never runs, a
tampered or broken JSON cache is rebuilt, and a folder or file someone else could have
written is neither read nor written.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import pickle
import secrets
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest

from conftest import SMALL_KB
from pmladder.errors import PmladderError
from pmladder.io import files
from pmladder.knowledge import cache
from pmladder.knowledge import sources as source_files
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.cache import FORMAT, _to_json, cache_dir, cache_key, load_cached
from pmladder.knowledge.load import load_knowledge_base
from pmladder.knowledge.sources import read_sources


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(SMALL_KB, target)
    return target


def entries() -> list[Path]:
    return sorted(cache_dir().glob("kb-*.json"))


def test_a_hit_equals_a_fresh_load(kb_dir: Path, pmladder_home: Path) -> None:
    first = load_cached(kb_dir)
    assert len(entries()) == 1
    assert cache_dir() == pmladder_home / "cache"
    second = load_cached(kb_dir)
    fresh = load_knowledge_base(kb_dir)
    assert second == first == fresh
    assert second.role("lead").requirements == fresh.role("lead").requirements


def test_every_field_of_the_bundled_knowledge_base_survives_the_cache(kb_copy: Path) -> None:
    """A field added to KnowledgeBase (`about`, say) is cached without a change to the cache."""
    fresh = load_knowledge_base(kb_copy)
    load_cached(kb_copy)
    hit = load_cached(kb_copy)
    assert json.loads(entry(kb_copy).read_bytes())["format"] == FORMAT  # it was a hit
    for field in dataclasses.fields(KnowledgeBase):
        assert getattr(hit, field.name) == getattr(fresh, field.name), field.name


def test_an_edit_is_a_miss(kb_dir: Path) -> None:
    load_cached(kb_dir)
    roles = kb_dir / "roles.yaml"
    roles.write_text(roles.read_text().replace("name: Lead PM", "name: Team Lead"))
    assert load_cached(kb_dir).role("lead").name == "Team Lead"
    assert len(entries()) == 2


def test_a_broken_knowledge_base_is_never_cached(kb_dir: Path) -> None:
    roles = kb_dir / "roles.yaml"
    roles.write_text(
        roles.read_text().replace("skill: shipping, level: 4, weight: 3", "skill: shiping, level: 4, weight: 3")
    )
    for _ in range(2):
        with pytest.raises(PmladderError) as caught:
            load_cached(kb_dir)
        assert "unknown skill 'shiping' (did you mean 'shipping'?)" in str(caught.value)
    assert entries() == []


def test_a_corrupt_cache_file_is_ignored_and_replaced(kb_dir: Path) -> None:
    load_cached(kb_dir)
    (path,) = entries()
    path.write_bytes(b"not a pickle")
    assert load_cached(kb_dir).role("chief").name == "Chief"
    assert path.read_bytes() != b"not a pickle"


def test_no_cache_when_asked(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMLADDER_NO_CACHE", "1")
    load_cached(kb_dir)
    assert entries() == []


# --- a cache that cannot be trusted is never read, never written -----------------------------


def entry(kb_dir: Path) -> Path:
    return cache_dir() / f"kb-{cache_key(read_sources(kb_dir))}.json"


def tampered(kb_dir: Path, name: str) -> bytes:
    """A well-formed, valid cache for `kb_dir` whose 'lead' role is called `name`."""
    document = json.loads(_to_json(load_knowledge_base(kb_dir), cache_key(read_sources(kb_dir))))
    for role in document["kb"]["roles"]:
        if role["id"] == "lead":
            role["name"] = name
    return json.dumps(document).encode()


class _Planted:
    """Unpickling this creates a marker file: proof that a pickle would run code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch, (str(self.marker),))


def test_a_planted_pickle_never_runs(kb_dir: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Planted(marker))
    pickle.loads(payload)  # the payload works: unpickling it does create the marker
    assert marker.exists()
    marker.unlink()
    target = entry(kb_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(payload)
    target.with_suffix(".pickle").write_bytes(payload)  # where the old cache lived
    assert load_cached(kb_dir).role("lead").name == "Lead PM"
    assert not marker.exists()
    assert json.loads(target.read_bytes())["format"] == FORMAT  # replaced by a real cache
    assert not target.with_suffix(".pickle").exists()  # old pickles are removed


@pytest.mark.parametrize(
    "garbage",
    [b"", b"\x00" * 100, b"{", b"[]", b'{"format": 2}', b"\xff\xfe{}", b'{"format": 1, "roles": []}'],
)
def test_garbage_in_the_cache_is_ignored_and_rebuilt(kb_dir: Path, garbage: bytes) -> None:
    target = entry(kb_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(garbage)
    assert load_cached(kb_dir) == load_knowledge_base(kb_dir)
    assert json.loads(target.read_bytes())["format"] == FORMAT


def _edit_cache(document: dict[str, Any], how: str) -> None:
    kb = document["kb"]
    lead = next(r for r in kb["roles"] if r["id"] == "lead")
    if how == "level-out-of-range":
        lead["requirements"][0]["level"] = 9
    elif how == "weight-out-of-range":
        lead["requirements"][0]["weight"] = 6
    elif how == "no-requirements":
        lead["requirements"] = []
    elif how == "project-beyond-the-scale":
        next(s for s in kb["skills"] if s["projects"])["projects"][0]["builds_to"] = 6
    elif how == "a-list-for-a-name":
        kb["categories"][0]["name"] = ["x"]
    elif how == "level-true":
        lead["requirements"][0]["level"] = True
    elif how == "unknown-skill":
        lead["requirements"][0]["skill"] = "nope"
    elif how == "unknown-next-role":
        lead["next_roles"] = ["nope"]
    elif how == "duplicate-role":
        kb["roles"].append(lead)
    elif how == "extra-key":
        lead["evil"] = "!!python/object"
    elif how == "wrong-key":
        document["key"] = "0" * 32
    elif how == "four-levels":
        kb["scale"] = kb["scale"][:4]
    else:
        raise AssertionError(how)


@pytest.mark.parametrize(
    "how",
    [
        "level-out-of-range",
        "weight-out-of-range",
        "no-requirements",
        "project-beyond-the-scale",
        "a-list-for-a-name",
        "level-true",
        "unknown-skill",
        "unknown-next-role",
        "duplicate-role",
        "extra-key",
        "wrong-key",
        "four-levels",
    ],
)
def test_a_tampered_json_cache_is_rebuilt(kb_dir: Path, how: str) -> None:
    load_cached(kb_dir)
    target = entry(kb_dir)
    document = json.loads(target.read_bytes())
    _edit_cache(document, how)
    lead = next(r for r in document["kb"]["roles"] if r["id"] == "lead")
    lead["name"] = "Tampered"
    target.write_text(json.dumps(document))
    assert load_cached(kb_dir).role("lead").name == "Lead PM"
    assert "Tampered" not in target.read_text()


def test_a_valid_cache_is_used(kb_dir: Path) -> None:
    """The other side of the tests above: a cache that validates is what a hit returns."""
    load_cached(kb_dir)
    entry(kb_dir).write_bytes(tampered(kb_dir, "From the cache"))
    assert load_cached(kb_dir).role("lead").name == "From the cache"


def test_the_cache_folder_is_created_private(kb_dir: Path) -> None:
    load_cached(kb_dir)
    assert stat.S_IMODE(cache_dir().stat().st_mode) == 0o700
    assert stat.S_IMODE(entry(kb_dir).stat().st_mode) == 0o600


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722, 0o1777])
def test_a_folder_others_can_write_is_not_used(kb_dir: Path, mode: int) -> None:
    folder = cache_dir()
    folder.mkdir(parents=True)
    folder.chmod(mode)
    entry(kb_dir).write_bytes(tampered(kb_dir, "Planted"))
    assert load_cached(kb_dir).role("lead").name == "Lead PM"  # not read
    assert sorted(p.name for p in folder.iterdir()) == [entry(kb_dir).name]  # nothing written
    assert "Planted" in entry(kb_dir).read_text()


@pytest.mark.parametrize("mode", [0o666, 0o620, 0o602])
def test_a_cache_file_others_can_write_is_not_read(kb_dir: Path, mode: int) -> None:
    load_cached(kb_dir)
    entry(kb_dir).write_bytes(tampered(kb_dir, "Planted"))
    entry(kb_dir).chmod(mode)
    assert load_cached(kb_dir).role("lead").name == "Lead PM"


def _someone_else(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `path` owned by another user: chown to nobody as root, else pretend to be someone else."""
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)
    else:
        me = os.geteuid()
        monkeypatch.setattr(os, "geteuid", lambda: me + 1)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners")
def test_a_folder_owned_by_someone_else_is_not_used(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_cached(kb_dir)
    entry(kb_dir).write_bytes(tampered(kb_dir, "Planted"))
    _someone_else(cache_dir(), monkeypatch)
    assert load_cached(kb_dir).role("lead").name == "Lead PM"
    assert "Planted" in entry(kb_dir).read_text()  # neither read nor replaced


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_a_cache_file_owned_by_someone_else_is_not_read(kb_dir: Path) -> None:
    load_cached(kb_dir)
    entry(kb_dir).write_bytes(tampered(kb_dir, "Planted"))
    os.chown(entry(kb_dir), 65534, 65534)
    assert load_cached(kb_dir).role("lead").name == "Lead PM"


def test_a_symlinked_cache_file_is_not_followed(kb_dir: Path, tmp_path: Path) -> None:
    load_cached(kb_dir)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(tampered(kb_dir, "Via a link"))
    entry(kb_dir).unlink()
    entry(kb_dir).symlink_to(elsewhere)
    assert load_cached(kb_dir).role("lead").name == "Lead PM"
    assert not entry(kb_dir).is_symlink()  # replaced by a file of our own
    assert "Via a link" in elsewhere.read_text()  # the link's target is untouched


def test_a_symlink_at_the_temporary_name_is_not_followed(
    kb_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    monkeypatch.setattr(secrets, "token_hex", lambda n: "f" * (2 * n))
    key = cache_key(read_sources(kb_dir))
    folder = cache_dir()
    folder.mkdir(parents=True, mode=0o700)
    (folder / f".kb-{key}.{os.getpid()}.{'f' * 16}.tmp").symlink_to(victim)
    assert load_cached(kb_dir) == load_knowledge_base(kb_dir)
    assert victim.read_text() == "precious"


def test_a_full_disk_leaves_no_temporary_file(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "write", full)
        assert load_cached(kb_dir) == load_knowledge_base(kb_dir)
    assert list(cache_dir().iterdir()) == []


def test_an_interrupted_write_leaves_no_temporary_file(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int, data: object) -> int:
        raise KeyboardInterrupt

    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(os, "write", interrupted)
        load_cached(kb_dir)
    assert list(cache_dir().iterdir()) == []


def test_an_oversized_cache_file_is_not_read(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_cached(kb_dir)
    entry(kb_dir).write_bytes(tampered(kb_dir, "Planted"))
    monkeypatch.setattr(cache, "MAX_CACHE_BYTES", 100)
    assert load_cached(kb_dir).role("lead").name == "Lead PM"


def test_each_file_is_read_once_and_never_past_the_cap(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[tuple[str, int]] = []
    real = files.read_bytes

    def counting(path: str | Path, **kwargs: Any) -> tuple[str, bytes]:
        name, data = real(path, **kwargs)
        reads.append((Path(path).name, len(data)))
        return name, data

    monkeypatch.setattr(source_files, "read_bytes", counting)
    load_cached(kb_dir)  # a miss: read, hash, parse the same bytes
    load_cached(kb_dir)  # a hit
    assert [name for name, _ in reads] == ["roles.yaml", "skills.yaml"] * 2
    roles = kb_dir / "roles.yaml"
    roles.unlink()
    roles.symlink_to("/dev/zero")
    reads.clear()
    with pytest.raises(PmladderError) as caught:
        load_cached(kb_dir)
    assert reads == [("roles.yaml", 1024 * 1024 + 1), ("skills.yaml", (kb_dir / "skills.yaml").stat().st_size)]
    assert "file is larger than 1024 KiB" in str(caught.value)


def test_the_key_covers_the_code_version(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = read_sources(kb_dir)
    before = cache_key(sources)
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert cache_key(sources) != before
