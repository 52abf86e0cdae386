"""The API's write paths under 16 concurrent writers, each request sent
twice (the replay): creating tokens (16 forms → 16 tokens, each replay shows
its own token again), revoking one token (revoked and audited once), and
reading with a token (its last use goes to the monitor database)."""

import collections
import re

from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, patient_clients, served_app
from tests.conftest import Browser, csrf_token, read_root
from tests.storage.helpers import Client

from .conftest import LIFTED

pytestmark = quiet_server

TOKEN = re.compile(r'value="(gpapi_[0-9a-f]+_[0-9a-f]+)"')
SUBMISSION = re.compile(r'name="submission_token" value="([^"]+)"')


def audit_count(app, action):
    with app.registry.govportal_audit.reading() as log:
        return [e.data["action"] for e in log.entries.values()].count(action)


def stored(app):
    from govportal.api import tokens

    return read_root(app, lambda root: {t.id: t.revoked for t in tokens.all_tokens(root)})


def test_sixteen_token_creations_with_replay(app_settings, monkeypatch):
    with served_app(app_settings, "api-tokens", **LIFTED) as (app, port):
        admin = Browser(app).login("admin")
        pages = [admin.get("/@@api-tokens").text for _ in range(WRITERS)]
        cookies = dict(admin.app.cookies.items())
        patient_clients(port, monkeypatch)

        def prepare(i):
            html = pages[i]
            return [
                ("csrf_token", csrf_token(html)),
                ("submission_token", SUBMISSION.search(html).group(1)),
                ("name", f"令牌{i}"),
                ("partner", "政务服务平台"),
                ("sites", "jyj"),
                ("sites", "portal"),
                ("kinds", "documents"),
                ("days", "30"),
            ]

        def send(i, fields):
            client = Client(port, dict(cookies))
            for _attempt in range(2):
                answer = client.post("/@@api-tokens", fields)
                yield i, (answer.status, TOKEN.findall(answer.text))

        answers = at_once(WRITERS, send, prepare)
        assert len(answers) == WRITERS
        for i, pair in answers.items():
            assert [status for status, _t in pair] == [200, 200], (i, pair)
            assert pair[0][1] == pair[1][1] and len(pair[0][1]) == 1, (i, pair)
        plains = {pair[0][1][0] for pair in answers.values()}
        assert len(plains) == WRITERS
        assert len(stored(app)) == WRITERS
        assert audit_count(app, "api.token_created") == WRITERS
        # every token works
        reader = Client(port)
        for plain in plains:
            auth = {"Authorization": f"Bearer {plain}"}
            assert reader.get("/api/v1/documents?size=1", headers=auth).status == 200


def test_sixteen_revokes_and_token_reads_at_once(app_settings, monkeypatch):
    with served_app(app_settings, "api-revoke", **LIFTED) as (app, port):
        admin = Browser(app).login("admin")
        form = admin.get("/@@api-tokens").forms["api-token-form"]
        form["name"], form["partner"] = "市门户", "南充市"
        form.fields["sites"][0].checked = True
        for box in form.fields["kinds"]:
            box.checked = True
        plain = TOKEN.findall(form.submit().text)[0]
        token_id = plain.split("_")[1]
        auth = {"Authorization": f"Bearer {plain}"}
        # 16 partners' reads at once (each records last use at most once a minute)
        patient_clients(port, monkeypatch)

        def read(i, _prepared):
            client = Client(port)
            for attempt in range(2):
                yield attempt, client.get("/api/v1/sites", headers=auth).status

        reads = at_once(WRITERS, read)
        assert collections.Counter(reads[0] + reads[1]) == {200: 2 * WRITERS}
        page = admin.get("/@@api-tokens").text
        assert "从未使用" not in page
        token = csrf_token(page)
        cookies = dict(admin.app.cookies.items())

        def revoke(i, _prepared):
            client = Client(port, dict(cookies))
            for attempt in range(2):
                fields = {"csrf_token": token, "token": token_id}
                yield attempt, client.post("/@@api-tokens-revoke", fields).status

        answers = at_once(WRITERS, revoke)
        assert collections.Counter(answers[0] + answers[1]) == {303: 2 * WRITERS}
        assert stored(app)[token_id] is not None
        assert audit_count(app, "api.token_revoked") == 1
        assert Client(port).get("/api/v1/sites", headers=auth).status == 401
