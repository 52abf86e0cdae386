"""Each single-veto item triggered by a seeded defect and cleared by its fix;
deductions computed by hand (the test suite's demo: few articles)."""

from datetime import timedelta
from types import SimpleNamespace

from govportal.bootstrap import site_session
from govportal.interaction.letters.queries import is_open, letters_of
from govportal.monitoring import alarms
from govportal.monitoring.probes import history as probe_history
from govportal.sitetime import now_utc
from tests.monitoring.freshness.helpers import add_column, days_ago, publish

from .helpers import in_job, item, results, texts


def test_deductions_by_hand(wsgi_app):
    found = results(wsgi_app)
    portal = found["/"]
    # 政策文件 has only the 2019 regulation (B8 −5); 规划计划 is empty (B12 −2)
    assert item(portal, "B8").points == 5 and "政策文件" in texts(item(portal, "B8"))
    assert item(portal, "B12").points == 2 and "规划计划" in texts(item(portal, "B12"))
    assert portal.score == 100 - 5 - 2
    jyj = found["/jyj"]
    assert [i.item for i in jyj.deductions] == ["B8"]  # 规范性文件 empty
    assert jyj.score == 95
    # no probe history, no finished link run: 无数据, neither pass nor deduction
    for result in found.values():
        assert item(result, "B2").status == "nodata"
        assert item(result, "B15").status == "nodata" and item(result, "B15").points == 0


def test_b1_open_tamper_alarm_and_blocked_word(wsgi_app):
    def raise_(root, request):
        alarms.raise_alarm(
            root,
            request,
            "tamper",
            "/jyj/x",
            "页面被篡改：/jyj/x",
            "正文",
            site=root["jyj"],
            level="veto",
        )

    in_job(wsgi_app, raise_)
    b1 = item(results(wsgi_app)["/jyj"], "B1")
    assert b1.status == "fail" and "页面被篡改：/jyj/x" in texts(b1)
    in_job(wsgi_app, lambda root, request: alarms.clear_alarm(root, request, "tamper", "/jyj/x"))
    assert item(results(wsgi_app)["/jyj"], "B1").status == "pass"

    name = "yingshan-website-regulation-2019"
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        zodb_root["app_root"]["zcwj"][name].check_report = {"blocking": {"blocked-word": 1}}
    portal = results(wsgi_app)["/"]
    assert item(portal, "B1").status == "fail" and not portal.passed
    assert "已发布信息含敏感词" in texts(item(portal, "B1"))
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        zodb_root["app_root"]["zcwj"][name].check_report = {"blocking": {}}
    assert item(results(wsgi_app)["/"], "B1").status == "pass"


def _probes(wsgi_app, failures, start):
    """168 home-page probes of 教育局 an hour apart from ``start`` back, the
    first ``failures`` failing."""

    def seed(root, _request):
        book = probe_history.book(root)
        book.series.clear()
        for n in range(168):
            ok = n >= failures
            result = SimpleNamespace(ok=ok, status=200 if ok else 0, seconds=0.1, error="")
            if not ok:
                result.error = "timeout"
            probe_history.record(book, "/jyj", "", start - timedelta(hours=n), result)

    in_job(wsgi_app, seed)


def test_b2_probe_history(wsgi_app):
    now = now_utc()
    _probes(wsgi_app, 9, now - timedelta(minutes=5))  # 9 of 168: 5.36 % ≥ 5 %
    b2 = item(results(wsgi_app)["/jyj"], "B2")
    assert b2.status == "fail" and "失败 9 次" in texts(b2)
    _probes(wsgi_app, 8, now - timedelta(minutes=5))  # 8 of 168: 4.76 %
    b2 = item(results(wsgi_app)["/jyj"], "B2")
    assert b2.status == "pass" and "失败 8 次" in texts(b2)


def test_b3_home_page_by_backdating(wsgi_app):
    b3 = item(results(wsgi_app)["/czj"], "B3")  # 财政局 publishes nothing yet
    assert b3.status == "fail" and "首页没有已发布的信息" in texts(b3)
    publish(wsgi_app, "/czj/gzdt", 20, dept="czj")
    b3 = item(results(wsgi_app)["/czj"], "B3")
    assert b3.status == "fail" and "已 20 天" in texts(b3)
    publish(wsgi_app, "/czj/gzdt", 1, dept="czj")
    assert item(results(wsgi_app)["/czj"], "B3").status == "pass"


def test_b5_letter_unanswered_three_months(wsgi_app):
    def backdate(days):
        with site_session(wsgi_app.registry) as (zodb_root, request):
            site = zodb_root["app_root"]["rsj"]
            letter = next(x for x in letters_of(site) if is_open(x, request.registry))
            letter.received_on = letter.received_on - timedelta(days=days)
            return letter.subject

    assert item(results(wsgi_app)["/rsj"], "B5").status == "pass"
    subject = backdate(120)
    rsj = results(wsgi_app)["/rsj"]
    b5 = item(rsj, "B5")
    assert b5.status == "fail" and subject in texts(b5) and not rsj.passed
    assert "@@letters-admin/" in b5.evidence[0].url
    b10 = item(rsj, "B10")
    assert b10.points in (0, 3) and rsj.score == 100 - sum(i.points for i in rsj.deductions)
    backdate(-120)
    assert item(results(wsgi_app)["/rsj"], "B5").status == "pass"


def test_b6_and_b14_guide_elements(wsgi_app):
    def edit(**values):
        with site_session(wsgi_app.registry) as (zodb_root, _request):
            guide = zodb_root["app_root"]["jyj"]["bszn"]["sljtrx"]
            old = {k: getattr(guide, k) for k in values}
            for key, value in values.items():
                setattr(guide, key, value)
            return old

    old = edit(basis="")
    jyj = results(wsgi_app)["/jyj"]
    b6 = item(jyj, "B6")
    assert b6.status == "fail" and "缺少：设定依据" in texts(b6) and not jyj.passed
    edit(**old)
    assert item(results(wsgi_app)["/jyj"], "B6").status == "pass"

    old = edit(supervise_phone="", result_name="")  # two element types: −2 each
    jyj = results(wsgi_app)["/jyj"]
    b14 = item(jyj, "B14")
    assert b14.points == 4 and "监督投诉电话" in texts(b14) and "办理结果" in texts(b14)
    assert jyj.score == 95 - 4
    edit(**old)
    assert item(results(wsgi_app)["/jyj"], "B14").points == 0


def test_b4_columns_in_the_full_demo(full_demo_app):
    assert item(results(full_demo_app)["/jyj"], "B4").status == "pass"
    paths = [add_column(full_demo_app, "/jyj", f"kl{n}", f"空栏目{n}", "news") for n in range(5)]
    b4 = item(results(full_demo_app)["/jyj"], "B4")
    assert b4.status == "fail" and "栏目“空栏目0”为空白栏目" in texts(b4)
    for path in paths:
        publish(full_demo_app, path, 0, dept="jyj")
    assert item(results(full_demo_app)["/jyj"], "B4").status == "pass"


def test_b15_broken_links_capped(wsgi_app):
    from govportal.monitoring.links.store import SiteLinks, links_section

    def seed(count):
        def fill(root, _request):
            site = SiteLinks("/jyj")
            for n in range(count):
                site.broken[(f"/jyj/p{n}", f"/jyj/gone{n}")] = {
                    "title": f"页面{n}",
                    "page": f"/jyj/p{n}",
                    "url": f"/jyj/gone{n}",
                    "status": 404,
                    "reason": "链接的页面不存在",
                }
            links_section(root).sites["/jyj"] = site

        in_job(wsgi_app, fill)

    seed(3)
    jyj = results(wsgi_app)["/jyj"]
    b15 = item(jyj, "B15")
    assert b15.points == 3 and len(b15.evidence) == 3 and jyj.score == 95 - 3
    assert "“页面0”中的链接 /jyj/gone0 失效（404 链接的页面不存在）" in texts(b15)
    seed(12)
    assert results(wsgi_app)["/jyj"].score == 95 - 10  # −1 each, at most −10
    seed(0)
    b15 = item(results(wsgi_app)["/jyj"], "B15")
    assert b15.status == "pass" and b15.points == 0


def test_b9_service_statistics_column(wsgi_app):
    path = add_column(wsgi_app, "/jyj", "bstj", "办事统计", "disclosure")
    publish(wsgi_app, path, 100, dept="jyj")  # 办事统计: 3 months (90 days)
    jyj = results(wsgi_app)["/jyj"]
    assert item(jyj, "B9").points == 2 and "栏目“办事统计”100 天未更新" in texts(item(jyj, "B9"))
    assert jyj.score == 95 - 2
    publish(wsgi_app, path, 0, dept="jyj")
    assert item(results(wsgi_app)["/jyj"], "B9").points == 0


def test_b10_no_answer_for_two_months(wsgi_app):
    with site_session(wsgi_app.registry) as (zodb_root, request):
        for letter in letters_of(zodb_root["app_root"]["rsj"]):
            if letter.answered_on is not None:
                letter.answered_on -= timedelta(days=200)
            elif is_open(letter, request.registry) and letter.received_on is not None:
                letter.received_on = days_ago(75)  # under 3 months: no veto
    rsj = results(wsgi_app)["/rsj"]
    b10 = item(rsj, "B10")
    assert b10.points == 3 and "天没有答复任何留言" in texts(b10)
    assert item(rsj, "B5").status == "pass"
    assert rsj.score == 100 - sum(i.points for i in rsj.deductions)
