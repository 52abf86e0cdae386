"""有效性 replacement links and 解读 links: chosen in the document form,
shown both ways on the public pages, only public targets for visitors."""

from datetime import date

import pytest
from pyramid.traversal import find_resource
from substanced.util import find_objectmap

from govportal.bootstrap import site_session
from govportal.content.document import Interprets, ReplacedBy
from tests.conftest import read_root
from tests.http.helpers import transition
from tests.public.helpers import publish_documents

from .forms import add_document, form_errors, names_in, oid_of, post_document, post_properties

JYJ = {"editor": "jyj_editor", "reviewer": "jyj_reviewer"}
REGULATION = "/zcwj/yingshan-website-regulation-2019/"


def titles(res, selector):
    return [a.get_text(strip=True) for a in res.html.select(selector)]


def publish(client_editor, client_reviewer, path):
    transition(client_editor, path, "submit")
    transition(client_reviewer, path, "approve")


@pytest.fixture
def jyj(browser):
    return browser("jyj_editor"), browser("jyj_reviewer")


def test_a_replaced_document_names_its_replacement_and_is_named_back(jyj, wsgi_app, testapp):
    editor, reviewer = jyj
    (new,) = publish_documents(
        wsgi_app, "/jyj/gfxwj/", [{"name": "new", "title": "学生资助办法（2026年修订）"}], **JYJ
    )
    new_oid = oid_of(wsgi_app, new)
    form = editor.get("/jyj/gfxwj/@@ws-add")
    assert str(new_oid) in [
        o.get("value") for o in form.html.select("select[name=replaced_by] option")
    ]
    old = add_document(
        editor, "/jyj/gfxwj/", "学生资助办法", validity="amended", replaced_by=new_oid
    )
    publish(editor, reviewer, old)

    page = testapp.get(old)
    notice = page.html.select_one(".notice-validity")
    assert notice.get_text(strip=True).startswith("本文件已修订。替代文件：")
    assert notice.a["href"] == "http://localhost" + new
    page = testapp.get(new)
    assert titles(page, "ul.replaces a") == ["学生资助办法"]
    assert "本文件替代了" in page.text and "（已修订）" in page.text
    # stored as an object-map reference, not on either document
    assert read_root(
        wsgi_app,
        lambda root: list(find_objectmap(root).targetids(find_resource(root, old), ReplacedBy)),
    ) == [new_oid]


def test_interpretations_link_both_ways_and_visitors_see_only_public_ones(jyj, wsgi_app, testapp):
    editor, reviewer = jyj
    (policy,) = publish_documents(
        wsgi_app, "/jyj/gfxwj/", [{"name": "policy", "title": "课后服务管理办法"}], **JYJ
    )
    policy_oid = oid_of(wsgi_app, policy)
    # created programmatically: the link is connected when the document is added
    (public,) = publish_documents(
        wsgi_app,
        "/jyj/gzdt/",
        [{"name": "jd", "title": "图解课后服务管理办法", "interprets": policy_oid}],
        **JYJ,
    )
    draft = add_document(editor, "/jyj/gzdt/", "课后服务管理办法答记者问", interprets=policy_oid)

    page = testapp.get(policy)
    assert titles(page, "ul.interpretations a") == ["图解课后服务管理办法"]
    assert "答记者问" not in page.text
    page = testapp.get(public)
    assert page.html.select_one("p.interprets a")["href"] == "http://localhost" + policy
    testapp.get(draft, status=404)
    # the editor sees the draft interpretation too (it may view it)
    assert sorted(titles(editor.get(policy), "ul.interpretations a")) == [
        "图解课后服务管理办法",
        "课后服务管理办法答记者问",
    ]

    # a source that stops being public disappears from its interpretation's page
    transition(reviewer, policy, "retract", comment="需要修改")
    assert "本文是对以下文件的解读" not in testapp.get(public).text
    testapp.get(policy, status=404)

    # deleting the draft interpretation removes its link: nothing dangles
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        column = find_resource(zodb_root["app_root"], "/jyj/gzdt/")
        del column[draft.strip("/").split("/")[-1]]
    sources = read_root(
        wsgi_app,
        lambda root: list(find_objectmap(root).sourceids(find_resource(root, policy), Interprets)),
    )
    assert sources == [oid_of(wsgi_app, public)]


def test_a_department_document_may_interpret_a_portal_document(jyj, wsgi_app, testapp):
    editor, reviewer = jyj
    path = add_document(
        editor, "/jyj/gzdt/", "解读县政府网站管理办法", interprets=oid_of(wsgi_app, REGULATION)
    )
    publish(editor, reviewer, path)
    assert titles(testapp.get(REGULATION), "ul.interpretations a") == ["解读县政府网站管理办法"]


def test_bad_links_are_form_errors_and_nothing_is_stored(jyj, browser, wsgi_app):
    editor, _reviewer = jyj
    (own,) = publish_documents(
        wsgi_app, "/jyj/gfxwj/", [{"name": "own", "title": "本局文件"}], **JYJ
    )
    (other,) = publish_documents(
        wsgi_app,
        "/wjj/gzdt/",
        [{"name": "other", "title": "卫健局文件", "publish_date": date(2026, 2, 1)}],
        editor="wjj_editor",
        reviewer="wjj_reviewer",
    )
    draft = add_document(editor, "/jyj/gzdt/", "本局草稿")
    before = names_in(wsgi_app, "/jyj/gfxwj/")
    cases = [
        (
            {"validity": "amended", "replaced_by": oid_of(wsgi_app, other)},
            "只能选择本站已发布的文件",
        ),
        ({"validity": "repealed", "replaced_by": oid_of(wsgi_app, REGULATION)}, "只能选择本站"),
        ({"validity": "amended", "replaced_by": oid_of(wsgi_app, draft)}, "只能选择已发布的文件"),
        ({"validity": "valid", "replaced_by": oid_of(wsgi_app, own)}, "才能指定替代文件"),
        ({"validity": "amended", "replaced_by": 987654321}, "所选文件不存在"),
        ({"interprets": oid_of(wsgi_app, other)}, "只能选择本站或门户网站已发布的文件"),
        ({"validity": "amended", "replaced_by": "abc"}, ""),
    ]
    for fields, message in cases:
        res = post_document(editor, "/jyj/gfxwj/", "链接有误", **fields)
        assert res.status_int == 400, fields
        errors = form_errors(res)
        assert errors and any(message in e for e in errors), (fields, errors)
    assert names_in(wsgi_app, "/jyj/gfxwj/") == before
    # a document cannot replace itself, nor two documents each other
    res = post_properties(
        editor, draft, "本局草稿", validity="amended", replaced_by=oid_of(wsgi_app, draft)
    )
    assert res.status_int == 400 and any("本文件自身" in e for e in form_errors(res))
    # another department's editor cannot reach the form at all (nor the SDI)
    wjj_editor = browser("wjj_editor")
    wjj_editor.get("/jyj/gfxwj/@@ws-add", status=(403, 404))
    wjj_editor.get("/manage/jyj/gfxwj/@@add_document", status=403)
