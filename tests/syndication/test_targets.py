"""Which columns take offers: only open news and notice columns directly
under another site that has reviewers — not a column nested in another (or
in a special topic), not a document, not a site nobody may decide for.
Refused with a message, nothing written, and not offered on the form."""

from pyramid.traversal import find_resource

from govportal.bootstrap import site_session
from govportal.security.localroles import LOCAL_ROLES_ATTR, revoke_roles

from .helpers import offer, offers, publish


def add_nested_column(wsgi_app, parent="/yw/", name="qxdt"):
    with site_session(wsgi_app.registry) as (zodb_root, request):
        container = find_resource(zodb_root["app_root"], parent)
        container[name] = request.registry.content.create(
            "Column", title="嵌套动态栏目", kind="news"
        )
    return f"{parent}{name}/"


def drop_reviewers(wsgi_app, site):
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        department = zodb_root["app_root"][site]
        for principal in list(getattr(department, LOCAL_ROLES_ATTR, {}) or {}):
            revoke_roles(department, principal, "reviewer")


def test_a_nested_column_takes_no_offers(wsgi_app, browser):
    nested = add_nested_column(wsgi_app)
    path = publish(wsgi_app)
    editor = browser("jyj_editor")
    assert nested not in editor.get(path + "@@syndicate").text
    res = offer(editor, path, target=nested, status=400)
    assert "请选择接受报送的栏目" in res.text
    assert offers(wsgi_app) == []


def test_a_document_is_no_target(wsgi_app, browser):
    other = publish(wsgi_app, "卫健局稿件", name="wjj-1", column="/wjj/gzdt/")
    path = publish(wsgi_app)
    for target in (other, path, "/jyj/gzdt/../../bmdt/syn-x/", "/@@syndication"):
        res = offer(browser("jyj_editor"), path, target=target, status=400)
        assert "请选择接受报送的栏目" in res.text
    assert offers(wsgi_app) == []


def test_a_site_without_reviewers_is_not_offered(wsgi_app, browser):
    drop_reviewers(wsgi_app, "jyj")
    path = publish(wsgi_app, "卫健局稿件", name="wjj-1", column="/wjj/gzdt/")
    editor = browser("wjj_editor")
    form = editor.get(path + "@@syndicate").text
    assert "/jyj/gzdt/" not in form and "/bmdt/" in form
    res = offer(editor, path, target="/jyj/gzdt/", status=409)
    assert "尚未设置审核员" in res.text
    assert offers(wsgi_app) == []
