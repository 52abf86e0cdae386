"""重新记录基线 (after a skin upgrade): the task and the site administrator's
button; nobody else may, never without the CSRF token, and a document
altered behind the workflow's back is never blessed."""

from govportal.monitoring.script import run_task
from tests.concurrency.helpers import quiet_server

from .helpers import (
    audit_actions,
    baselines,
    hack_body,
    published_document,
    served,
    sweep_once,
)

pytestmark = quiet_server

URL = "/jyj/@@monitoring-tamper-rebaseline"


def test_task_rebaselines_and_skips_altered_documents(app):
    path = published_document(app)
    with served(app):
        sweep_once(app)

        hack_body(app, path)
        report = run_task(app.registry, "rebaseline")
    assert "重新记录：1 项" in report and "跳过 1 项" in report, report
    assert audit_actions(app)[-2:] == ["monitoring.rebaseline", "monitoring.task"]


def _rebaselined(app):
    return audit_actions(app).count("monitoring.rebaseline")


def test_post_refused_to_anonymous_editor_and_forged_form(app, browser_for):
    published_document(app)
    with served(app):
        sweep_once(app)
    before = baselines(app)

    anonymous = browser_for()
    res = anonymous.post(URL, {"csrf_token": "x"}, status="*")
    assert res.status_int in (400, 403, 404)

    editor = browser_for("jyj_editor")
    res = editor.post(URL, {"csrf_token": editor.csrf()}, status="*")
    assert res.status_int == 403
    other = browser_for("wjj_editor")
    res = other.post(URL, {"csrf_token": other.csrf()}, status="*")
    assert res.status_int in (403, 404)

    admin = browser_for("admin")
    res = admin.post(URL, {}, status="*")  # forged: no CSRF token
    assert res.status_int in (400, 403)
    res = admin.post(URL, {"csrf_token": "forged"}, status="*")
    assert res.status_int in (400, 403)
    assert _rebaselined(app) == 0 and baselines(app) == before

    form = {"csrf_token": admin.csrf()}
    res = admin.post(URL, form, status="*")
    assert res.status_int == 303, res.status
    assert res.headers["Cache-Control"] == "private, no-store"
    assert _rebaselined(app) == 1
    assert baselines(app) == before
    # the replay of the same form: harmless, the same baselines again
    assert admin.post(URL, form, status="*").status_int == 303
    assert _rebaselined(app) == 2 and baselines(app) == before
