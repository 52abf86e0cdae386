"""Seeding a site for update monitoring: columns and published items of chosen dates."""

from datetime import date, timedelta

from pyramid.traversal import find_resource

from govportal.bootstrap import site_session
from govportal.monitoring.freshness.compute import compute_all
from govportal.schedule.runner import run_in_transaction
from tests.public.helpers import publish_documents

#: the site date of the test clock (00:30 China time on 1 January; UTC is still 31 December)
TODAY = date(2026, 1, 1)


def days_ago(n):
    return TODAY - timedelta(days=n)


def add_column(wsgi_app, site_path, name, title, kind):
    with site_session(wsgi_app.registry) as (zodb_root, request):
        site = find_resource(zodb_root["app_root"], site_path)
        site[name] = request.registry.content.create("Column", title=title, kind=kind)
    return f"{site_path.rstrip('/')}/{name}"


def publish(wsgi_app, column_path, ago, dept="czj", name=None):
    """Publish one document in ``column_path`` dated ``ago`` days before TODAY."""
    spec = {"title": f"测试信息 {column_path} {ago}", "publish_date": days_ago(ago)}
    if name:
        spec["name"] = name
    else:
        spec["name"] = f"doc-{ago}{column_path.replace('/', '-')}"
    who = dept or "portal"
    editor, reviewer = f"{who}_editor", f"{who}_reviewer"
    return publish_documents(wsgi_app, column_path, [spec], editor=editor, reviewer=reviewer)[0]


def reports(wsgi_app):
    """``{site path: SiteReport}`` computed in a job transaction."""
    found = {}

    def job(root, request):
        for report in compute_all(root, request.registry):
            found[report.site_path] = report
        return False

    run_in_transaction(wsgi_app.registry, job, "test")
    return found


def run_job(wsgi_app, job):
    return run_in_transaction(wsgi_app.registry, job, "test")
