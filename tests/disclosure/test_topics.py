"""主题分类: the taxonomy in etc/topics.yaml, enforced by the document form,
reloaded when the file changes, edited on the 主题分类 tab, and the order of
the 信息公开目录."""

import shutil
from datetime import date

import pytest
from pyramid.traversal import find_resource

from govportal import main
from govportal.bootstrap import site_session
from govportal.disclosure.topics import TaxonomyError, TaxonomyFile, parse_taxonomy
from govportal.settings import DEFAULTS, SOURCE_ROOT
from tests.conftest import Browser, close_app, csrf_token
from tests.http.helpers import mgmt
from tests.public.helpers import publish_documents

from .forms import add_document, attribute, form_errors, names_in, post_document, post_properties

ETC_FILE = SOURCE_ROOT / "etc" / "topics.yaml"


def options(res, name="topic"):
    return [o.get("value") for o in res.html.select(f"select[name={name}] option")]


# -- the file ------------------------------------------------------------------


def test_the_default_file_holds_the_regulation_lists():
    assert DEFAULTS["govportal.topics_file"] == str(ETC_FILE)
    taxonomy = parse_taxonomy(ETC_FILE.read_text(encoding="utf-8"))
    portal, department = taxonomy.names("portal"), taxonomy.names("department")
    # 第十三条 has fourteen items, 第十四条 six
    assert len(portal) == 14 and len(department) == 6
    assert portal[0] == "概况信息" and portal[-1] == "公共服务" and "财政资金" in portal
    assert department == [
        "机构职能",
        "规范性文件",
        "办事服务",
        "行政权力运行",
        "政务动态",
        "其他主动公开信息",
    ]
    assert taxonomy.topics("portal")[4].description.startswith("财政预决算报告")


@pytest.mark.parametrize(
    "text, message",
    [
        ("portal: [", "不是有效的 YAML"),
        ("- a\n- b\n", "应包含 portal 和 department"),
        ("portal: {topics: [a]}\n", "缺少 department.topics"),
        ("portal: {topics: [a, a]}\ndepartment: {topics: [b]}\n", "“a”重复"),
        ("portal: {topics: []}\ndepartment: {topics: [b]}\n", "不能为空"),
        ("portal: {topics: [a]}\ndepartment: {topics: [b]}\nother: 1\n", "未知的部分"),
        ("portal: {topics: [{name: ''}]}\ndepartment: {topics: [b]}\n", "缺少名称"),
    ],
)
def test_a_bad_file_is_refused_with_a_reason(text, message):
    with pytest.raises(TaxonomyError, match=message):
        parse_taxonomy(text)


def test_the_file_is_reloaded_when_it_changes_and_a_broken_change_is_kept_out(tmp_path):
    path = tmp_path / "topics.yaml"
    path.write_text("portal: {topics: [甲]}\ndepartment: {topics: [乙]}\n", encoding="utf-8")
    source = TaxonomyFile(path)
    assert source.current().names("portal") == ["甲"]
    path.write_text("portal: {topics: [甲, 丙]}\ndepartment: {topics: [乙]}\n", encoding="utf-8")
    assert source.current().names("portal") == ["甲", "丙"]
    path.write_text("portal: [\n", encoding="utf-8")
    assert source.current().names("portal") == ["甲", "丙"]  # the last good one
    assert "不是有效的 YAML" in source.error


def test_the_application_refuses_to_start_on_a_broken_file(app_settings, tmp_path):
    from pyramid.exceptions import ConfigurationError

    path = tmp_path / "broken.yaml"
    path.write_text("portal: {topics: []}\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="broken.yaml"):
        main({}, **dict(app_settings, **{"govportal.topics_file": str(path)}))


# -- the document form -------------------------------------------------------------


def test_the_form_offers_the_sites_list(browser):
    res = browser("jyj_editor").get(mgmt("/jyj/gfxwj/", "@@add_document"))
    assert options(res) == [
        "",
        "机构职能",
        "规范性文件",
        "办事服务",
        "行政权力运行",
        "政务动态",
        "其他主动公开信息",
    ]
    res = browser("portal_editor").get(mgmt("/zcwj/", "@@add_document"))
    assert "财政资金" in options(res) and "规范性文件" not in options(res)


def test_a_value_outside_the_taxonomy_is_a_form_error(browser, wsgi_app):
    editor = browser("jyj_editor")
    before = names_in(wsgi_app, "/jyj/gfxwj/")
    res = post_document(editor, "/jyj/gfxwj/", "分类不对", topic="财政资金")
    assert res.status_int == 200
    assert any("不在部门网站的主题分类中" in e for e in form_errors(res)), form_errors(res)
    res = post_document(editor, "/jyj/gfxwj/", "分类不对", topic="<b>自编分类</b>")
    assert res.status_int == 200 and "<b>自编分类" not in res.text
    assert names_in(wsgi_app, "/jyj/gfxwj/") == before
    path = add_document(editor, "/jyj/gfxwj/", "分类正确", topic="规范性文件")
    assert attribute(wsgi_app, path, "topic") == "规范性文件"


def test_an_old_free_text_value_keeps_showing_and_is_kept_on_save(browser, wsgi_app):
    editor = browser("jyj_editor")
    path = add_document(editor, "/jyj/gzdt/", "旧文稿")
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        find_resource(zodb_root["app_root"], path).topic = "教育"  # classified before the taxonomy
    res = editor.get(mgmt(path, "@@properties"))
    assert "教育" in options(res)
    assert res.html.select_one("select[name=topic] option[selected]").get("value") == "教育"
    assert "原有分类" in res.text
    res = post_properties(editor, path, "旧文稿（已修改）", topic="教育")
    assert res.status_int == 302
    assert attribute(wsgi_app, path, "title") == "旧文稿（已修改）"
    assert attribute(wsgi_app, path, "topic") == "教育"
    res = post_properties(editor, path, "旧文稿", topic="卫生")  # another free value: refused
    assert res.status_int == 200 and attribute(wsgi_app, path, "topic") == "教育"
    res = post_properties(editor, path, "旧文稿", topic="政务动态")
    assert res.status_int == 302 and attribute(wsgi_app, path, "topic") == "政务动态"


# -- editing the taxonomy ---------------------------------------------------------------


@pytest.fixture
def own_topics(app_settings, tmp_path):
    """An application whose taxonomy file is a copy the test may change."""
    path = tmp_path / "topics.yaml"
    shutil.copy(ETC_FILE, path)
    app = main({}, **dict(app_settings, **{"govportal.topics_file": str(path)}))
    yield app, path
    close_app(app)


def test_a_changed_file_is_used_without_a_restart(own_topics):
    app, path = own_topics
    editor = Browser(app).login("jyj_editor")
    assert "教育督导" not in options(editor.get(mgmt("/jyj/gzdt/", "@@add_document")))
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "    - name: 教育督导\n      description: 督导检查\n", encoding="utf-8")
    assert "教育督导" in options(editor.get(mgmt("/jyj/gzdt/", "@@add_document")))
    doc = add_document(editor, "/jyj/gzdt/", "督导通报", topic="教育督导")
    assert attribute(app, doc, "topic") == "教育督导"


def test_administrators_edit_the_taxonomy_on_its_tab(own_topics):
    app, path = own_topics
    visitor = Browser(app)
    assert "征地拆迁（0）" in visitor.get("/@@catalog").text  # now in the render cache
    admin = Browser(app).login("admin")
    res = admin.get("/manage/@@topics")
    assert "门户网站主题分类（第十三条）" in res.text and str(path) in res.text
    token = csrf_token(res.text)
    original = path.read_text(encoding="utf-8")
    res = admin.post(
        "/manage/@@topics",
        {"text": "portal: {topics: [a, a]}\n", "save": "save", "csrf_token": token},
        status=400,
    )
    assert "缺少 department.topics" in res.text or "重复" in res.text
    assert path.read_text(encoding="utf-8") == original
    admin.post("/manage/@@topics", {"text": "x", "save": "save"}, status=400)  # no CSRF token
    new = original.replace("- name: 征地拆迁", "- name: 征收拆迁")
    res = admin.post(
        "/manage/@@topics", {"text": new, "save": "save", "csrf_token": token}, status=303
    )
    assert "征收拆迁" in path.read_text(encoding="utf-8")
    catalogue = visitor.get("/@@catalog").text
    assert "征收拆迁（0）" in catalogue and "征地拆迁" not in catalogue
    portal_editor = Browser(app).login("portal_editor")
    assert "征收拆迁" in options(portal_editor.get(mgmt("/zcwj/", "@@add_document")))
    portal_editor.get("/manage/@@topics", status=403)
    Browser(app).login("jyj_editor").get("/manage/@@topics", status=(403, 404))


# -- the catalogue ------------------------------------------------------------------------


def facet(res, name="topic"):
    section = res.html.select_one(f'section[aria-labelledby="facet-{name}"]')
    return [li.get_text(strip=True) for li in section.select("li")]


def test_the_catalogue_browses_by_the_taxonomy_order(testapp, wsgi_app):
    publish_documents(
        wsgi_app,
        "/jyj/gzdt/",
        [
            {"title": "动态一", "topic": "政务动态", "publish_date": date(2026, 3, 1)},
            {"title": "动态二", "topic": "政务动态", "publish_date": date(2026, 3, 2)},
            {"title": "文件一", "topic": "规范性文件", "publish_date": date(2026, 3, 3)},
            {"title": "旧分类", "topic": "教育", "publish_date": date(2026, 3, 4)},
        ],
        editor="jyj_editor",
        reviewer="jyj_reviewer",
    )
    assert facet(testapp.get("/jyj/@@catalog")) == [
        "机构职能（0）",
        "规范性文件（1）",
        "办事服务（0）",
        "行政权力运行（0）",
        "政务动态（2）",
        "其他主动公开信息（0）",
        "教育（1）",
    ]
    portal = facet(testapp.get("/@@catalog"))
    assert portal[0] == "概况信息（0）" and portal[1] == "机构职能（0）"
    assert (
        portal.index("公共服务（0）") < portal.index("规范性文件（1）") < portal.index("教育（1）")
    )
    res = testapp.get("/jyj/@@catalog", {"topic": "政务动态"})
    assert [a.text for a in res.html.select("table.catalogue-table td > a")] == ["动态二", "动态一"]
