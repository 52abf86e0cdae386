"""The broken-link crawler finds dead internal and external links of
published items (B15), tells broken from suspect (B19), forgets what was
fixed, and raises and clears each site's alarm."""

from pyramid_mailer import get_mailer
from substanced.util import get_oid

from govportal.monitoring.alarms import open_alarms
from govportal.monitoring.links.crawl import Crawler
from govportal.monitoring.links.jobs import links_job, links_task
from govportal.monitoring.links.store import site_links
from govportal.schedule.runner import run_in_transaction

from ...conftest import read_root
from .helpers import draft, links_app, publish, set_body, web_server


def _found(app, site="/jyj"):
    def read(root):
        links = site_links(root, site)
        broken = {r["target"]: dict(r) for r in links.broken.values()}
        suspect = {r["target"]: dict(r) for r in links.suspect.values()}
        return broken, suspect

    return read_root(app, read)


def _oid(app, path):
    from pyramid.traversal import find_resource

    return read_root(app, lambda root: get_oid(find_resource(root, path)))


def test_dead_links_found_and_fixed(app_settings):
    with web_server() as (base, server), links_app(app_settings) as app:
        hidden = draft(app, "hidden")
        good = publish(app, "<p>无链接</p>", "good")
        body = (
            f'<p><a href="/jyj/no-such-page/">不存在</a> <a href="/@@ref/{hidden}">草稿</a>'
            f' <a href="{good}/">好的</a> <a href="/@@ref/{_oid(app, good)}">引用</a>'
            f' <a href="{base}/ok">外部</a> <a href="{base}/gone">外部404</a>'
            f' <a href="{base}/forbidden#x">外部403</a> <a href="{base}/flaky">时好时坏</a>'
            f' <a href="{base}/slow">很慢</a> <a href="{base}/nohead">不支持HEAD</a>'
            f' <a href="{base}/moved">已迁移</a> <a href="mailto:a@b.cn">信</a>'
            f' <img src="gone.png" alt="相对路径"></p>'
        )
        page = publish(app, body, "withlinks")

        report = Crawler(app.registry).run(force=True)

        assert report.ran and report.finished
        broken, suspect = _found(app)
        assert set(broken) == {
            "/jyj/no-such-page/",
            f"/@@ref/{hidden}",
            f"{base}/gone",
            f"{base}/forbidden",
            f"{page}/gone.png",
        }
        assert broken[f"/@@ref/{hidden}"]["status"] == 403
        assert broken[f"{base}/gone"]["status"] == 404
        assert set(suspect) == {f"{base}/slow"}  # /flaky answered on the recheck
        assert [m for m, _t in server.hits["/flaky"]] == ["HEAD", "HEAD"]
        assert [m for m, _t in server.hits["/nohead"]] == ["HEAD", "GET"]
        record = broken[f"{base}/gone"]
        assert record["page"] == page and record["title"] == "测试稿件withlinks"
        assert record["editor"] == "jyj_editor"
        first_seen = record["first_seen"]
        assert "/jyj" in report.counts and report.counts["/jyj"] == (5, 1)

        # fixed in place: the fixed links go at the next run, the rest keep their first sighting
        set_body(app, page, f'<p><a href="{base}/gone">外部404</a><a href="{base}/ok">好</a></p>')
        Crawler(app.registry).run(force=True)
        broken, suspect = _found(app)
        assert set(broken) == {f"{base}/gone"} and not suspect
        assert broken[f"{base}/gone"]["first_seen"] == first_seen
        assert broken[f"{base}/gone"]["checked"] > first_seen

        set_body(app, page, "<p>全部修好了</p>")
        Crawler(app.registry).run(force=True)
        assert _found(app) == ({}, {})


def test_unpublished_page_drops_out(app_settings):
    from pyramid.traversal import find_resource

    from govportal.bootstrap import request_as, site_session
    from govportal.workflow import get_workflow

    with links_app(app_settings) as app:
        page = publish(app, '<p><a href="/jyj/nothing-here">坏</a></p>', "soon-gone")
        Crawler(app.registry).run(force=True)
        assert set(_found(app)[0]) == {"/jyj/nothing-here"}
        with site_session(app.registry) as (zroot, request):
            root = zroot["app_root"]
            doc = find_resource(root, page)
            reviewer = request_as(request, get_oid(root["principals"]["users"]["jyj_reviewer"]))
            get_workflow(doc, app.registry).transition(doc, reviewer, "retract", comment="下线")
        Crawler(app.registry).run(force=True)
        assert _found(app) == ({}, {})


def test_alarm_raised_then_cleared_by_the_scheduler_job(app_settings):
    with links_app(app_settings) as app:
        page = publish(app, '<p><a href="/jyj/missing/">坏链接</a></p>', "alarmed")
        outbox = get_mailer(app.registry).outbox
        # round 1 crawls (never ran: due); round 2 raises the alarm; round 3: nothing to do
        assert not run_in_transaction(app.registry, links_job, "test")
        assert run_in_transaction(app.registry, links_job, "test")
        assert not run_in_transaction(app.registry, links_job, "test")
        alarms = read_root(app, lambda root: open_alarms(root, kind="links"))
        assert [a.site_path for a in alarms] == ["/jyj"]
        assert "1 个失效链接" in alarms[0].subject
        mailed = [m for m in outbox if "失效链接" in m.subject]
        assert mailed and all("教育局有 1 个失效链接" in m.subject for m in mailed)

        # not due again before links_every_hours: the task runs it now
        set_body(app, page, "<p>修好了</p>")
        assert not run_in_transaction(app.registry, links_job, "test")
        assert _found(app)[0]  # the job did not run again
        report = run_in_transaction(
            app.registry, lambda root, request: links_task(root, request, []), "test"
        )
        assert "检查完成" in report and "失效 0 个" in report
        assert read_root(app, lambda root: open_alarms(root, kind="links")) == []


def test_service_guide_address_is_checked(app_settings):
    from pyramid.traversal import resource_path

    from govportal.bootstrap import site_session
    from govportal.content import find_department
    from govportal.monitoring.links.reading import public_item_ids

    with web_server() as (base, _server), links_app(app_settings) as app:
        with site_session(app.registry) as (zroot, request):
            root = zroot["app_root"]
            objectmap = root.__objectmap__
            guides = [
                objectmap.object_for(oid)
                for oid in public_item_ids(root, app.registry)
                if app.registry.content.typeof(objectmap.object_for(oid)) == "ServiceGuide"
            ]
            assert guides, "the demo publishes service guides"
            guide = guides[0]
            guide.external_url = f"{base}/gone"
            site = "/" if guide.__parent__ is None else None
            from pyramid.traversal import resource_path

            from govportal.content import find_department

            site = resource_path(find_department(guide) or root) or "/"
        Crawler(app.registry).run(force=True)
        broken, _suspect = _found(app, site)
        assert f"{base}/gone" in broken


def test_task_from_the_command_line(app_settings):
    from govportal.monitoring.script import run_task

    # no network here: the demo's links to other sites are not asked
    with links_app(app_settings, **{"govportal.monitoring.links_external": "false"}) as app:
        publish(app, '<p><a href="/jyj/gone-away/">坏</a></p>', "cli")
        report = run_task(app.registry, "links", ["5"])
        assert "检查完成" in report and "失效 1 个" in report
        assert [a.site_path for a in read_root(app, lambda r: open_alarms(r, kind="links"))] == [
            "/jyj"
        ]
        again = run_task(app.registry, "links")
        assert "失效 1 个" in again
