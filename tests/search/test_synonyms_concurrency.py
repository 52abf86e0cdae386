"""Sixteen saves of the synonym dictionary at once (real waitress, real threads):
every save is acknowledged, none is lost to a conflict, each replay stores nothing."""

import collections
import re

from govportal.search.synonyms import STORE_ATTR
from tests.concurrency.helpers import quiet_server, threaded_server
from tests.concurrency.writers import WRITERS, at_once
from tests.conftest import read_root
from tests.storage.helpers import Client

PAGE = "/@@admin-synonyms"


def _fields(html):
    """The hidden fields of the dictionary form, as a browser sends them."""
    form = re.search(r'<form\b[^>]*id="synonyms".*?</form>', html, re.S).group(0)
    fields = []
    for tag in re.finditer(r"<input\b[^>]*>", form):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag.group(0)))
        if attrs.get("type") == "hidden" and "name" in attrs:
            fields.append((attrs["name"], attrs.get("value", "")))
    return fields


@quiet_server
def test_sixteen_saves_at_once_and_their_replays(wsgi_app, browser, monkeypatch):
    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    cookies = dict(browser("admin").app.cookies)  # one signed-in administrator
    with threaded_server(wsgi_app, "synonyms-server") as port:
        warm = Client(port, dict(cookies))
        assert warm.get(PAGE).status == 200  # templates compiled before the race
        forms = []
        for w in range(WRITERS):
            client = Client(port, dict(cookies))
            page = client.get(PAGE)
            assert page.status == 200, page
            text = f"社会保障卡, 社保卡\n并发词{w}, 并发同义词{w}\n"
            forms.append((client, _fields(page.text) + [("text", text), ("save", "save")]))

        def writer(w, _prepared):
            client, fields = forms[w]
            for _attempt in range(2):  # the POST, then its replay
                try:
                    status = client.post(PAGE, fields).status
                except Exception as e:  # a timeout: counted, shown by the assertion
                    status = repr(e)
                yield status, w

        answers = at_once(WRITERS, writer)
    statuses = collections.Counter({status: len(ws) for status, ws in answers.items()})
    assert statuses == {303: 2 * WRITERS}, statuses
    version, text = read_root(
        wsgi_app, lambda root: (getattr(root, STORE_ATTR).version, getattr(root, STORE_ATTR).text)
    )
    assert version == WRITERS  # every save once, no replay stored
    assert re.fullmatch(r"社会保障卡, 社保卡\n并发词(\d+), 并发同义词\1\n", text)
