"""Each date the issue names, at 00:30 China time on 1 January on a UTC host.

发布日期, the 索引号 year, generated URL names, the history's times, feeds,
sitemaps, statistics (timeliness, the annual report's years) and the
application clock (number year, submission date, deadline) are China's:
1 January 2026, never 31 December 2025.  Everything goes through HTTP.
"""

import re

from pyramid.threadlocal import manager
from pyramid.traversal import find_resource

from govportal.applications.clock import REPLY_DAYS, compute_due
from govportal.calendar import get_calendar

from ..applications.conftest import person_fields, step, submit, track
from ..conftest import read_root
from ..http.helpers import add_document, history, transition
from .conftest import CHINA_DAY

COLUMN = "/jyj/gzdt/"
JYJ = "008000001"  # 教育局's organ code in the demo site


def publish_tonight(browser, title="元旦凌晨发布的通知"):
    editor, reviewer = browser("jyj_editor"), browser("jyj_reviewer")
    path = add_document(editor, COLUMN, title)
    transition(editor, path, "submit")
    transition(reviewer, path, "approve")
    return path, reviewer


def stored_dates(wsgi_app, path):
    def read(root):
        doc = find_resource(root, path)
        return doc.publish_date, doc.index_number

    return read_root(wsgi_app, read)


def test_publication_date_index_number_and_name(new_year_night, browser, wsgi_app, testapp):
    path, reviewer = publish_tonight(browser)

    # the generated URL name carries China's date
    assert path.rstrip("/").rsplit("/", 1)[1].startswith("20260101-"), path
    publish_date, index_number = stored_dates(wsgi_app, path)
    assert publish_date == CHINA_DAY
    # the 索引号 year is China's
    assert index_number.startswith(f"{JYJ}/2026-"), index_number

    page = testapp.get(path).text
    assert '发布日期：<time datetime="2026-01-01">2026-01-01</time>' in page
    assert "2025-12-31" not in page

    # the history shows the approval at China time
    approval = history(reviewer, path)["history"][-1]
    assert approval["local_when"].startswith("2026-01-01 00:"), approval


def test_feed_and_sitemap_dates(new_year_night, browser, testapp):
    path, _reviewer = publish_tonight(browser, "元旦凌晨发布的动态")

    rss = testapp.get(COLUMN + "rss.xml").text
    item = re.search(r"<item>.*?元旦凌晨发布的动态.*?</item>", rss, re.S).group(0)
    assert "<pubDate>Thu, 01 Jan 2026 00:00:00 +0800</pubDate>" in item, item

    sitemap = testapp.get("/sitemap.xml").text
    entry = re.search(rf"<url><loc>[^<]*{re.escape(path)}</loc>(.*?)</url>", sitemap).group(1)
    assert entry == "<lastmod>2026-01-01</lastmod>"


def test_statistics_years_are_chinas(new_year_night, browser):
    reviewer = browser("jyj_reviewer")
    # the annual report: the default is last year in China (2025), and the
    # current year (2026) may be asked for; on the server's date 2026 would
    # be a future year (400)
    page = reviewer.get("/jyj/@@annual-report", status=200).text
    assert "2025" in page
    reviewer.get("/jyj/@@annual-report", {"year": "2026"}, status=200)
    reviewer.get("/jyj/@@annual-report", {"year": "2027"}, status=400)


def test_timeliness_counts_from_chinas_day(new_year_night, browser, wsgi_app):
    from govportal.disclosure.timeliness import first_published_on, today_in_china

    path, _reviewer = publish_tonight(browser, "元旦凌晨公开的文件")
    assert today_in_china() == CHINA_DAY
    registry = wsgi_app.registry
    manager.push({"registry": registry, "request": None})
    try:
        first = read_root(
            wsgi_app, lambda root: first_published_on(find_resource(root, path), registry)
        )
    finally:
        manager.pop()
    assert first == CHINA_DAY


def test_application_number_dates_and_deadline(new_year_night, testapp, browser, wsgi_app):
    number, code = submit(testapp, "jyj", **person_fields())
    # the application number's year is China's
    assert re.search(r"(^|-)2026-\d+$", number), number

    step(browser("jyj_editor"), "jyj", number, "register")
    status = track(testapp, code).text
    assert re.search(r"<th>提交日期</th><td>2026-01-01</td>", status), status
    assert re.search(r"<th>登记受理日期</th><td>2026-01-01</td>", status), status

    # 20 working days counted from China's 1 January (a holiday), not from
    # 31 December
    calendar = read_root(wsgi_app, get_calendar)
    due = compute_due(calendar, CHINA_DAY, REPLY_DAYS).value
    due_cell = re.search(r'id="due">(\d{4}-\d{2}-\d{2})', status)
    assert due_cell and due_cell.group(1) == due.isoformat(), status


def test_audit_export_is_named_for_chinas_time(new_year_night, browser, wsgi_app):
    from ..audit.conftest import STAFF, add_staff

    login = "t_auditadmin"  # the 审计管理员 of the audit tests
    add_staff(wsgi_app, login, STAFF[login])
    auditadmin = browser(login)
    auditadmin.get("/@@audit", status=200)
    token = auditadmin.csrf("/@@audit")
    res = auditadmin.post("/@@audit-export", {"csrf_token": token, "format": "csv"}, status=200)
    assert "20260101-00" in res.headers["Content-Disposition"], res.headers["Content-Disposition"]
