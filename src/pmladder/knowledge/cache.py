"""A start-up cache of the validated knowledge base.

Parsing the YAML, building the validators and validating cost more than everything else a
command like `pmladder roles` does. The validated `KnowledgeBase` is pickled under the
user's cache folder, keyed by a hash of both files' bytes and of the code that defines the
models, so any edit to either is a miss. The cache only ever holds what this user's own
pmladder wrote; a cache that cannot be read or written is simply skipped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from pathlib import Path

from pmladder import __version__
from pmladder.io.files import display_name
from pmladder.knowledge.base import ROLES_FILE, SKILLS_FILE, KnowledgeBase

CACHE_ENV = "PMLADDER_NO_CACHE"
_CODE = ("models.py", "base.py", "checks.py", "load.py")


def cache_dir() -> Path:
    from pmladder.io.paths import HOME_ENV, home

    if os.environ.get(HOME_ENV):
        return home() / "cache"
    import platformdirs

    return platformdirs.user_cache_path("pmladder", appauthor=False)


def cache_key(directory: Path) -> str | None:
    """A hash of the files and the code that reads them, or None when a file cannot be read."""
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    try:
        for name in _CODE:
            stat = (here / name).stat()
            digest.update(f"{name}:{stat.st_mtime_ns}:{stat.st_size}".encode())
        for name in (ROLES_FILE, SKILLS_FILE):
            digest.update((directory / name).read_bytes())
            digest.update(b"\0")
    except OSError:
        return None
    return digest.hexdigest()[:32]


def load_cached(directory: Path) -> KnowledgeBase:
    """`load_knowledge_base`, answered from the cache when the files are unchanged."""
    key = None if os.environ.get(CACHE_ENV) else cache_key(directory)
    if key is None:
        return _load(directory)
    path = cache_dir() / f"kb-{key}.pickle"
    try:
        kb = pickle.loads(path.read_bytes())
        if isinstance(kb, KnowledgeBase):
            return dataclasses.replace(kb, source=display_name(directory))
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    kb = _load(directory)  # errors propagate: only a valid knowledge base is cached
    _store(path, kb)
    return kb


def _load(directory: Path) -> KnowledgeBase:
    from pmladder.knowledge.load import load_knowledge_base  # YAML and validators: only on a miss

    return load_knowledge_base(directory)


def _store(path: Path, kb: KnowledgeBase) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(f".{os.getpid()}.tmp")
        temp.write_bytes(pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL))
        temp.replace(path)
        for stale in path.parent.glob("kb-*.pickle"):
            if stale != path and stale.stat().st_mtime < path.stat().st_mtime - 7 * 86400:
                stale.unlink(missing_ok=True)
    except OSError:
        return
