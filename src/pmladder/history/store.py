"""The history database: one SQLite file under the user's pmladder folder, versioned and migrated in code.

- The schema version is `PRAGMA user_version`; `MIGRATIONS[n]` brings a database from
  version n to n + 1, inside the same write transaction that sets the new version, so a
  later pmladder opens any older database and two processes never migrate twice.
- Every write is one `BEGIN IMMEDIATE` transaction on an autocommit connection with a busy
  timeout (`PMLADDER_DB_TIMEOUT` seconds, default 5): two pmladder processes at once both
  succeed. The journal is WAL where the file system allows it, else SQLite's default.
- Any failure of the database (locked, damaged, read-only, a full disk, a newer schema) is a
  `HistoryError`, a `PmladderError` with one line in our words: `assess` shows it as a
  warning and carries on; the history commands exit 2 with it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmladder.errors import PmladderError

TIMEOUT_ENV = "PMLADDER_DB_TIMEOUT"
DEFAULT_TIMEOUT = 5.0  # seconds to wait for another process's write to finish


class HistoryError(PmladderError):
    """The history database cannot be used: locked, damaged, read-only, full, or from a newer pmladder."""


@dataclass(frozen=True)
class NewEntry:
    """A row to add: everything about one scored assessment, with the content hash that keeps it unique."""

    taken_at: str  # ISO 8601: the answers' date, else the UTC time it was saved
    saved_at: str  # ISO 8601, UTC
    name: str | None
    rater: str  # self, manager, peer or other
    current_role: str | None
    target_role: str
    readiness: float | None
    coverage: float
    verdict: str
    standing: str | None  # the highest role whose whole bar the ratings meet
    ladder: str  # the knowledge base's identity: 'bundled', or its folder
    kb_version: str
    kb_digest: str
    levels: int | None  # the size of the ladder's scale (3 to 7); None for assessments kept before version 3
    answers: dict[str, Any]  # the answers as an answers file holds them
    report: dict[str, Any]  # Assessment.to_dict(), the JSON contract
    content_hash: str


@dataclass(frozen=True)
class Entry(NewEntry):
    """A stored assessment and its id."""

    id: int = 0

    @property
    def rater_name(self) -> str | None:
        """The rater's name when someone other than the person rated them (in the stored answers)."""
        name = self.answers.get("rater_name")
        return name if isinstance(name, str) and name else None


_COLUMNS = (
    "taken_at",
    "saved_at",
    "name",
    "rater",
    "current_role",
    "target_role",
    "readiness",
    "coverage",
    "verdict",
    "standing",
    "ladder",
    "kb_version",
    "kb_digest",
    "levels",
    "answers",
    "report",
    "content_hash",
)


# --- the schema, one function per version step ------------------------------------------------


def _v1(conn: sqlite3.Connection) -> None:
    """Version 1: one row per assessment; answers and report kept whole as JSON."""
    conn.execute(
        """
        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: a deleted id is never reused
            taken_at TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            name TEXT,
            rater TEXT NOT NULL DEFAULT 'self',
            current_role TEXT,
            target_role TEXT NOT NULL,
            readiness REAL,
            coverage REAL NOT NULL,
            verdict TEXT NOT NULL,
            standing TEXT,
            ladder TEXT NOT NULL,
            kb_version TEXT NOT NULL,
            kb_digest TEXT NOT NULL,
            answers TEXT NOT NULL,
            report TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE
        )
        """
    )
    conn.execute("CREATE INDEX assessments_by_ladder ON assessments (ladder, taken_at, id)")


def _v2(conn: sqlite3.Connection) -> None:
    """Version 2: every rating also as a row, to query per skill without parsing JSON.

    Assessments stored by version 1 are filled in from their stored report.
    """
    conn.execute(
        """
        CREATE TABLE ratings (
            assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
            skill TEXT NOT NULL,
            rating INTEGER CHECK (rating BETWEEN 1 AND 5),  -- NULL: not sure yet
            required INTEGER NOT NULL,
            weight INTEGER NOT NULL,
            gap INTEGER,  -- NULL when not rated: to find out, not a gap
            evidence TEXT,
            PRIMARY KEY (assessment_id, skill)
        ) WITHOUT ROWID
        """
    )
    for entry_id, report in conn.execute("SELECT id, report FROM assessments").fetchall():
        _add_ratings(conn, entry_id, json.loads(report))


def _add_ratings(conn: sqlite3.Connection, entry_id: int, report: dict[str, Any]) -> None:
    conn.executemany(
        "INSERT INTO ratings (assessment_id, skill, rating, required, weight, gap, evidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (entry_id, s["skill"], s["rating"], s["required"], s["weight"], s["gap"], s.get("evidence"))
            for s in report.get("skills", [])
        ],
    )


def _v3(conn: sqlite3.Connection) -> None:
    """Version 3: ratings up to 7, and the size of each assessment's scale.

    A ladder's scale has 3 to 7 levels, but version 2 allowed ratings of 1 to 5 only, so an
    assessment on a 7-level ladder with a 6 in it could not be kept. The ratings table is
    rebuilt with the wider bound (SQLite cannot change a CHECK in place). Assessments kept
    before carry no scale size (NULL): it was not recorded.
    """
    conn.execute("ALTER TABLE assessments ADD COLUMN levels INTEGER CHECK (levels BETWEEN 3 AND 7)")
    conn.execute(
        """
        CREATE TABLE ratings_v3 (
            assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
            skill TEXT NOT NULL,
            rating INTEGER CHECK (rating BETWEEN 1 AND 7),  -- NULL: not sure yet; 7: MAX_LEVELS
            required INTEGER NOT NULL,
            weight INTEGER NOT NULL,
            gap INTEGER,  -- NULL when not rated: to find out, not a gap
            evidence TEXT,
            PRIMARY KEY (assessment_id, skill)
        ) WITHOUT ROWID
        """
    )
    conn.execute(
        "INSERT INTO ratings_v3 SELECT assessment_id, skill, rating, required, weight, gap, evidence FROM ratings"
    )
    conn.execute("DROP TABLE ratings")
    conn.execute("ALTER TABLE ratings_v3 RENAME TO ratings")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3)
SCHEMA_VERSION = len(MIGRATIONS)


# --- errors in our words ----------------------------------------------------------------------


def timeout() -> float:
    """The busy timeout in seconds: `$PMLADDER_DB_TIMEOUT` when it is a number, else 5."""
    try:
        return max(0.0, float(os.environ.get(TIMEOUT_ENV, "")))
    except ValueError:
        return DEFAULT_TIMEOUT


def reason(exc: BaseException) -> str:
    """Why the database failed, as a short phrase."""
    if isinstance(exc, ValueError):  # a row whose JSON does not read
        return "is damaged (a stored assessment does not read); move it aside and pmladder starts a new one"
    if isinstance(exc, OSError):
        if isinstance(exc, (NotADirectoryError, FileExistsError)):
            return "cannot be created: a folder on its path is a file"
        return f"cannot be created: {exc.strerror or exc}"
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = f"{name} {exc}".lower()
    if "busy" in text or "locked" in text:
        return "is locked by another program"
    if "readonly" in text or "read-only" in text:
        return "is read-only"
    if "full" in text:
        return "cannot grow: the disk is full"
    if "cantopen" in text or "unable to open" in text:
        return "cannot be opened (is it a folder, or is its folder read-only?)"
    if "notadb" in text or "not a database" in text or "corrupt" in text or "malformed" in text:
        return "is damaged (not a database); move it aside and pmladder starts a new one"
    return f"cannot be used: {exc}"


@contextmanager
def _translated(path: Path) -> Iterator[None]:
    try:
        yield
    except (sqlite3.Error, OSError, ValueError) as exc:
        raise HistoryError(f"history database {path} {reason(exc)}") from None


# --- the store --------------------------------------------------------------------------------


class Store:
    """An open, migrated history database. Use `Store.open(path)` as a context manager."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Store | None:
        """The database at `path`, created (folder 0700, file 0600) and migrated as needed.

        None when it does not exist and `create` is false: reading an empty history writes nothing.
        """
        if not create and not path.exists():
            return None
        with _translated(path):
            new = not path.exists()
            if new:
                path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=timeout(), isolation_level=None)
            try:
                if new:
                    path.chmod(0o600)
                conn.execute("PRAGMA foreign_keys = ON")
                store = cls(path, conn)
                store._migrate()
            except BaseException:
                conn.close()
                raise
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    @property
    def version(self) -> int:
        (value,) = self._conn.execute("PRAGMA user_version").fetchone()
        return int(value)

    def _migrate(self) -> None:
        version = self.version
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise HistoryError(
                f"history database {self.path} was written by a newer pmladder (schema {version});"
                " upgrade pmladder to use it"
            )
        if version == 0:
            # WAL lets a reader and a writer work at once; where it cannot be used, SQLite keeps its default
            self._conn.execute("PRAGMA journal_mode = WAL")
        with self._write():
            version = self.version  # another process may have migrated it while this one waited
            for step in MIGRATIONS[version:]:
                step(self._conn)
            self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE) so it waits for others, never deadlocks."""
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def add(self, entry: NewEntry) -> tuple[int, bool]:
        """Store an assessment; (its id, True) when added, (the id already stored, False) for the same content."""
        # Scoring the same file again is common (CI, a report re-made): found by a read, it costs no
        # write transaction, whose commit waits for the disk. An ignored INSERT still commits a change
        # (AUTOINCREMENT moves its counter), so the read comes first; the INSERT still decides a race.
        found = self._find(entry.content_hash)
        if found is not None:
            return found, False
        values = [getattr(entry, c) for c in _COLUMNS]
        values[_COLUMNS.index("answers")] = json.dumps(entry.answers, ensure_ascii=False)  # in file order
        values[_COLUMNS.index("report")] = json.dumps(entry.report, ensure_ascii=False)
        with _translated(self.path), self._write() as conn:
            cursor = conn.execute(
                f"INSERT OR IGNORE INTO assessments ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                values,
            )
            if cursor.rowcount == 1 and cursor.lastrowid is not None:
                _add_ratings(conn, cursor.lastrowid, entry.report)
                return cursor.lastrowid, True
            (found,) = conn.execute(  # another process added the same one meanwhile
                "SELECT id FROM assessments WHERE content_hash = ?", (entry.content_hash,)
            ).fetchone()
            return int(found), False

    def _find(self, content_hash: str) -> int | None:
        """The id of the assessment with this content, if it is stored."""
        with _translated(self.path):
            row = self._conn.execute("SELECT id FROM assessments WHERE content_hash = ?", (content_hash,)).fetchone()
        return int(row[0]) if row else None

    def entries(self, ladder: str | None = None) -> list[Entry]:
        """Stored assessments, oldest first (by when taken, then by id); one ladder's, or all for None."""
        query = f"SELECT id, {', '.join(_COLUMNS)} FROM assessments"
        where, params = ("", ()) if ladder is None else (" WHERE ladder = ?", (ladder,))
        with _translated(self.path):
            rows = self._conn.execute(query + where + " ORDER BY taken_at, id", params).fetchall()
            return [_entry(row) for row in rows]

    def get(self, entry_id: int) -> Entry | None:
        with _translated(self.path):
            row = self._conn.execute(
                f"SELECT id, {', '.join(_COLUMNS)} FROM assessments WHERE id = ?", (entry_id,)
            ).fetchone()
            return _entry(row) if row else None

    def delete(self, entry_id: int) -> bool:
        """Remove one assessment; False when there is no such id."""
        with _translated(self.path), self._write() as conn:
            return conn.execute("DELETE FROM assessments WHERE id = ?", (entry_id,)).rowcount == 1


def _entry(row: tuple[Any, ...]) -> Entry:
    fields = dict(zip(("id", *_COLUMNS), row, strict=True))
    fields["answers"] = json.loads(fields["answers"])
    fields["report"] = json.loads(fields["report"])
    return Entry(**fields)


@contextmanager
def opened(path: Path, *, create: bool = True) -> Iterator[Store | None]:
    """`Store.open` as a context manager that closes the connection, with every failure a `HistoryError`."""
    store = Store.open(path, create=create)
    try:
        yield store
    finally:
        if store is not None:
            store.close()
