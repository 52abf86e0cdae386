"""16 clients of 教育局's reviewer press 生成报表草稿 at once, each form posted twice
(the replay): every answer a 303, no 5xx, and exactly one draft document;
likewise 保存: one record with what was sent."""

import collections

import pytest
from pyramid.traversal import find_resource
from substanced.util import get_oid

from govportal.sitereport.store import get_record
from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, patient_clients, served_app
from tests.conftest import Browser, read_root
from tests.storage.helpers import Client

from .helpers import form_fields

pytestmark = quiet_server

URL = "/jyj/@@site-report?year=2025"


@pytest.mark.parametrize("button", ["generate", "save"])
def test_sixteen_posts_at_once(app_settings, monkeypatch, button):
    with served_app(app_settings, "sitereport") as (app, port):
        reviewer = Browser(app).login("jyj_reviewer")
        page = reviewer.get(URL, status=200)
        column = read_root(app, lambda root: str(get_oid(find_resource(root, "/jyj/xxgknb"))))
        fields = form_fields(page.text, column=column, weibo_name="营山教育微博3")
        fields.append((button, button))
        cookies = dict(reviewer.app.cookies.items())
        patient_clients(port, monkeypatch)

        def send(i, _prepared):
            client = Client(port, dict(cookies))
            for attempt in range(2):
                yield attempt, client.post(URL, fields).status

        answers = at_once(WRITERS, send)
        statuses = collections.Counter(answers[0] + answers[1])
        assert statuses == {303: 2 * WRITERS}, statuses
        names = read_root(
            app,
            lambda root: [n for n in find_resource(root, "/jyj/xxgknb") if n.startswith("wzndbb")],
        )
        assert len(names) == (1 if button == "generate" else 0), names
        saved = read_root(
            app, lambda root: dict(get_record(find_resource(root, "/jyj"), 2025).values)
        )
        assert saved == {"weibo_name": "营山教育微博3"}
