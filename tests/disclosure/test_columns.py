"""The five disclosure columns on every site, and 发布机构 from the department."""

from pyramid.traversal import find_resource

from govportal.demo import data
from govportal.disclosure.columns import DISCLOSURE_COLUMNS
from tests.conftest import read_root
from tests.public.helpers import publish_documents

from .forms import add_document, attribute, post_properties

EXPECTED = [
    ("xxgkzn", "政府信息公开指南"),
    ("xxgkzd", "政府信息公开制度"),
    ("fdzdgk", "法定主动公开内容"),
    ("xxgknb", "政府信息公开年报"),
    ("ysqgk", "依申请公开"),
]


def disclosure_columns(app, path):
    def read(root):
        site = find_resource(root, path)
        return [(n, site[n].title) for n, _t in EXPECTED if n in site]

    return read_root(app, read)


def test_the_portal_and_every_department_have_them(wsgi_app, testapp):
    assert [(n, t) for n, t, _k in DISCLOSURE_COLUMNS] == EXPECTED
    assert disclosure_columns(wsgi_app, "/") == EXPECTED
    for department in data.DEPARTMENTS:
        assert disclosure_columns(wsgi_app, "/" + department["name"]) == EXPECTED
    page = testapp.get("/jyj/")
    links = {a.get_text(strip=True): a["href"] for a in page.html.select("a")}
    assert links.get("依申请公开") == "http://localhost/jyj/ysqgk/"
    testapp.get("/ysqgk/", status=200)


def test_a_new_department_gets_them_with_its_groups(browser, wsgi_app):
    admin = browser("admin")
    form = admin.get("/@@admin-site-add", status=200).forms["dept-add"]
    for name, value in {
        "name": "mzj",
        "title": "营山县民政局",
        "short_title": "民政局",
        "organ_code": "008000009",
    }.items():
        form[name] = value
    res = form.submit("add", status="*")
    assert res.status_int == 303, res.text[:2000]
    assert disclosure_columns(wsgi_app, "/mzj") == EXPECTED
    groups = read_root(wsgi_app, lambda root: sorted(root["principals"]["groups"].keys()))
    assert "民政局编辑" in groups and "民政局审核" in groups
    positions = read_root(wsgi_app, lambda root: [root["mzj"][n].position for n, _t in EXPECTED])
    assert positions == sorted(positions)


def test_the_publisher_defaults_to_the_department_or_the_portal(browser, wsgi_app, testapp):
    editor = browser("jyj_editor")
    empty = add_document(editor, "/jyj/gzdt/", "未填发布机构")
    typed = add_document(editor, "/jyj/gzdt/", "已填发布机构", publisher="营山县教育局办公室")
    portal = add_document(browser("portal_editor"), "/tzgg/", "门户通知")
    assert attribute(wsgi_app, empty, "publisher") == "营山县教育局"
    assert attribute(wsgi_app, typed, "publisher") == "营山县教育局办公室"
    assert attribute(wsgi_app, portal, "publisher") == "营山县人民政府"
    # emptied on edit: the default again
    assert post_properties(editor, typed, "已填发布机构", publisher="").status_int == 303
    assert attribute(wsgi_app, typed, "publisher") == "营山县教育局"
    # created without a form too, and indexed with it: the catalogue facet counts it
    publish_documents(
        wsgi_app,
        "/wjj/gzdt/",
        [{"name": "x", "title": "卫健局动态"}],
        editor="wjj_editor",
        reviewer="wjj_reviewer",
    )
    assert "营山县卫生健康局（1）" in testapp.get("/wjj/@@catalog").text
