"""A library is a folder: ``library.sqlite`` plus caches (thumbnails, embeddings, models).

SQLite is the single source of truth. Every thread gets its own connection (``Library.db()``);
all writes go through :meth:`Library.write`, which serialises writers inside this process with a
lock and across processes with ``BEGIN IMMEDIATE`` + ``busy_timeout``; WAL lets readers go on
while a job writes.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Dict, Iterator, List, Optional, Sequence, Tuple

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.paths import default_library_dir
from animeid_desktop.core.library.schema import SCHEMA_VERSION, migrate

if TYPE_CHECKING:
    import sqlite_utils

DB_NAME = "library.sqlite"
BUSY_TIMEOUT_MS = 30_000
SQLITE_FULL = 13
IN_CHUNK = 500  # values per "IN (...)" list: old SQLite builds allow 999 parameters in all

_writer_locks: Dict[str, threading.RLock] = {}
_writer_locks_guard = threading.Lock()


def utcnow() -> str:
    """Current UTC time as an ISO-8601 string (seconds precision)."""
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def _writer_lock(db_path: Path) -> threading.RLock:
    key = str(db_path.resolve())
    with _writer_locks_guard:
        lock = _writer_locks.get(key)
        if lock is None:
            lock = _writer_locks[key] = threading.RLock()
        return lock


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open; errors here must not hide the original one."""
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def in_chunks(values: Sequence) -> Iterator[Tuple[list, str]]:
    """``(chunk, marks)``: at most :data:`IN_CHUNK` of ``values`` and their ``?,?,...`` placeholders."""
    values = list(values)
    for start in range(0, len(values), IN_CHUNK):
        chunk = values[start : start + IN_CHUNK]
        yield chunk, ",".join("?" * len(chunk))


def execute_in(conn: sqlite3.Connection, sql: str, values: Sequence, params: tuple = ()) -> List[tuple]:
    """Run ``sql`` once per chunk of ``values`` with ``{marks}`` as the IN list; all rows fetched.

    ``params`` come before the chunk's values. For statements inside :meth:`Library.write`.
    """
    rows: List[tuple] = []
    for chunk, marks in in_chunks(values):
        rows += conn.execute(sql.replace("{marks}", marks), (*params, *chunk)).fetchall()
    return rows


def connect(db_path: Path) -> sqlite3.Connection:
    """Open a raw connection in autocommit mode with WAL, foreign keys and a busy timeout."""
    conn = sqlite3.connect(str(db_path), isolation_level=None, check_same_thread=False, timeout=30)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


class Library:
    """An opened library folder. Cheap to create; safe to share between threads."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).expanduser().absolute()  # a relative folder stays the one meant if the cwd changes
        self.db_path = self.root / DB_NAME
        self._local = threading.local()
        self._lock = _writer_lock(self.db_path)

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, root: Optional[str | os.PathLike] = None, create: bool = True) -> Library:
        """Open (and by default create) the library in ``root`` and bring its schema up to date."""
        path = default_library_dir(root)
        if path.exists() and not path.is_dir():
            raise UserError(f"library path {path} is a file, not a folder")
        if not (path / DB_NAME).exists():
            if not create:
                raise UserError(f"no library at {path} (create one with 'animeid import' or 'animeid demo')")
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UserError(f"cannot create library folder {path}: {exc.strerror}") from exc
        lib = cls(path)
        try:
            conn = lib.connection()
            with lib._lock:
                migrate(conn)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # a damaged file can garble messages too
            lib.close()
            raise UserError(f"cannot open library {path / DB_NAME}: {exc}") from exc
        except RuntimeError as exc:  # schema newer than this program
            lib.close()
            raise UserError(str(exc)) from exc
        for sub in (lib.cache_dir, lib.models_dir):
            sub.mkdir(parents=True, exist_ok=True)
        return lib

    # ----------------------------------------------------------------- folders
    @property
    def cache_dir(self) -> Path:
        return self.root / "cache"

    @property
    def thumbs_dir(self) -> Path:
        return self.cache_dir / "thumbnails"

    @property
    def embeddings_dir(self) -> Path:
        return self.cache_dir / "embeddings"

    @property
    def models_dir(self) -> Path:
        return self.root / "models"

    # ----------------------------------------------------------------- connections
    def connection(self) -> sqlite3.Connection:
        """This thread's raw sqlite3 connection (autocommit; use :meth:`write` for changes)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.db_path)
            self._local.conn = conn
        return conn

    def db(self) -> sqlite_utils.Database:
        """This thread's sqlite-utils Database, for queries."""
        db = getattr(self._local, "db", None)
        if db is None:
            import sqlite_utils  # a fifth of a second (it loads numpy): only where it is used

            db = sqlite_utils.Database(self.connection())
            self._local.db = db
        return db

    def close(self) -> None:
        """Close this thread's connection (other threads close their own)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
            self._local.db = None

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; the only way core code changes the database.

        Re-entrant within a thread: a nested ``write()`` joins the outer transaction.
        """
        conn = self.connection()
        with self._lock:
            if conn.in_transaction:
                yield conn
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException as exc:
                _rollback(conn)  # SQLite may have rolled back already (disk full): never mask the error
                self._raise_if_disk_full(exc)
                raise
            else:
                try:
                    conn.execute("COMMIT")
                except sqlite3.Error as exc:
                    _rollback(conn)  # a failed COMMIT can leave the transaction open: later writes would join it
                    self._raise_if_disk_full(exc)
                    raise

    def _raise_if_disk_full(self, exc: BaseException) -> None:
        if isinstance(exc, sqlite3.OperationalError) and (
            getattr(exc, "sqlite_errorcode", None) == SQLITE_FULL or "disk is full" in str(exc)
        ):
            raise UserError(
                f"the disk holding the library ({self.root}) is full, so this change was not saved; "
                f"free some space and try again"
            ) from exc

    # ----------------------------------------------------------------- small helpers
    def query(self, sql: str, params: tuple | dict = ()) -> list[dict]:
        """Run a read query on this thread's connection and return all rows as dicts."""
        cur = self.connection().execute(sql, params)
        cols = [c[0] for c in cur.description or ()]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def query_in(self, sql: str, values: Sequence, params: tuple = ()) -> list[dict]:
        """:meth:`query` over chunks of ``values`` (``{marks}`` in ``sql`` is the IN list, after ``params``)."""
        rows: list[dict] = []
        for chunk, marks in in_chunks(values):
            rows += self.query(sql.replace("{marks}", marks), (*params, *chunk))
        return rows

    def scalar(self, sql: str, params: tuple | dict = ()):
        """First column of the first row, or None."""
        row = self.connection().execute(sql, params).fetchone()
        return None if row is None else row[0]

    def get_setting(self, key: str, default: Optional[str] = None) -> Optional[str]:
        value = self.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return default if value is None else value

    def set_setting(self, key: str, value: Optional[str]) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def schema_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def __repr__(self) -> str:
        return f"Library({str(self.root)!r})"


__all__ = ["Library", "SCHEMA_VERSION", "utcnow", "connect", "DB_NAME"]
