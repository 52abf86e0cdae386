"""The scheduler as it runs in production: the per-process thread, and the
``govportal-schedule`` console script for cron."""

import time
from datetime import UTC, datetime, timedelta

import webtest
from pyramid.traversal import find_resource
from substanced.util import get_oid

from govportal import main
from govportal.bootstrap import request_as, site_session
from govportal.schedule import script
from govportal.workflow import get_workflow
from tests.conftest import close_app

COLUMN = "/jyj/gzdt/"


def schedule_document(app, name, effective, expiry=None):
    """As 教育局's editor and reviewer: create, submit and schedule a document."""
    with site_session(app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        users = root["principals"]["users"]
        editor = request_as(request, get_oid(users["jyj_editor"]))
        reviewer = request_as(request, get_oid(users["jyj_reviewer"]))
        doc = request.registry.content.create(
            "Document",
            title="线程定时发布的通知",
            effective_date=effective,
            expiry_date=expiry,
            last_editor=get_oid(users["jyj_editor"]),
        )
        find_resource(root, COLUMN)[name] = doc
        workflow = get_workflow(doc, request.registry)
        workflow.transition(doc, editor, "submit")
        workflow.transition(doc, reviewer, "schedule")
    return COLUMN + name + "/"


def test_thread_publishes_when_the_time_comes(app_settings):
    settings = dict(
        app_settings,
        **{"govportal.schedule.worker": "thread", "govportal.schedule.interval": "0.2"},
    )
    app = main({}, **settings)
    try:
        effective = datetime.now(UTC) + timedelta(seconds=2)
        doc = schedule_document(app, "thread-doc", effective)
        client = webtest.TestApp(app)
        assert client.get(doc, status="*").status_int == 404  # this request starts the thread
        assert app.registry.govportal_scheduler.running
        deadline = time.monotonic() + 30
        while client.get(doc, status="*").status_int != 200:
            assert time.monotonic() < deadline, "the scheduler thread did not publish"
            time.sleep(0.2)
        assert "线程定时发布的通知" in client.get(doc).text
    finally:
        close_app(app)
    assert not app.registry.govportal_scheduler.running  # stopped before the database closed


def test_worker_off_starts_no_thread(wsgi_app):
    webtest.TestApp(wsgi_app).get("/", status=200)
    assert not wsgi_app.registry.govportal_scheduler.running


def test_console_script_runs_due_work(app_settings, tmp_path, capsys):
    app = main({}, **app_settings)
    try:
        soon = datetime.now(UTC) + timedelta(seconds=1)
        doc = schedule_document(app, "cron-doc", soon)
    finally:
        close_app(app)
    ini = tmp_path / "cron.ini"
    lines = ["[app:main]", "use = egg:govportal"]
    lines += [f"{key} = {value}" for key, value in app_settings.items()]
    ini.write_text("\n".join(lines) + "\n", encoding="utf-8")
    time.sleep(max(0.0, (soon - datetime.now(UTC)).total_seconds()) + 0.1)
    assert script.main([str(ini)]) == 0
    out = capsys.readouterr().out
    assert "定时发布" in out and doc.rstrip("/") in out and "完成" in out
    assert script.main([str(ini)]) == 0  # nothing left to do
    assert "没有到期的定时发布或定时下线。" in capsys.readouterr().out
    app = main({}, **app_settings)
    try:
        assert webtest.TestApp(app).get(doc, status=200)
    finally:
        close_app(app)


def test_thread_runs_the_periodic_jobs(app_settings):
    """Jobs added with ``config.add_periodic_job`` (the application
    reminders among them) run on each round in a committed transaction."""
    from tests.conftest import read_root

    settings = dict(
        app_settings,
        **{"govportal.schedule.worker": "thread", "govportal.schedule.interval": "0.2"},
    )
    app = main({}, **settings)
    try:
        jobs = app.registry.govportal_periodic_jobs
        assert "govportal application reminders" in jobs
        rounds = []

        def job(root, request):
            rounds.append(request.root is root)
            root.periodic_mark = len(rounds)
            return True  # something was done: commit

        jobs["test job"] = job
        webtest.TestApp(app).get("/", status=200)  # starts the thread
        deadline = time.monotonic() + 30
        while read_root(app, lambda root: getattr(root, "periodic_mark", 0)) < 2:
            assert time.monotonic() < deadline, "the periodic job did not run twice"
            time.sleep(0.2)
        assert all(rounds)
    finally:
        close_app(app)
