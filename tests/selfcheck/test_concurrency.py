"""16 site administrators press 立即自查 at once, each form posted twice (the
replay): every answer a 303, no 5xx; runs recorded at once conflict on the
history's ``latest`` and are retried, and a retried run that finds the same
results stored a moment ago stores nothing: one history entry."""

import collections

from govportal.selfcheck import history
from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, patient_clients, served_app
from tests.conftest import Browser, read_root
from tests.storage.helpers import Client

pytestmark = quiet_server

URL = "/@@selfcheck-run"


def test_sixteen_run_now_posts_at_once(app_settings, monkeypatch):
    with served_app(app_settings, "selfcheck") as (app, port):
        admin = Browser(app).login("admin")
        token = admin.csrf("/@@selfcheck")
        cookies = {name: value for name, value in admin.app.cookies.items()}
        patient_clients(port, monkeypatch)  # long timeouts for 16 clients on 2 cores

        def send(i, _prepared):
            client = Client(port, dict(cookies), token)
            for attempt in range(2):
                yield attempt, client.post(URL, {"csrf_token": token}).status

        answers = at_once(WRITERS, send)
        statuses = collections.Counter(answers[0] + answers[1])
        assert statuses == {303: 2 * WRITERS}, statuses
        assert read_root(app, lambda root: len(history.runs(root))) == 1
