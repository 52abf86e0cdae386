"""Links by reference: a body stores ``/@@ref/<oid>`` for site content,
whatever host the editor pasted, and shows the reader's URL — or nothing,
when the reader may not see the target."""

import pytest
import webtest
from pyramid.traversal import find_resource

from govportal import main
from govportal.content.richtext import sanitize_html
from govportal.media.migrate import migrate_bodies
from govportal.media.references import (
    image_oids,
    images_without_alt,
    parse_reference,
    referenced_oids,
    render_references,
)
from tests.conftest import close_app, read_root
from tests.http.helpers import add_document, publish, transition

from .helpers import COLUMN, doc_facts, oid_of


def test_parse_and_read_references():
    assert parse_reference("/@@ref/12") == (12, "")
    assert parse_reference("/@@ref/12#part-2") == (12, "#part-2")
    for bad in ("/@@ref/x", "/@@ref/12/../a", "/@@ref/12?x=1", "http://x/@@ref/1", ""):
        assert parse_reference(bad) is None
    body = '<p><a href="/@@ref/5">a</a><img src="/@@ref/7" alt="x"><img src="y.png"></p>'
    assert referenced_oids(body) == [5, 7] and image_oids(body) == [7]
    assert images_without_alt(body) == ['<img src="y.png">']


def test_the_sanitiser_allows_the_reference_form_and_nothing_more():
    ok = '<a href="/@@ref/123#x">a</a><img src="/@@ref/9" alt="图">'
    assert sanitize_html(ok).count("/@@ref/") == 2
    for bad in ("/@@ref/1/../../manage", "/@@ref/1?a=b", "/@@ref/javascript:alert(1)", "/@@REF/1x"):
        cleaned = sanitize_html(f'<a href="{bad}">a</a><img src="{bad}" alt="b">')
        assert "@@" not in cleaned.lower(), cleaned


@pytest.mark.parametrize(
    "host",
    ["http://127.0.0.1:6543", "http://localhost", "https://www.yingshan.gov.cn", ""],
)
def test_links_pasted_with_any_site_host_are_stored_by_reference(wsgi_app, editor, reviewer, host):
    target = publish(editor, reviewer, COLUMN, "被引用的通知")
    oid = oid_of(wsgi_app, target)
    wsgi_app.registry.settings["govportal.site_domains"] = "127.0.0.1:6543"
    body = (
        f'<p><a href="{host}{target}">通知</a> <a href="{host}{target}#s2">第二节</a>'
        ' <a href="https://www.example.com/a">外站</a> <a href="/search?q=1">搜索</a></p>'
    )
    doc = add_document(editor, COLUMN, "引用测试", body)
    stored = doc_facts(wsgi_app, doc)["body"]
    assert f'href="/@@ref/{oid}"' in stored and f'href="/@@ref/{oid}#s2"' in stored
    assert "https://www.example.com/a" in stored and 'href="/search?q=1"' in stored
    assert "127.0.0.1" not in stored and "localhost" not in stored


def test_relative_links_are_recognised(wsgi_app, editor, reviewer):
    target = publish(editor, reviewer, COLUMN, "相对链接目标")
    name = target.rstrip("/").rsplit("/", 1)[-1]
    doc = add_document(editor, COLUMN, "相对链接", f'<p><a href="../{name}/">目标</a></p>')
    assert f'href="/@@ref/{oid_of(wsgi_app, target)}"' in doc_facts(wsgi_app, doc)["body"]


def test_the_public_page_shows_current_urls_and_leaks_nothing(
    wsgi_app, editor, reviewer, other_editor, testapp
):
    public = publish(editor, reviewer, COLUMN, "已发布的目标")
    draft = add_document(editor, COLUMN, "未发布的草稿")
    foreign = add_document(other_editor, "/wjj/gzdt/", "卫健局的草稿")
    body = (
        f'<p><a href="{public}">已发布</a> <a href="{draft}">草稿链接</a>'
        f' <a href="{foreign}">外部门</a></p>'
    )
    doc = publish(editor, reviewer, COLUMN, "引用页面", body)
    page = testapp.get(doc).text
    assert f'href="{public}"' in page
    assert draft not in page and foreign not in page and "/@@ref/" not in page
    assert "草稿链接" in page and "外部门" in page  # the text stays
    # the unrendered reference redirects only to what the visitor may see
    assert testapp.get(f"/@@ref/{oid_of(wsgi_app, public)}", status=302).location.endswith(public)
    testapp.get(f"/@@ref/{oid_of(wsgi_app, draft)}", status=404)
    testapp.get(f"/@@ref/{oid_of(wsgi_app, foreign)}", status=404)
    testapp.get("/@@ref/123456789", status=404)
    testapp.get("/@@ref/x", status=404)


def test_a_body_link_survives_moving_the_site_to_another_domain_and_https(
    app_settings, wsgi_app, editor, reviewer
):
    target = publish(editor, reviewer, COLUMN, "迁移后的目标")
    body = f'<p><a href="http://127.0.0.1:6543{target}">目标</a></p>'
    wsgi_app.registry.settings["govportal.site_domains"] = "127.0.0.1:6543"
    doc = publish(editor, reviewer, COLUMN, "迁移测试", body)
    close_app(wsgi_app)
    for public_url, host in (
        ("http://old.yingshan.gov.cn", "old.yingshan.gov.cn"),
        ("https://www.yingshan.gov.cn", "www.yingshan.gov.cn"),
    ):
        app = main({}, **{**app_settings, "govportal.public_url": public_url})
        try:
            client = webtest.TestApp(app, extra_environ={"HTTP_HOST": host})
            page = client.get(doc).text
            assert f'href="{target}"' in page
            client.get(target, status=200)

            def absolute(root, app=app, public_url=public_url):
                from pyramid.request import Request

                request = Request.blank("/", base_url=public_url)
                request.registry = app.registry
                request.root = root
                body = find_resource(root, doc).body
                return render_references(body, request, root, absolute=True)

            assert f'href="{public_url}{target}"' in read_root(app, absolute)
        finally:
            close_app(app)


def test_migration_of_existing_bodies_is_idempotent(wsgi_app, editor, reviewer):
    from govportal.bootstrap import site_session
    from govportal.media.migrate import MARKER

    target = publish(editor, reviewer, COLUMN, "旧正文的目标")
    doc = add_document(editor, COLUMN, "旧正文")
    old = (
        f'<p><a href="http://127.0.0.1:6543{target}">一</a>'
        f'<a href="http://localhost{target}">二</a><a href="https://www.yingshan.gov.cn{target}">三</a>'
        '<a href="https://www.example.com/">外站</a></p>'
    )
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        root = zodb_root["app_root"]
        find_resource(root, doc).body = old
        setattr(root, MARKER, 0)
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        assert migrate_bodies(zodb_root["app_root"], wsgi_app.registry) >= 1
    migrated = doc_facts(wsgi_app, doc)["body"]
    assert migrated.count(f"/@@ref/{oid_of(wsgi_app, target)}") == 3
    assert "https://www.example.com/" in migrated
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        assert migrate_bodies(zodb_root["app_root"], wsgi_app.registry) == 0
        assert migrate_bodies(zodb_root["app_root"], wsgi_app.registry, force=True) == 0
    assert doc_facts(wsgi_app, doc)["body"] == migrated
    transition(editor, doc, "submit")


def test_setup_portal_migrates_old_bodies(wsgi_app, editor, reviewer):
    from govportal.bootstrap import setup_portal, site_session
    from govportal.media.migrate import MARKER

    target = publish(editor, reviewer, COLUMN, "旧站点的目标")
    doc = add_document(editor, COLUMN, "旧站点正文")
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        root = zodb_root["app_root"]
        find_resource(root, doc).body = f'<p><a href="http://127.0.0.1:6543{target}">旧</a></p>'
        setattr(root, MARKER, 0)
    with site_session(wsgi_app.registry) as (zodb_root, request):
        setup_portal(zodb_root["app_root"], request.registry)
    assert f"/@@ref/{oid_of(wsgi_app, target)}" in doc_facts(wsgi_app, doc)["body"]
