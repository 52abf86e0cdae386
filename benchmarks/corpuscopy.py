"""What the corpus benchmarks share: open a copy of the corpus, time, report.

A FileStorage opens in one process only, so each benchmark works on a copy
of ``var/bench`` (``cp -r var/bench /tmp/<name>-bench``, or
:func:`copy_corpus`).  :func:`corpus_app` starts the application on it,
:func:`session` gives the portal root in a read-only site session (with
the content database's object cache emptied first for a cold measurement),
:func:`timed` times one call and :func:`report` prints the median and
maximum of several rounds.
"""

import shutil
import statistics
import time
from contextlib import contextmanager
from pathlib import Path

import transaction

from benchmarks.corpus import settings_for
from govportal import main
from govportal.bootstrap import close_app, site_session


def copy_corpus(source, target):
    """Copy the corpus directory ``source`` to ``target`` (replaced; no lock files)."""
    target = Path(target)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))


@contextmanager
def corpus_app(directory, **settings):
    """The application on the corpus copy at ``directory`` (closed afterwards)."""
    app = main({}, **dict(settings_for(directory), **settings))
    try:
        yield app
    finally:
        close_app(app)


@contextmanager
def session(registry, cold=True):
    """``(root, request)`` of a site session, aborted at the end.

    ``cold``: empty the content database's object cache first, so that the
    first reads come from the storage.
    """
    if cold:
        registry._zodb_databases[""].cacheMinimize()
    with site_session(registry, commit=False) as (zodb_root, request):
        try:
            yield zodb_root["app_root"], request
        finally:
            transaction.abort()


def timed(fn):
    """``(seconds, result)`` of calling ``fn()``."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def report(measurements):
    """Print ``name: median …, max …`` for each ``(name, [seconds, …])``."""
    for name, values in measurements:
        print(
            f"{name}: median {statistics.median(values) * 1000:.0f} ms, "
            f"max {max(values) * 1000:.0f} ms ({len(values)} rounds)"
        )
