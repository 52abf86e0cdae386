"""Fixtures of the search tests: signed-in editors and reviewers, result parsing."""

import html
import re

import pytest

from tests.http.helpers import publish

RESULT_RE = re.compile(r'<li class="search-result">\s*<h3><a href="([^"]+)">(.*?)</a></h3>', re.S)
TAG_RE = re.compile(r"<[^>]+>")


def results(res):
    """``[(path, title)]`` of the results on a search page (titles unmarked)."""
    out = []
    for href, title in RESULT_RE.findall(res.text):
        path = re.sub(r"^https?://[^/]+", "", href)
        out.append((path, html.unescape(TAG_RE.sub("", title))))
    return out


def titles(res):
    return [t for _p, t in results(res)]


def total(res):
    m = re.search(r"找到 <strong>(\d+)</strong> 条结果", res.text)
    return int(m.group(1)) if m else 0


@pytest.fixture
def staff(browser):
    """Signed-in clients, each signed in when first used: ``staff.editor`` and
    ``staff.reviewer`` of 教育局 (jyj), ``staff.portal_editor`` and
    ``staff.portal_reviewer`` of the portal."""

    logins = {
        "editor": "jyj_editor",
        "reviewer": "jyj_reviewer",
        "portal_editor": "portal_editor",
        "portal_reviewer": "portal_reviewer",
    }

    class Staff:
        def __getattr__(self, name):
            if name not in logins:
                raise AttributeError(name)
            client = browser(logins[name])
            setattr(self, name, client)
            return client

        def publish(self, title, body="<p>正文</p>", column="/jyj/gzdt/", **extra):
            if column.startswith("/jyj/"):
                return publish(self.editor, self.reviewer, column, title, body, **extra)
            return publish(self.portal_editor, self.portal_reviewer, column, title, body, **extra)

    return Staff()
