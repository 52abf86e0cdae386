"""The generated figures of a seeded year, counted by hand.

The clock stands at 00:30 China time on 1 January 2026 (31 December 2025 in
UTC): a document approved now gets 发布日期 1 January 2026 and belongs to the
2026 report, not 2025's.
"""

from datetime import date

from tests.http.helpers import add_document, publish

from .helpers import figures, seed_letters_and_cases


def test_documents_by_column_kind_and_site_year(browser, wsgi_app):
    editor, reviewer = browser("jyj_editor"), browser("jyj_reviewer")
    publish(editor, reviewer, "/jyj/gzdt", "年末动态", publish_date=date(2025, 12, 31))
    publish(editor, reviewer, "/jyj/jgzn", "机构职能", publish_date=date(2025, 1, 1))
    publish(editor, reviewer, "/jyj/tzgg", "通知", publish_date=date(2025, 7, 1))
    publish(editor, reviewer, "/jyj/gzdt", "上年动态", publish_date=date(2024, 12, 31))
    # approved now: 发布日期 is today in site time, 1 January 2026
    publish(editor, reviewer, "/jyj/fdzdgk", "新年公开")
    # a draft never counts
    add_document(editor, "/jyj/gzdt", "未发布", publish_date=date(2025, 6, 1))

    got = figures(wsgi_app, "/jyj", 2025)
    assert (got["pub_total"], got["pub_overview"], got["pub_news"], got["pub_disclosure"]) == (
        3,
        1,
        2,
        0,
    )
    got = figures(wsgi_app, "/jyj", 2026)
    assert (got["pub_total"], got["pub_disclosure"], got["pub_news"]) == (1, 1, 0)
    # another site's figures are its own
    assert figures(wsgi_app, "/wjj", 2025)["pub_total"] == 0


def test_letters_and_cases(wsgi_app):
    # the fixture's site already holds open letters received in late 2025
    before = figures(wsgi_app, "/jyj", 2025)
    before_2026 = figures(wsgi_app, "/jyj", 2026)
    seed_letters_and_cases(wsgi_app)
    got = figures(wsgi_app, "/jyj", 2025)
    # L1, L2 (L3 in 2024, L4 on 1 Jan 2026 site time)
    assert got["letters_received"] - before["letters_received"] == 2
    n = before["letters_finished"]
    assert got["letters_finished"] == n + 2  # L1 (10 days), L3 (14 days)
    assert got["letters_avg_days"] == round((before["letters_avg_days"] * n + 10 + 14) / (n + 2), 1)
    # L1, and L3 published at 00:30 1 Jan 2025 site time
    assert got["letters_public"] == before["letters_public"] + 2
    got_cases = (got["cases_total"], got["cases_person"], got["cases_legal"])
    assert got_cases == (
        before["cases_total"] + 2,
        before["cases_person"] + 1,
        before["cases_legal"] + 1,
    )
    got = figures(wsgi_app, "/jyj", 2026)
    assert got["letters_received"] - before_2026["letters_received"] == 1
    assert got["cases_total"] - before_2026["cases_total"] == 1
    assert figures(wsgi_app, "/jyj", 2024)["letters_public"] == 0


def test_basic_information_and_sources(wsgi_app):
    from pyramid.traversal import find_resource

    from govportal.sitereport import compose
    from tests.conftest import read_root

    def read(root):
        report = compose(find_resource(root, "/jyj"), 2025, wsgi_app.registry)
        return (
            report.title,
            report.row("home_url"),
            report.row("page_views"),
            report.row("sec_found"),
        )

    title, url, views, found = read_root(wsgi_app, read)
    assert title == "营山县教育局网站2025年政府网站工作年度报表"
    assert url.value.startswith("https://www.yingshan.gov.cn/jyj")
    assert url.source and not url.overridden
    assert views.value is None and views.source == ""  # entered, not generated
    assert found.value == 0 and "告警" in found.source


def test_security_from_the_monitor_and_basics_from_site_settings(wsgi_app):
    from pyramid.traversal import find_resource

    from govportal.bootstrap import site_session
    from govportal.monitoring.alarms import clear_alarm, raise_alarm

    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        root.icp_number = "蜀ICP备12345678号"
        site = find_resource(root, "/jyj")
        for key in ("a", "b"):
            raise_alarm(root, request, "tamper", key, "页面被篡改", "证据", site=site)
        raise_alarm(root, request, "tamper", "c", "页面被篡改", "证据", site=root)
        clear_alarm(root, request, "tamper", "a", note="已恢复")
    # opened now: 1 January 2026 in site time, so in 2026's report only
    assert figures(wsgi_app, "/jyj", 2025)["sec_found"] == 0
    got = figures(wsgi_app, "/jyj", 2026)
    assert (got["sec_found"], got["sec_fixed"]) == (2, 1)
    assert figures(wsgi_app, "/", 2026)["sec_found"] == 1
    assert got["icp"] == "蜀ICP备12345678号" and got["sponsor"] == "营山县教育局"
    assert got["sec_monitoring"] == "是"


def test_restore_drill_counts_in_its_site_year(wsgi_app, monkeypatch):
    import govportal.backup.status

    drill = {"live_now": "2025-12-31T16:30:00+00:00", "ok": True}  # 1 Jan 2026 China time
    monkeypatch.setattr(govportal.backup.status, "backup_state", lambda settings: (None, drill))
    assert figures(wsgi_app, "/jyj", 2025)["sec_drill"] == "否"
    assert figures(wsgi_app, "/jyj", 2026)["sec_drill"] == "是"
