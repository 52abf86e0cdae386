"""Attachment text extraction bounded in time, memory and output.

A hostile or broken attachment must not stall a request thread or the
search indexer, nor take the server's memory: a 270 KiB DOCX that unpacks to
90 MiB of text once took 97 s and 1.6 GB in the pre-publication checks.  So:

1. *Zip-bomb guard* (in this process, reading only the zip directory): an
   Office/OFD file whose members unpack to more than
   ``govportal.extract.max_unzipped_mb`` in all, or a member above 1 MB
   whose unpacked/packed ratio passes ``govportal.extract.max_ratio``, or
   more than :data:`MAX_MEMBERS` members, is refused before any parser
   sees it.  Python's zipfile never yields more than a member's declared
   size, so the directory's sizes bound what a parser can unpack.
2. *Child process* (:mod:`._child`): every other extraction (PDF, DOCX,
   XLSX …) runs in ``python -I _child.py`` with ``RLIMIT_AS``
   (``govportal.extract.memory_mb``), ``RLIMIT_CPU`` and ``RLIMIT_FSIZE``
   (``govportal.extract.max_text_mb`` of output) set in the child, and is
   killed after ``govportal.extract.timeout`` seconds of wall time.  The
   calling thread polls with ``os.wait4`` (which also gives the child's peak
   memory): it never waits longer than the timeout.

:func:`extract_bounded` returns an :class:`Extraction`: ``ok`` False with a
``reason`` (:data:`REASONS`) when the file could not be checked.  The search
index then skips the attachment; the pre-publication checks report a
blocking finding (不能检查) that a reviewer must decide on.
"""

import io
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

MB = 1024 * 1024
MAX_MEMBERS = 10_000
#: Members smaller than this are not held to the ratio (small XML parts
#: compress very well).
RATIO_FLOOR = 1 * MB
#: Extensions that are zip containers.
ZIPPED = frozenset({"docx", "xlsx", "pptx", "ofd", "zip"})
#: Extensions extracted in this process: plain text, already bounded by size.
INLINE = frozenset({"txt", "csv"})

CHILD = str(Path(__file__).with_name("_child.py"))

#: Why a file could not be checked (codes; Chinese texts in govportal.checks).
BOMB = "bomb"
TIMEOUT = "timeout"
MEMORY = "memory"
UNREADABLE = "unreadable"
#: A format whose text is not read (legacy Word/PowerPoint, WPS 文字/演示),
#: or a zip holding such a file, an encrypted member or zips nested too deep.
FORMAT = "format"
REASONS = (BOMB, TIMEOUT, MEMORY, UNREADABLE, FORMAT)

#: Exit codes of the child.
EXIT_MEMORY = 3
EXIT_FAILED = 4
EXIT_FORMAT = 5


@dataclass(frozen=True)
class Limits:
    timeout: float = 20.0
    memory: int = 512 * MB
    max_text: int = 2 * MB
    max_unzipped: int = 50 * MB
    max_ratio: float = 100.0

    @classmethod
    def from_settings(cls, settings):
        def number(name, default):
            value = settings.get(name)
            return float(value) if value not in (None, "") else default

        return cls(
            timeout=number("govportal.extract.timeout", 20.0),
            memory=int(number("govportal.extract.memory_mb", 512) * MB),
            max_text=int(number("govportal.extract.max_text_mb", 2) * MB),
            max_unzipped=int(number("govportal.extract.max_unzipped_mb", 50) * MB),
            max_ratio=number("govportal.extract.max_ratio", 100.0),
        )


#: The limits in force (set from the settings by :func:`configure`).
LIMITS = Limits()


def configure(settings):
    """Take the limits from the application's settings."""
    global LIMITS
    LIMITS = Limits.from_settings(settings)


@dataclass(frozen=True)
class Extraction:
    """The text of one file, or why it could not be checked.

    ``peak_kb`` is the child's peak resident memory (its VmHWM, KiB; when it
    was killed, ``ru_maxrss``, which also counts the parent's pages resident
    at fork; 0 when no child ran) and ``seconds`` the wall time of the extraction."""

    text: str = ""
    ok: bool = True
    reason: str = ""
    peak_kb: int = 0
    seconds: float = 0.0


def zip_guard(data, limits=None):
    """None if the zip ``data`` may be unpacked, else the reason (:data:`BOMB`,
    or :data:`UNREADABLE` for something that is not a zip)."""
    limits = limits or LIMITS
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return UNREADABLE
    if len(infos) > MAX_MEMBERS:
        return BOMB
    total = 0
    for info in infos:
        total += info.file_size
        if total > limits.max_unzipped:
            return BOMB
        if info.file_size > RATIO_FLOOR:
            if info.file_size / max(info.compress_size, 1) > limits.max_ratio:
                return BOMB
    return None


def extract_bounded(ext, data, limits=None):
    """The text of ``data`` (a file with extension ``ext``) as an
    :class:`Extraction`, within the limits."""
    from ..search import extract

    limits = limits or LIMITS
    started = time.monotonic()
    if ext not in extract.EXTRACTORS or not data:
        return Extraction()
    if ext in ZIPPED:
        reason = zip_guard(data, limits)
        if reason is not None:
            log.warning("attachment refused before extraction: %s", reason)
            return Extraction(ok=False, reason=reason, seconds=time.monotonic() - started)
    if ext in INLINE:
        text = extract.extract_text_inline("x." + ext, cut_text(data, limits.max_text))
        return Extraction(text=text, seconds=time.monotonic() - started)
    return run_child(ext, data, limits)


def cut_text(data, limit):
    """The first ``limit`` bytes of a text file, cut at a character boundary
    (UTF-8, else GB 18030) so that its encoding is still recognised."""
    if len(data) <= limit:
        return data
    chunk = data[:limit]
    for encoding in ("utf-8", "gb18030"):
        for back in range(4):
            try:
                chunk[: limit - back].decode(encoding)
            except UnicodeDecodeError:
                continue
            return chunk[: limit - back]
    return chunk


def run_child(ext, data, limits=None):
    """Extract in a child process; see the module documentation."""
    limits = limits or LIMITS
    started = time.monotonic()
    with (
        tempfile.TemporaryFile() as source,
        tempfile.TemporaryFile() as output,
        tempfile.TemporaryFile() as errors,
    ):
        source.write(data)
        source.seek(0)
        args = [
            sys.executable,
            "-I",
            CHILD,
            ext,
            str(limits.memory),
            str(int(limits.timeout) + 1),
            str(limits.max_text),
        ]
        # Our own interpreter and script; the file's bytes go on stdin only.
        proc = subprocess.Popen(  # noqa: S603
            args, stdin=source, stdout=output, stderr=errors, close_fds=True
        )
        status, rusage, timed_out = _wait(proc, started + limits.timeout)
        seconds = time.monotonic() - started
        peak = _reported_peak(errors) or int(getattr(rusage, "ru_maxrss", 0) or 0)
        code = os.waitstatus_to_exitcode(status)
        if timed_out or code == -signal.SIGXCPU:
            log.warning("attachment extraction timed out after %.1f s", seconds)
            return Extraction(ok=False, reason=TIMEOUT, peak_kb=peak, seconds=seconds)
        if code == EXIT_MEMORY or code in (-signal.SIGSEGV, -signal.SIGKILL, -signal.SIGABRT):
            log.warning("attachment extraction ran out of memory (exit %s)", code)
            return Extraction(ok=False, reason=MEMORY, peak_kb=peak, seconds=seconds)
        if code == EXIT_FORMAT:
            log.warning("attachment holds a format that cannot be read")
            return Extraction(ok=False, reason=FORMAT, peak_kb=peak, seconds=seconds)
        if code != 0:
            log.warning("attachment extraction failed (exit %s)", code)
            return Extraction(ok=False, reason=UNREADABLE, peak_kb=peak, seconds=seconds)
        output.seek(0)
        raw = output.read(limits.max_text)
    return Extraction(
        text=raw.decode("utf-8", "ignore"), peak_kb=peak, seconds=time.monotonic() - started
    )


def _reported_peak(errors):
    """The child's own peak memory (KiB) from its stderr, or 0."""
    errors.seek(0)
    for line in errors.read(64 * 1024).decode("ascii", "ignore").splitlines():
        if line.startswith("peak_kb="):
            try:
                return int(line[8:])
            except ValueError:
                return 0
    return 0


def _wait(proc, deadline):
    """Reap ``proc`` by its deadline (killing it then): ``(status, rusage,
    timed_out)``.  Polls, so the caller never blocks past the deadline."""
    delay = 0.005
    while True:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return status, rusage, False
        if time.monotonic() >= deadline:
            proc.kill()
            _pid, status, rusage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            return status, rusage, True
        time.sleep(delay)
        delay = min(delay * 2, 0.05)
