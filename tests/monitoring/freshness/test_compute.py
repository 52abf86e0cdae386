"""Update monitoring's figures, computed by hand on a seeded department (财政局)."""

from tests.monitoring.freshness.helpers import add_column, publish, reports

CZJ = "/czj"


def test_untouched_department_has_every_column_empty(wsgi_app):
    report = reports(wsgi_app)[CZJ]
    assert report.home_last is None
    assert report.problem("home").level == "veto"
    # gfxwj bszn qlqd gzdt tzgg fdzdgk xxgknb: 7 judged columns, all empty
    assert sorted(c.path for c in report.empty) == [
        "/czj/bszn",
        "/czj/fdzdgk",
        "/czj/gfxwj",
        "/czj/gzdt",
        "/czj/qlqd",
        "/czj/tzgg",
        "/czj/xxgknb",
    ]
    assert report.problem("columns").level == "veto"  # ≥ 5 empty (B4)
    exempt = {c.path for c in report.columns if c.status == "exempt"}
    assert {"/czj/hdjl", "/czj/ysqgk", "/czj/jgzn"} <= exempt


def test_home_days_are_counted_in_site_time(wsgi_app):
    # 14 days before 1 January (site date); the host's UTC date (31 December)
    # would make it 13 days, a warning instead of the veto
    publish(wsgi_app, "/czj/gzdt", 14)
    report = reports(wsgi_app)[CZJ]
    assert report.home_days == 14
    assert report.problem("home").level == "veto"  # B3: 2 weeks


def test_home_warning_at_ten_days(wsgi_app):
    publish(wsgi_app, "/czj/gzdt", 10)
    report = reports(wsgi_app)[CZJ]
    assert report.home_days == 10
    assert report.problem("home").level == "warning"  # B16
    publish(wsgi_app, "/czj/tzgg", 9)
    assert reports(wsgi_app)[CZJ].problem("home") is None


def test_column_rules_and_counts(wsgi_app):
    publish(wsgi_app, "/czj/gzdt", 15)  # news: stale after 14 days
    publish(wsgi_app, "/czj/tzgg", 180)  # notice: 180 days is not yet stale
    publish(wsgi_app, "/czj/gfxwj", 181)  # policy: stale (B8, a deduction)
    publish(wsgi_app, "/czj/bszn", 1)
    report = reports(wsgi_app)[CZJ]
    status = {c.path: (c.status, c.days) for c in report.columns}
    assert status["/czj/gzdt"] == ("stale", 15)
    assert status["/czj/tzgg"] == ("ok", 180)
    assert status["/czj/gfxwj"] == ("stale", 181)
    assert status["/czj/bszn"] == ("ok", 1)
    assert len(report.stale) == 2
    assert len(report.empty) == 3  # qlqd fdzdgk xxgknb: > 2 empty warns (B17)
    assert report.problem("columns").level == "warning"


def test_subcolumns_count_for_their_parent(wsgi_app):
    add_column(wsgi_app, "/czj/qlqd", "sub", "子栏目", "disclosure")
    publish(wsgi_app, "/czj/qlqd/sub", 3)
    report = reports(wsgi_app)[CZJ]
    status = {c.path: (c.status, c.last) for c in report.columns}
    assert status["/czj/qlqd"][0] == "container"
    assert status["/czj/qlqd/sub"][0] == "ok"
    assert status["/czj/qlqd"][1] == status["/czj/qlqd/sub"][1]


def test_overrides_by_title(wsgi_app):
    add_column(wsgi_app, CZJ, "bstj", "办事统计", "service")  # B9: 90 days
    add_column(wsgi_app, CZJ, "rsrm", "人事任免", "disclosure")  # B12: 365 days
    publish(wsgi_app, "/czj/bstj", 91)
    publish(wsgi_app, "/czj/rsrm", 365)
    report = reports(wsgi_app)[CZJ]
    status = {c.path: c for c in report.columns}
    assert status["/czj/bstj"].status == "stale" and status["/czj/bstj"].rule.days == 90
    assert status["/czj/rsrm"].status == "ok" and status["/czj/rsrm"].rule.days == 365


def test_veto_thresholds_by_hand(wsgi_app):
    # fill every empty column so only staleness counts
    for path, ago in (
        ("/czj/bszn", 1),
        ("/czj/qlqd", 1),
        ("/czj/fdzdgk", 1),
        ("/czj/xxgknb", 1),
        ("/czj/gfxwj", 1),
    ):
        publish(wsgi_app, path, ago)
    # 2 news columns stale > 14 days and 2 notice/policy stale > 180: 4 < 5
    add_column(wsgi_app, CZJ, "news2", "要闻", "news")
    add_column(wsgi_app, CZJ, "policy2", "政策解读", "policy")
    publish(wsgi_app, "/czj/gzdt", 20)
    publish(wsgi_app, "/czj/news2", 15)
    publish(wsgi_app, "/czj/tzgg", 200)
    publish(wsgi_app, "/czj/policy2", 181)
    report = reports(wsgi_app)[CZJ]
    assert len(report.stale) == 4 and not report.empty
    assert report.problem("columns").level == "warning"  # a policy column: deduction
    # a fifth of those kinds: together ≥ 5, a veto (B4)
    add_column(wsgi_app, CZJ, "notice2", "公示公告", "notice")
    publish(wsgi_app, "/czj/notice2", 190)
    report = reports(wsgi_app)[CZJ]
    assert len(report.stale) == 5
    assert report.problem("columns").level == "veto"


def test_ten_stale_columns_are_a_veto(wsgi_app):
    for path in ("/czj/bszn", "/czj/qlqd", "/czj/fdzdgk", "/czj/gfxwj", "/czj/tzgg", "/czj/gzdt"):
        publish(wsgi_app, path, 1)
    publish(wsgi_app, "/czj/xxgknb", 1)
    for i in range(9):
        add_column(wsgi_app, CZJ, f"info{i}", f"概况{i}", "info")
        publish(wsgi_app, f"/czj/info{i}", 400)
    report = reports(wsgi_app)[CZJ]
    assert len(report.stale) == 9
    assert report.problem("columns").level == "warning"  # > 6 stale (B17)
    add_column(wsgi_app, CZJ, "info9", "概况9", "info")
    publish(wsgi_app, "/czj/info9", 400)
    assert reports(wsgi_app)[CZJ].problem("columns").level == "veto"  # ≥ 10 (B4)


def test_closed_columns_are_not_judged(wsgi_app):
    from pyramid.traversal import find_resource
    from substanced.util import get_oid

    from govportal.bootstrap import request_as, site_session
    from govportal.workflow import get_workflow

    publish(wsgi_app, "/czj/tzgg", 1)
    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        column = find_resource(root, "/czj/tzgg")
        admin = request_as(request, get_oid(root["principals"]["users"]["admin"]))
        get_workflow(column, request.registry).transition(column, admin, "close", comment="停用")
    report = reports(wsgi_app)[CZJ]
    assert "/czj/tzgg" not in {c.path for c in report.columns}
    assert report.home_last is None  # what a closed column holds is not shown


def test_letters_owed_an_answer(wsgi_app):
    from datetime import timedelta

    from govportal.bootstrap import site_session
    from govportal.interaction.letters.queries import is_open, letters_of

    report = reports(wsgi_app)["/rsj"]  # the demo's letter past its time limit
    assert report.messages.overdue_letters == 1
    assert report.problem("messages").level == "warning"
    with site_session(wsgi_app.registry) as (zodb_root, request):
        site = zodb_root["app_root"]["rsj"]
        letter = next(x for x in letters_of(site) if is_open(x, request.registry))
        letter.received_on = letter.received_on - timedelta(days=120)
    report = reports(wsgi_app)["/rsj"]
    assert report.messages.long_unanswered == 1
    assert report.problem("messages").level == "veto"  # B5: > 3 months unanswered
    assert report.messages.reply_gap > 60
