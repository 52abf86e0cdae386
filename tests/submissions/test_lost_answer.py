"""The commit succeeds, its answer is lost (``ClientDisconnected``), the
request runs again: one record, and the citizen is shown its number and code.

A data manager joins the request's transaction and sorts after the
database connections, so its ``tpc_finish`` runs once the data is stored;
the first time it raises ZEO's ``ClientDisconnected`` (a transient error),
exactly what a ZEO client raises when the server dies between its commit
and its answer.  pyramid_tm marks it retryable and pyramid_retry runs the
whole request again.
"""

import transaction
import webtest
from pyramid.config import Configurator
from pyramid.events import ContextFound
from ZEO.Exceptions import ClientDisconnected

import govportal
from govportal.applications.model import code_hash
from govportal.settings import apply_defaults
from tests.applications.conftest import person_fields, submission_token
from tests.conftest import Browser, close_app, csrf_token, read_root

from .helpers import JSON, applications, count, ledger_size, shown


class LoseTheAnswer:
    """Commits like the others, then fails in the last phase (once per arm)."""

    transaction_manager = None

    def __init__(self, state):
        self.state = state

    def sortKey(self):
        return "~~~ after every storage"

    def abort(self, txn):
        pass

    def tpc_begin(self, txn):
        pass

    def commit(self, txn):
        pass

    def tpc_vote(self, txn):
        pass

    def tpc_finish(self, txn):
        self.state["finished"] += 1
        if self.state["armed"]:
            self.state["armed"] = False
            raise ClientDisconnected("connection lost after the commit (simulated)")

    def tpc_abort(self, txn):
        pass


def make_app(app_settings, view_names):
    state = {"armed": False, "finished": 0, "runs": 0}

    def join(event):
        request = event.request
        if request.method == "POST" and request.view_name in view_names:
            state["runs"] += 1
            request.tm.get().join(LoseTheAnswer(state))

    config = Configurator(settings=apply_defaults(dict(app_settings)))
    config.include(govportal.includeme)
    config.add_subscriber(join, ContextFound)
    return config.make_wsgi_app(), state


def test_lost_commit_answer_stores_one_application_and_shows_its_code(app_settings, today):
    app, state = make_app(app_settings, {"apply"})
    try:
        client = webtest.TestApp(app)
        page = client.get("/jyj/@@apply", status=200)
        fields = dict(
            person_fields(),
            csrf_token=csrf_token(page.text),
            submission_token=submission_token(page.text),
        )
        state["armed"] = True
        res = client.post("/jyj/@@apply", fields, status=200)
        assert state["runs"] >= 2 and not state["armed"]  # ran again after the lost answer
        number, code = shown(res)
        stored = applications(app)
        assert [s[0] for s in stored] == [number] and count(app) == 1
        assert stored[0][1] == code_hash(code)  # the code shown is the stored one's
        assert ledger_size(app) == 1
        # and the citizen's own refresh still shows it, without a third run storing
        again = client.post("/jyj/@@apply", fields, status=200)
        assert shown(again) == (number, code) and count(app) == 1
    finally:
        transaction.abort()
        close_app(app)


def test_lost_commit_answer_for_a_json_client(app_settings, today):
    app, state = make_app(app_settings, {"apply"})
    try:
        client = webtest.TestApp(app)
        tokens = client.get("/@@apply", headers=JSON).json
        state["armed"] = True
        res = client.post(
            "/@@apply",
            dict(person_fields(), csrf_token=tokens["csrf_token"]),
            headers=dict(JSON, **{"X-Submission-Token": tokens["submission_token"]}),
            status=200,
        ).json
        assert state["runs"] >= 2 and not state["armed"]
        assert res["ok"] is True and res["replayed"] is True
        assert [s[0] for s in applications(app, "")] == [res["number"]]
    finally:
        transaction.abort()
        close_app(app)


def test_lost_commit_answer_stores_one_draft(app_settings):
    app, state = make_app(app_settings, {"ws-add"})
    try:
        editor = Browser(app).login("jyj_editor")
        form = editor.get("/jyj/gzdt/@@ws-add").forms["ws-document"]
        form["title"] = "丢失应答后的草稿"
        form["body"] = "<p>正文</p>"
        state["armed"] = True
        res = form.submit("save", status=303)
        assert state["runs"] >= 2 and not state["armed"]
        assert res.location.endswith("/@@ws-item")

        def drafts(root):
            return [n for n, d in root["jyj"]["gzdt"].items() if d.title == "丢失应答后的草稿"]

        found = read_root(app, drafts)
        assert len(found) == 1 and f"/{found[0]}/" in res.location
    finally:
        transaction.abort()
        close_app(app)
