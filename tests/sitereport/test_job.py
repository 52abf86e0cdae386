"""The January job: last year's draft on every site, once (stored next run)."""

from datetime import UTC, datetime

from pyramid.traversal import find_resource, resource_path

from govportal.content import site_group
from govportal.monitoring.store import section
from govportal.schedule.runner import run_in_transaction
from govportal.sitereport.draft import existing_draft
from govportal.sitereport.job import JobState, january_job, next_january
from tests.conftest import read_root


def drafts(app, year=2025):
    def read(root):
        found = {}
        for site in site_group(root):
            doc = existing_draft(site, year)
            if doc is not None:
                found[resource_path(site)] = (resource_path(doc), doc.title)
        return found

    return read_root(app, read)


def run(app):
    return run_in_transaction(app.registry, january_job, "sitereport test")


def test_january_job_drafts_last_year_once_per_site(wsgi_app):
    # the test clock: 00:30 on 1 January 2026, China time
    run(wsgi_app)
    first = drafts(wsgi_app)
    sites = read_root(wsgi_app, lambda root: [resource_path(s) for s in site_group(root)])
    assert set(first) == set(sites)
    assert first["/jyj"] == (first["/jyj"][0], "营山县教育局网站2025年政府网站工作年度报表")
    assert first["/jyj"][0].startswith("/jyj/xxgknb/wzndbb-2025-")
    # the next run is stored: an immediate second round does nothing
    assert run(wsgi_app) in (False, None)

    # even when due again, a site and year done is never drafted twice,
    # including after its draft was deleted
    def reset_and_delete(root, request):
        section(root, "sitereport", JobState).next_run = None
        doc = existing_draft(find_resource(root, "/jyj"), 2025)
        del doc.__parent__[doc.__name__]
        return True

    run_in_transaction(wsgi_app.registry, reset_and_delete, "test")
    run(wsgi_app)
    again = drafts(wsgi_app)
    assert "/jyj" not in again
    assert again == {k: v for k, v in first.items() if k != "/jyj"}


def test_next_run_outside_january_is_next_new_year(wsgi_app):
    registry = wsgi_app.registry
    at = next_january(datetime(2026, 3, 5, 8, tzinfo=UTC), registry)
    # 00:05 on 1 January 2027 China time = 16:05 UTC the day before
    assert at == datetime(2026, 12, 31, 16, 5, tzinfo=UTC)
