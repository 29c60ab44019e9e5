"""A start-up cache of the validated knowledge base, as plain JSON data.

Parsing the YAML, building the validators and validating cost more than everything else a
command like `pmladder roles` does. The validated knowledge base is kept under the user's
cache folder as JSON, keyed by a hash of both files' bytes and of the code that reads them,
so any edit to either is a miss.

The cache is data, never code: it used to be a pickle, and a pickle planted in the cache
folder ran whatever it held. Now a cache file is read as JSON and decoded into the plain
values of `knowledge.values`, every key and type checked, with no Pydantic model built (the
files' validators cost more than the rest of a warm `pmladder roles`); one that does not
parse, decode or fit together is ignored and rebuilt. And it is only used where nobody else can plant one: the folder is created 0700,
and a folder or file owned by another user, or writable by group or others, is neither read
nor written. Files are opened relative to the folder, never following a symbolic link; a
new cache is written to a fresh temporary file (`O_EXCL`) and renamed into place, and the
temporary file is removed on any failure. A cache that cannot be used is simply skipped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import secrets
import stat
import time
from contextlib import suppress
from pathlib import Path

from pmladder import __version__
from pmladder.io.files import MAX_INPUT_BYTES, display_name
from pmladder.knowledge.base import ROLES_FILE, SKILLS_FILE, KnowledgeBase
from pmladder.knowledge.sources import Sources, read_sources
from pmladder.knowledge.values import MAX_LEVELS, MAX_WEIGHT, MIN_LEVELS, decode, plain

CACHE_ENV = "PMLADDER_NO_CACHE"
FORMAT = 3  # 1 was the pickle; 2 held the Pydantic models' dump
MAX_CACHE_BYTES = 8 * MAX_INPUT_BYTES  # both files as JSON, with room to spare
STALE_AFTER = 7 * 86400  # seconds
_CODE = ("models.py", "fields.py", "values.py", "base.py", "checks.py", "load.py", "cache.py")
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def cache_dir() -> Path:
    from pmladder.io.paths import HOME_ENV, home

    if os.environ.get(HOME_ENV):
        return home() / "cache"
    import platformdirs

    return platformdirs.user_cache_path("pmladder", appauthor=False)


def cache_key(sources: dict[str, tuple[str, bytes]]) -> str:
    """A hash of the files' bytes as read, of the cache format and of the code that reads them."""
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}\0".encode())
    here = Path(__file__).parent
    for name in _CODE:
        try:
            info = (here / name).stat()
            digest.update(f"{name}:{info.st_mtime_ns}:{info.st_size}\0".encode())
        except OSError:
            digest.update(f"{name}:missing\0".encode())
    for name in (ROLES_FILE, SKILLS_FILE):
        data = sources[name][1]
        digest.update(f"{name}:{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def load_cached(directory: Path) -> KnowledgeBase:
    """`load_knowledge_base`, answered from the cache when the files are unchanged."""
    sources = read_sources(directory)  # read once, capped; a miss parses these same bytes
    if os.environ.get(CACHE_ENV) or not _supported():
        return parse_knowledge_base(directory, sources)
    key = cache_key(sources)
    folder = _open_folder(cache_dir())
    if folder is None:
        return parse_knowledge_base(directory, sources)
    try:
        data = _read_entry(folder, _entry_name(key))
        kb = _from_json(data, key, display_name(directory)) if data is not None else None
        if kb is not None:
            return kb
        kb = parse_knowledge_base(directory, sources)  # errors propagate: only a valid knowledge base is cached
        _write_entry(folder, key, _to_json(kb, key))
        return kb
    finally:
        os.close(folder)


def parse_knowledge_base(directory: Path, sources: Sources) -> KnowledgeBase:
    """A miss: the files parsed and validated (YAML and Pydantic are imported only here)."""
    from pmladder.knowledge.load import parse_knowledge_base as parse

    return parse(directory, sources)


def _supported() -> bool:
    """Owner checks and writes relative to a folder need POSIX; elsewhere there is no cache."""
    return (
        hasattr(os, "geteuid") and os.open in os.supports_dir_fd and os.rename in os.supports_dir_fd
    )  # os.replace is renameat too


def _entry_name(key: str) -> str:
    return f"kb-{key}.json"


def _trusted(info: os.stat_result) -> bool:
    """Ours alone: owned by this user and writable by nobody else."""
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _open_folder(path: Path) -> int | None:
    """A descriptor of the cache folder, created 0700 if missing; None when it is not ours alone."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with suppress(FileExistsError):
            path.mkdir(mode=0o700)
        fd = os.open(path, os.O_RDONLY | _O_DIRECTORY | _O_CLOEXEC)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
    except OSError:
        os.close(fd)
        return None
    if not stat.S_ISDIR(info.st_mode) or not _trusted(info):
        os.close(fd)
        return None
    return fd


def _read_entry(folder: int, name: str) -> bytes | None:
    """A cache file's bytes, if it is a regular file of ours, no larger than the cap; else None."""
    try:
        fd = os.open(name, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC, dir_fd=folder)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _trusted(info) or info.st_size > MAX_CACHE_BYTES:
            return None
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_CACHE_BYTES:
            chunk = os.read(fd, MAX_CACHE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks) if size <= MAX_CACHE_BYTES else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _write_entry(folder: int, key: str, data: bytes) -> None:
    """Write atomically: a fresh temporary file that cannot be a planted link, then a rename."""
    temp = f".kb-{key}.{os.getpid()}.{secrets.token_hex(8)}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC, 0o600, dir_fd=folder)
    except OSError:
        return
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(temp, _entry_name(key), src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(temp, dir_fd=folder)
        if not isinstance(exc, OSError):  # a full disk is a skipped cache; Ctrl-C is still Ctrl-C
            raise
        return
    _remove_stale(folder, keep=_entry_name(key))


def _remove_stale(folder: int, keep: str) -> None:
    """Old caches (other versions of the files), left-over temporary files and pickles of old versions."""
    now = time.time()
    try:
        with os.scandir(folder) as entries:
            names = [
                entry.name
                for entry in entries
                if entry.name != keep and entry.name.startswith(("kb-", ".kb-")) and not entry.is_dir()
            ]
    except OSError:
        return
    for name in names:
        with suppress(OSError):
            info = os.stat(name, dir_fd=folder, follow_symlinks=False)
            if name.endswith(".pickle") or info.st_mtime < now - STALE_AFTER:
                os.unlink(name, dir_fd=folder)


def _to_json(kb: KnowledgeBase, key: str) -> bytes:
    return json.dumps({"format": FORMAT, "key": key, "kb": plain(kb)}, ensure_ascii=False).encode()


def _from_json(data: bytes, key: str, source: str) -> KnowledgeBase | None:
    """The knowledge base a cache file holds, or None when it is not ours, not whole or does not fit together.

    Every key and the type of every value are checked by the same decoder that builds the
    values from the validated files, so a damaged or foreign file is a miss, never a crash.
    """
    try:
        cached = json.loads(data)
        if not isinstance(cached, dict) or cached.keys() != {"format", "key", "kb"}:
            return None
        if cached["format"] != FORMAT or cached["key"] != key:
            return None
        kb = decode(KnowledgeBase, cached["kb"])
    except (ValueError, TypeError, RecursionError):  # Unfit is a ValueError, as is bad JSON
        return None
    if not _consistent(kb):
        return None
    return dataclasses.replace(kb, source=source)


def _consistent(cached: KnowledgeBase) -> bool:
    """What every command relies on and the decoder's type checks do not cover: references
    resolve, ids are unique, and levels and weights are in range, as the models and `checks` made sure."""
    skills = {s.id for s in cached.skills}
    roles = {r.id for r in cached.roles}
    categories = {c.id for c in cached.categories}
    levels = range(1, len(cached.scale) + 1)
    requirements = [req for r in cached.roles for req in r.requirements]
    return (
        len(skills) == len(cached.skills)
        and len(roles) == len(cached.roles)
        and MIN_LEVELS <= len(cached.scale) <= MAX_LEVELS
        and [rung.level for rung in cached.scale] == list(levels)
        and all(len(s.levels) == len(cached.scale) for s in cached.skills)
        and all(s.category in categories for s in cached.skills)
        and all(p.builds_to in levels and p.effort_hours >= 1 for s in cached.skills for p in s.projects)
        and all(r.requirements for r in cached.roles)
        and all(req.skill in skills and req.level in levels and 1 <= req.weight <= MAX_WEIGHT for req in requirements)
        and all(target in roles for r in cached.roles for target in r.next_roles)
    )
