"""Shared helpers of the cache tests."""

import time

import webtest

from govportal.cache import get_page_cache
from govportal.cache import serve as cache_serve

REGULATION = "/zcwj/yingshan-website-regulation-2019/"
REGULATION_TITLE = "营山县政府网站管理办法"


def anonymous(wsgi_app):
    """A fresh anonymous client (no cookies) for ``wsgi_app``."""
    return webtest.TestApp(wsgi_app)


def marker(res):
    """How the render cache answered: hit, miss (stored now), pass (not kept) or None."""
    return res.headers.get("X-Govportal-Cache")


def cached(client, path, attempts=100, **kw):
    """GET ``path`` until it comes from the render cache; return that answer.

    A render is not kept when the database moved on while it ran (``pass``):
    the search indexer commits in a background thread after publications.
    """
    seen = []
    for _ in range(attempts):
        res = client.get(path, **kw)
        assert res.status_int == 200, (path, res.status)
        seen.append(marker(res))
        if seen[-1] == "hit":
            return res
        assert seen[-1] in ("miss", "pass"), (path, seen)
        if seen[-1] == "pass":
            time.sleep(0.05)
    raise AssertionError(f"{path} never came from the cache: {seen}")


def settle(wsgi_app, quiet=0.3, timeout=15.0):
    """Wait until nothing commits for ``quiet`` seconds (background indexing)."""
    deadline = time.monotonic() + timeout
    tid = last_tid(wsgi_app)
    stable_since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = last_tid(wsgi_app)
        if now != tid:
            tid, stable_since = now, time.monotonic()
        elif time.monotonic() - stable_since >= quiet:
            return tid
    raise AssertionError("the database kept changing")


def fresh(client, path, **kw):
    """GET ``path`` and check it was rendered, not answered from the cache."""
    res = client.get(path, **kw)
    assert marker(res) != "hit", f"{path} answered from the cache after a change"
    return res


def last_tid(wsgi_app):
    return wsgi_app.registry._zodb_databases[""].lastTransaction()


def page_cache(wsgi_app):
    return get_page_cache(wsgi_app.registry)


def move_clock(monkeypatch, seconds):
    """Let the cache believe ``seconds`` have passed (Last-Modified waits for
    the second of the last commit to be over)."""
    monkeypatch.setattr(cache_serve, "clock", lambda: time.time() + seconds)
