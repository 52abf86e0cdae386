"""16 site administrators' 重新记录基线 forms at once, each posted twice
(the replay): every answer a redirect, no 5xx; the lease lets one rebaseline
run at a time, so the baselines are those of the approved pages."""

import collections

from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, patient_clients
from tests.storage.helpers import Client

from .helpers import audit_actions, baselines, published_document, served, sweep_once

pytestmark = quiet_server

URL = "/jyj/@@monitoring-tamper-rebaseline"


def test_sixteen_rebaselines_at_once(app, browser_for, monkeypatch):
    published_document(app)
    admin = browser_for("admin")
    token = admin.csrf()
    cookies = {name: value for name, value in admin.app.cookies.items()}
    with served(app) as port:
        sweep_once(app)
        before = baselines(app)
        patient_clients(port, monkeypatch)  # long timeouts for 16 clients on 2 cores

        def send(i, _prepared):
            client = Client(port, dict(cookies), token)
            for attempt in range(2):
                yield attempt, client.post(URL, {"csrf_token": token}).status

        answers = at_once(WRITERS, send)
    statuses = collections.Counter(answers[0] + answers[1])
    assert statuses == {303: 2 * WRITERS}, statuses
    done = audit_actions(app).count("monitoring.rebaseline")
    assert 1 <= done <= 2 * WRITERS
    assert baselines(app) == before
