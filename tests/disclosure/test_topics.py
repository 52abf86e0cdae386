"""主题分类: the taxonomy kept in the database (seeded from etc/topics.yaml),
enforced by the document form, edited at /@@admin-topics, and the order of
the 信息公开目录."""

import shutil
from datetime import date

import pytest
from pyramid.traversal import find_resource

from govportal import main
from govportal.bootstrap import site_session
from govportal.disclosure.topics import STORE_ATTR, TaxonomyError, TaxonomyFile, parse_taxonomy
from govportal.settings import DEFAULTS, SOURCE_ROOT
from tests.conftest import Browser, close_app, csrf_token, read_root
from tests.http.helpers import add_document, edit_document, edit_form, fill
from tests.public.helpers import publish_documents

from .forms import attribute, names_in

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
    res = browser("jyj_editor").get("/jyj/gfxwj/@@ws-add")
    assert options(res) == [
        "",
        "机构职能",
        "规范性文件",
        "办事服务",
        "行政权力运行",
        "政务动态",
        "其他主动公开信息",
    ]
    res = browser("portal_editor").get("/zcwj/@@ws-add")
    assert "财政资金" in options(res) and "规范性文件" not in options(res)


def form_errors(res):
    found = res.html.select(".invalid-feedback, .errorMsg, .alert-danger")
    return [e.get_text(strip=True) for e in found]


def test_a_value_outside_the_taxonomy_is_a_form_error(browser, wsgi_app):
    editor = browser("jyj_editor")
    before = names_in(wsgi_app, "/jyj/gfxwj/")
    res = add_document(editor, "/jyj/gfxwj/", "分类不对", topic="财政资金", status=400)
    assert any("不在部门网站的主题分类中" in e for e in form_errors(res)), form_errors(res)
    res = add_document(editor, "/jyj/gfxwj/", "分类不对", topic="<b>自编分类</b>", status=400)
    assert "<b>自编分类" not in res.text
    assert names_in(wsgi_app, "/jyj/gfxwj/") == before
    path = add_document(editor, "/jyj/gfxwj/", "分类正确", topic="规范性文件")
    assert attribute(wsgi_app, path, "topic") == "规范性文件"


def test_an_old_free_text_value_keeps_showing_and_is_kept_on_save(browser, wsgi_app):
    editor = browser("jyj_editor")
    path = add_document(editor, "/jyj/gzdt/", "旧文稿")
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        find_resource(zodb_root["app_root"], path).topic = "教育"  # classified before the taxonomy
    form = edit_form(editor, path)
    offered = dict((value, text) for value, _selected, text in form["topic"].options)
    assert "原有分类" in offered["教育"] and form["topic"].value == "教育"
    fill(form, title="旧文稿（已修改）", topic="教育").submit("save", status=303)
    assert attribute(wsgi_app, path, "title") == "旧文稿（已修改）"
    assert attribute(wsgi_app, path, "topic") == "教育"
    edit_document(editor, path, topic="卫生", status=400)  # another free value: refused
    assert attribute(wsgi_app, path, "topic") == "教育"
    edit_document(editor, path, topic="政务动态")
    assert attribute(wsgi_app, path, "topic") == "政务动态"


# -- the taxonomy in the database --------------------------------------------------------


def topics_fields(token, portal, department, confirm=False, **titles):
    fields = [
        ("_charset_", "UTF-8"),
        ("__formid__", "topics"),
        ("_csrf_token_", token),
        ("portal_title", titles.get("portal_title", "门户网站主题分类（第十三条）")),
        ("portal_topics", portal),
        ("department_title", titles.get("department_title", "部门网站主题分类（第十四条）")),
        ("department_topics", department),
    ]
    if confirm:
        fields.append(("confirm_removal", "true"))
    return fields + [("save", "save")]


def stored(app):
    """The names of the taxonomy the database holds (None if none)."""

    def read(root):
        store = getattr(root, STORE_ATTR, None)
        if store is None:
            return None
        taxonomy = store.taxonomy()
        return taxonomy.names("portal"), taxonomy.names("department"), store.version

    return read_root(app, read)


def etc_snapshot():
    """Every file under etc/ with its size and modification time."""
    return {
        str(p): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in (SOURCE_ROOT / "etc").rglob("*")
        if p.is_file()
    }


def test_the_database_holds_the_seeded_taxonomy(wsgi_app):
    portal, department, version = stored(wsgi_app)
    seed = parse_taxonomy(ETC_FILE.read_text(encoding="utf-8"))
    assert portal == seed.names("portal") and department == seed.names("department")
    assert version == 1


def test_a_changed_seed_file_does_not_change_a_site_that_has_its_taxonomy(own_topics):
    app, path = own_topics
    editor = Browser(app).login("jyj_editor")
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "    - name: 教育督导\n      description: 督导检查\n", encoding="utf-8")
    assert "教育督导" not in options(editor.get("/jyj/gzdt/@@ws-add"))


def test_readers_cache_by_version_and_see_a_new_save(wsgi_app):
    from govportal.disclosure.topics import get_taxonomy, save_taxonomy

    registry = wsgi_app.registry
    with site_session(registry) as (zodb_root, _request):
        root = zodb_root["app_root"]
        first = get_taxonomy(registry, root)
        assert get_taxonomy(registry, root) is first  # no re-parse while the version holds
        changed = parse_taxonomy("portal: {topics: [甲]}\ndepartment: {topics: [乙]}\n")
        save_taxonomy(root, changed)
        assert get_taxonomy(registry, root).names("portal") == ["甲"]


@pytest.fixture
def own_topics(app_settings, tmp_path):
    """An application whose seed file is a copy the test may change."""
    path = tmp_path / "topics.yaml"
    shutil.copy(ETC_FILE, path)
    app = main({}, **dict(app_settings, **{"govportal.topics_file": str(path)}))
    yield app, path
    close_app(app)


def test_administrators_edit_the_taxonomy_in_the_database(app_settings):
    app = main({}, **app_settings)
    try:
        edit_the_taxonomy(app)
    finally:
        close_app(app)
    # a second application on the same database (after this one) reads the
    # database's taxonomy, not the file's
    again = main({}, **app_settings)
    try:
        assert "征收拆迁" in stored(again)[0]
        editor = Browser(again).login("portal_editor")
        assert "征收拆迁" in options(editor.get("/zcwj/@@ws-add"))
    finally:
        close_app(again)


def edit_the_taxonomy(app):
    etc = etc_snapshot()
    visitor = Browser(app)
    assert "征地拆迁（0）" in visitor.get("/@@catalog").text  # now in the render cache
    admin = Browser(app).login("admin")
    res = admin.get("/@@admin-topics")
    assert "门户网站主题分类（第十三条）" in res.text and "style=" not in res.text
    token = csrf_token(res.text)
    portal = res.html.select_one("textarea[name=portal_topics]").text
    department = res.html.select_one("textarea[name=department_topics]").text
    before = stored(app)
    for bad_portal, bad_department, message in (
        (portal + "\n征地拆迁", department, "“征地拆迁”重复"),
        (portal, "", "不能为空"),
        (portal + "\n | 只有说明", department, "缺少名称"),
        (portal + "\n" + "长" * 61, department, "最多 60 个字"),
    ):
        res = admin.post(
            "/@@admin-topics", topics_fields(token, bad_portal, bad_department), status=400
        )
        assert message in res.text, message
    admin.post(
        "/@@admin-topics", topics_fields("forged", portal + "\n新分类", department), status=400
    )
    assert stored(app) == before
    new = portal.replace("征地拆迁", "征收拆迁")
    admin.post("/@@admin-topics", topics_fields(token, new, department), status=303)
    assert "征收拆迁" in stored(app)[0] and stored(app)[2] == before[2] + 1
    catalogue = visitor.get("/@@catalog").text
    assert "征收拆迁（0）" in catalogue and "征地拆迁" not in catalogue
    portal_editor = Browser(app).login("portal_editor")
    assert "征收拆迁" in options(portal_editor.get("/zcwj/@@ws-add"))
    portal_editor.get("/@@admin-topics", status=403)
    # nothing under the source checkout was written
    assert etc_snapshot() == etc


def test_a_topic_in_use_is_not_removed_silently(browser, wsgi_app):
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        doc = find_resource(zodb_root["app_root"], "/zcwj/yingshan-website-regulation-2019")
        assert doc.topic == "重要政务信息"
    admin = browser("admin")
    res = admin.get("/@@admin-topics")
    token = csrf_token(res.text)
    portal = res.html.select_one("textarea[name=portal_topics]").text
    department = res.html.select_one("textarea[name=department_topics]").text
    lines = [line for line in portal.splitlines() if not line.startswith("重要政务信息")]
    assert len(lines) == len(portal.splitlines()) - 1
    before = stored(wsgi_app)
    res = admin.post(
        "/@@admin-topics", topics_fields(token, "\n".join(lines), department), status=409
    )
    assert "仍被文稿使用" in res.text and "重要政务信息" in res.text
    assert stored(wsgi_app) == before
    admin.post(
        "/@@admin-topics",
        topics_fields(token, "\n".join(lines), department, confirm=True),
        status=303,
    )
    assert "重要政务信息" not in stored(wsgi_app)[0]
    version = stored(wsgi_app)[2]
    admin.post(  # the same POST again: nothing stored
        "/@@admin-topics",
        topics_fields(token, "\n".join(lines), department, confirm=True),
        status=303,
    )
    assert stored(wsgi_app)[2] == version


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
