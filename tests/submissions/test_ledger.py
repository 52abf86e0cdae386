"""The ledger and the number reservations are pruned by age; applications
of the first numbering scheme keep their numbers."""

import time

from govportal.applications.model import Application, find_box
from govportal.applications.schema import validate_application
from govportal.bootstrap import site_session
from govportal.schedule.runner import run_in_transaction
from govportal.schedule.worker import periodic_jobs
from govportal.workflow import get_workflow
from tests.applications.conftest import person_fields
from tests.conftest import read_root

from .helpers import apply_form, ledger_size, shown


def reservations(app):
    def read(root):
        register = getattr(root, "govportal_application_numbers", None)
        return len(register.reservations) if register is not None else 0

    return read_root(app, read)


def run_jobs(app):
    for name, job in periodic_jobs(app.registry):
        if "submissions" in name or "number reservations" in name:
            run_in_transaction(app.registry, job, name)


def test_used_tokens_are_forgotten_after_twice_their_age(testapp, wsgi_app, today, monkeypatch):
    path, fields = apply_form(testapp)
    first = testapp.post(path, fields, status=200)
    assert ledger_size(wsgi_app) == 1 and reservations(wsgi_app) == 1
    run_jobs(wsgi_app)  # young entries stay
    assert ledger_size(wsgi_app) == 1 and reservations(wsgi_app) == 1
    assert shown(testapp.post(path, fields, status=200)) == shown(first)

    real = time.time
    later = real() + 49 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    run_jobs(wsgi_app)
    monkeypatch.setattr(time, "time", real)
    assert ledger_size(wsgi_app) == 0 and reservations(wsgi_app) == 0
    # by then the token has long expired: refused, never stored again
    wsgi_app.registry.settings["govportal.submissions.max_age_hours"] = "0.0002"
    time.sleep(1.0)
    res = testapp.post(path, fields, status=400)
    assert "表单已过期" in res.text


def test_applications_of_the_first_scheme_keep_their_numbers(browser, wsgi_app, today):
    with site_session(wsgi_app.registry) as (zodb_root, request):
        box = find_box(zodb_root["app_root"]["jyj"], create=True)
        applicant, sought = validate_application(person_fields(description="第一种编号的旧申请"))
        application = Application(applicant, sought)
        box.add(application, 2026)
        get_workflow(application, request.registry).initialize(application, request)
    assert read_root(wsgi_app, lambda root: sorted(find_box(root["jyj"]).items)) == ["2026-0001"]
    editor = browser("jyj_editor")
    page = editor.get("/jyj/@@applications/2026-0001", status=200)
    assert "第一种编号的旧申请" in page.text
    # new ones get the site group's numbers beside it
    path, fields = apply_form(editor)
    number, _code = shown(editor.post(path, fields, status=200))
    assert number == "008000001-2026-0001"
    editor.get(f"/jyj/@@applications/{number}", status=200)
