"""The external probe's history: a JSON-lines file, one line per probe.

Each line is ``{"at", "url", "ok", "status", "seconds", "error", "alarm"}``
(``at`` ISO 8601 UTC; ``alarm`` the URL's alarm after that probe: ``""``,
``"warning"`` or ``"veto"``), appended in time order, so the alarm state is
kept in the file itself and the newest week is read from the end.  Runs of
``govportal-probe`` that overlap (a slow round and the next timer) take an
exclusive lock on ``FILE.lock`` while they read, decide and append.  Lines
older than :data:`~.config.KEEP_DAYS` are dropped now and then (the file is
rewritten when its first line is a day past that).
"""

import contextlib
import fcntl
import json
import os
from datetime import datetime, timedelta

from .config import KEEP_DAYS
from .stats import Probe

BLOCK = 64 * 1024


@contextlib.contextmanager
def locked(path):
    """Hold the history's lock (``path + ".lock"``) for the block."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    with open(path + ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _parse(line):
    try:
        entry = json.loads(line)
        entry["at"] = datetime.fromisoformat(entry["at"])
        return entry
    except (ValueError, KeyError, TypeError):
        return None  # a torn or foreign line: skipped


def tail_since(path, since):
    """The entries with ``at >= since``, oldest first (read from the end)."""
    if not os.path.exists(path):
        return []
    found = []
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        position = f.tell()
        rest = b""
        while position > 0:
            size = min(BLOCK, position)
            position -= size
            f.seek(position)
            lines = (f.read(size) + rest).split(b"\n")
            rest = lines.pop(0) if position > 0 else b""
            stop = False
            for raw in reversed(lines):
                entry = _parse(raw.decode("utf-8", "replace")) if raw.strip() else None
                if entry is None:
                    continue
                if entry["at"] < since:
                    stop = True
                    break
                found.append(entry)
            if stop:
                break
    found.reverse()
    return found


def append(path, entries):
    """Append ``entries`` (dicts with an aware ``at``) as lines."""
    data = "".join(
        json.dumps(dict(e, at=e["at"].isoformat()), ensure_ascii=False) + "\n" for e in entries
    )
    with open(path, "a", encoding="utf-8") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def prune(path, now, keep_days=KEEP_DAYS):
    """Drop lines older than ``keep_days`` when the oldest is a day past it;
    returns whether the file was rewritten."""
    if not os.path.exists(path):
        return False
    horizon = now - timedelta(days=keep_days)
    with open(path, encoding="utf-8") as f:
        first = _parse(f.readline())
    if first is None or first["at"] >= horizon - timedelta(days=1):
        return False
    temporary = path + ".new"
    with open(path, encoding="utf-8") as source, open(temporary, "w", encoding="utf-8") as out:
        for line in source:
            entry = _parse(line)
            if entry is not None and entry["at"] >= horizon:
                out.write(line)
    os.replace(temporary, path)
    return True


def as_probes(entries):
    """The :class:`~.stats.Probe` records of ``entries``."""
    return [
        Probe(
            e["at"],
            bool(e.get("ok")),
            int(e.get("status") or 0),
            float(e.get("seconds") or 0),
            str(e.get("error") or ""),
        )
        for e in entries
    ]
