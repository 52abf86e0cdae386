"""管理 pages for the settings that were edited through SDI property sheets:
a column's 栏目设置 (``<column>/@@admin-column-edit``), the portal's 网站标志
(``/@@admin-logo``) and 索引号设置 (``/@@admin-indexnumber``).

Each page: the happy path through the form, validation errors in Chinese
(4xx, nothing written, JSON when asked), the authorization matrix (only the
site administrator gets in), a forged POST without CSRF, a replayed POST
that changes nothing twice; for the emblem, a non-image, a disguised and an
oversized file refused (and no temporary file left behind).
"""

import os
import struct
import zlib

import pytest
from webtest import Upload

from govportal.security.events import ActionRecorded
from tests.conftest import csrf_token, read_root

from .conftest import ROLES

JSON = {"Accept": "application/json"}
COLUMN = "/zcwj/"
DEPT_COLUMN = "/jyj/gzdt/"


def png(width=2, height=2, pad=0):
    """A real PNG of ``width`` x ``height`` pixels, ``pad`` bytes of
    ancillary data making it larger."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\0" + b"\xc0\x30\x30" * width for _ in range(height))
    head = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    extra = chunk(b"tEXt", b"Comment\0" + b"x" * pad) if pad else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", head)
        + extra
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PNG = png()
OTHER_PNG = png(3, 3)


@pytest.fixture
def actions(wsgi_app):
    seen = []
    wsgi_app.registry.registerHandler(lambda e: seen.append(e), (ActionRecorded,))
    return seen


def changes(actions):
    return [(a.target, dict(a.details or {})) for a in actions if a.action == "settings.change"]


@pytest.fixture
def admin(client):
    return client("site_admin")


def column_values(app, path=COLUMN):
    def read(root):
        node = root
        for name in [n for n in path.split("/") if n]:
            node = node[name]
        return {n: getattr(node, n) for n in ("title", "kind", "description", "position")}

    return read_root(app, read)


def logo_state(app):
    def read(root):
        logo = getattr(root, "logo", None)
        if logo is None:
            return None
        with logo.blob.open("r") as f:
            return (logo.title, str(logo.mimetype), f.read(), logo.get_etag())

    return read_root(app, read)


def index_settings(app):
    return read_root(
        app,
        lambda root: (
            getattr(root, "index_number_pattern", None),
            getattr(root, "portal_organ_code", None),
        ),
    )


def tempfiles(app):
    tempdir = app.registry.settings["substanced.uploads_tempdir"]
    return sorted(os.listdir(tempdir)) if os.path.isdir(tempdir) else []


# -- 栏目设置 -------------------------------------------------------------------------------


def test_column_settings_are_edited_and_shown(admin, wsgi_app, testapp, actions):
    assert "政策文件库" not in testapp.get("/").text  # the home page is now in the render cache
    sites = admin.get("/@@admin-sites")
    assert "http://localhost/zcwj/@@admin-column-edit" in sites.text
    assert "http://localhost/jyj/gzdt/@@admin-column-edit" in sites.text
    res = admin.get(COLUMN + "@@admin-column-edit")
    assert "栏目设置" in res.text and "栏目名称" in res.text and "style=" not in res.text
    form = res.forms["column-edit"]
    assert form["title"].value == column_values(wsgi_app)["title"]
    form["title"] = "政策文件库"
    form["description"] = "县政府及部门的规范性文件"
    form["kind"] = "policy"
    res = form.submit("save", status=303)
    assert res.location.endswith("/@@admin-sites#site-portal")
    assert "栏目“政策文件库”的设置已保存" in res.follow().text
    values = column_values(wsgi_app)
    assert values["title"] == "政策文件库" and values["description"] == "县政府及部门的规范性文件"
    assert [t for t, _d in changes(actions)] == ["column.title", "column.description"] or sorted(
        t for t, _d in changes(actions)
    ) == ["column.description", "column.title"]
    assert all(d["column"] == "/zcwj" for _t, d in changes(actions))
    # the public pages follow (render cache, catalog)
    assert "政策文件库" in testapp.get("/").text
    assert "政策文件库" in testapp.get(COLUMN).text
    assert "县政府及部门的规范性文件" in testapp.get(COLUMN + "rss.xml").text
    # a department's column, through JSON
    form = admin.get(DEPT_COLUMN + "@@admin-column-edit").forms["column-edit"]
    form["position"] = "5"
    res = form.submit("save", headers=JSON, status=200)
    assert res.json == {"ok": True, "changed": ["position"]}
    assert column_values(wsgi_app, DEPT_COLUMN)["position"] == 5


def test_bad_column_settings_are_refused_in_chinese(admin, wsgi_app):
    before = column_values(wsgi_app)
    cases = (
        ({"title": ""}, "栏目名称"),
        ({"title": "长" * 61}, "栏目名称"),
        ({"position": "第一"}, "排序"),
        ({"description": "说" * 501}, "栏目说明"),
    )
    for fields, label in cases:
        form = admin.get(COLUMN + "@@admin-column-edit").forms["column-edit"]
        for name, value in fields.items():
            form[name] = value
        res = form.submit("save", status=400)
        assert label in res.text and "error" in res.text, fields
        form = admin.get(COLUMN + "@@admin-column-edit").forms["column-edit"]
        for name, value in fields.items():
            form[name] = value
        res = form.submit("save", headers=JSON, status=400)
        assert res.json["ok"] is False and res.json["errors"], fields
        assert any(_is_chinese(e) for e in res.json["errors"]), res.json
    # a kind that is not offered, forged into the POST
    token = admin.csrf(COLUMN + "@@admin-column-edit")
    fields = {"_csrf_token_": token, "csrf_token": token, "__formid__": "column-edit"}
    fields.update(title="伪造", kind="bogus", description="", position="1", save="save")
    res = admin.post(COLUMN + "@@admin-column-edit", fields, headers=JSON, status=400)
    assert any(e.startswith("栏目类型：") for e in res.json["errors"])
    assert column_values(wsgi_app) == before


def _is_chinese(text):
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_column_settings_replayed_change_nothing_twice(admin, wsgi_app, actions):
    form = admin.get(COLUMN + "@@admin-column-edit").forms["column-edit"]
    form["title"] = "规范性文件"
    first = form.submit("save", status=303)
    assert "已保存" in first.follow().text
    again = form.submit("save", status=303)  # the same POST, replayed
    assert "没有修改任何设置" in again.follow().text
    assert [t for t, _d in changes(actions)] == ["column.title"]
    assert column_values(wsgi_app)["title"] == "规范性文件"


def test_column_edit_is_for_columns_only(admin):
    for path in ("/@@admin-column-edit", "/jyj/@@admin-column-edit"):
        assert admin.get(path, status="*").status_int == 404, path


# -- 网站标志 -------------------------------------------------------------------------------


def upload_logo(client, filename, data, status=303, headers=None):
    form = client.get("/@@admin-logo").forms["logo"]
    form["upload"] = Upload(filename, data)
    return form.submit("save", status=status, headers=headers or {})


def test_admin_uploads_and_removes_the_emblem(admin, wsgi_app, testapp, actions):
    home = testapp.get("/").text  # now in the render cache
    assert '<img src="http://localhost/@@logo"' in home
    assert testapp.get("/@@logo").content_type == "image/svg+xml"
    page = admin.get("/@@admin-logo")
    assert "当前使用网站皮肤自带的默认标志" in page.text and "style=" not in page.text
    assert "不超过 1 MB" in page.text
    res = upload_logo(admin, "emblem.png", PNG)
    assert "网站标志已更新" in res.follow().text
    assert logo_state(wsgi_app)[:3] == ("emblem.png", "image/png", PNG)
    logo = testapp.get("/@@logo")
    assert logo.content_type == "image/png" and logo.body == PNG
    # the public header (cached page replaced) still names /@@logo, now the new image
    assert '<img src="http://localhost/@@logo"' in testapp.get("/").text
    page = admin.get("/@@admin-logo")
    assert "已上传：emblem.png" in page.text
    # replaced by another image
    upload_logo(admin, "new.png", OTHER_PNG)
    assert testapp.get("/@@logo").body == OTHER_PNG
    # removed: back to the skin's emblem
    res = page.forms["logo-remove"].submit("remove", status=303)
    assert "恢复默认标志" in res.follow().text
    assert logo_state(wsgi_app) is None
    assert testapp.get("/@@logo").content_type == "image/svg+xml"
    assert changes(actions)[0] == (
        "logo",
        {"filename": "emblem.png", "mimetype": "image/png", "size": len(PNG)},
    )
    assert changes(actions)[-1] == ("logo", {"removed": "new.png"})
    assert len(changes(actions)) == 3
    assert tempfiles(wsgi_app) == []


def test_bad_emblems_are_refused_and_nothing_changes(admin, wsgi_app, testapp):
    upload_logo(admin, "emblem.png", PNG)
    before = logo_state(wsgi_app)
    big = png(pad=1024 * 1024 + 512 * 1024)  # a real PNG of 1.5 MB: over the emblem's limit
    assert len(big) < 2 * 1024 * 1024  # under the request body limit
    cases = (
        ("emblem.pdf", b"%PDF-1.4 x", "不支持该文件类型"),
        ("emblem.exe", b"MZ\x90\x00" + b"\0" * 64, "不支持该文件类型"),
        ("emblem.png", b"MZ\x90\x00" + b"\0" * 64, "不符"),
        ("emblem.gif", PNG, "不符"),
        ("emblem.png", b"", "文件为空"),
        ("big.png", big, "文件过大"),
    )
    for filename, data, message in cases:
        res = upload_logo(admin, filename, data, status=400)
        assert message in res.text, (filename, message)
        res = upload_logo(admin, filename, data, status=400, headers=JSON)
        assert res.json["ok"] is False and any(message in e for e in res.json["errors"])
        assert logo_state(wsgi_app) == before, filename
    # no file chosen
    form = admin.get("/@@admin-logo").forms["logo"]
    res = form.submit("save", status=400)
    assert "请选择要上传的图片" in res.text
    # a body over the request limit is refused before anything reads it
    huge = png(pad=3 * 1024 * 1024)
    res = upload_logo(admin, "huge.png", huge, status=413)
    assert "提交的内容过大" in res.text
    assert logo_state(wsgi_app) == before
    assert testapp.get("/@@logo").body == PNG
    assert tempfiles(wsgi_app) == []


def test_emblem_replayed_changes_nothing_twice(admin, wsgi_app, actions):
    form = admin.get("/@@admin-logo").forms["logo"]
    form["upload"] = Upload("emblem.png", PNG)
    form.submit("save", status=303)
    first = logo_state(wsgi_app)
    res = form.submit("save", status=303)  # the same POST, replayed
    assert "没有修改任何设置" in res.follow().text
    assert logo_state(wsgi_app) == first  # same blob, same serial
    remove = admin.get("/@@admin-logo").forms["logo-remove"]
    remove.submit("remove", status=303)
    res = remove.submit("remove", status=303)
    assert "没有修改任何设置" in res.follow().text
    assert [t for t, _d in changes(actions)] == ["logo", "logo"]
    assert tempfiles(wsgi_app) == []


# -- 索引号设置 -------------------------------------------------------------------------------


def save_indexnumber(client, status=303, headers=None, **fields):
    form = client.get("/@@admin-indexnumber").forms["indexnumber"]
    for name, value in fields.items():
        form[name] = value
    return form.submit("save", status=status, headers=headers or {})


def test_index_number_settings_are_edited(admin, wsgi_app, actions):
    page = admin.get("/@@admin-indexnumber")
    assert "索引号格式" in page.text and "{organ_code}：机构代码" in page.text
    form = page.forms["indexnumber"]
    assert form["index_number_pattern"].value == "{organ_code}/{year}-{seq:05d}"
    assert form["portal_organ_code"].value == "008000000"
    res = save_indexnumber(admin, index_number_pattern="营山-{organ_code}-{year}-{seq:04d}")
    assert "索引号设置已保存" in res.follow().text
    assert index_settings(wsgi_app) == ("营山-{organ_code}-{year}-{seq:04d}", "008000000")
    assert changes(actions) == [
        (
            "index_number_pattern",
            {"old": "{organ_code}/{year}-{seq:05d}", "new": "营山-{organ_code}-{year}-{seq:04d}"},
        )
    ]
    res = save_indexnumber(admin, headers=JSON, status=200, portal_organ_code="008000009")
    assert res.json == {"ok": True, "changed": ["portal_organ_code"]}
    assert index_settings(wsgi_app)[1] == "008000009"


def test_bad_index_number_settings_are_refused_in_chinese(admin, wsgi_app, actions):
    cases = (
        ({"index_number_pattern": "{dept}/{year}-{seq}"}, "未知的占位符 {dept}"),
        ({"index_number_pattern": "{organ_code}/{year}"}, "必须包含且只包含一个 {seq}"),
        ({"index_number_pattern": "{organ_code}/{year}-{seq"}, "花括号不匹配"),
        ({"index_number_pattern": "{seq}", "portal_organ_code": "bad code"}, "机构代码为6至18位"),
    )
    for fields, message in cases:
        res = save_indexnumber(admin, status=400, **fields)
        assert message in res.text, message
        res = save_indexnumber(admin, status=400, headers=JSON, **fields)
        assert any(message in e for e in res.json["errors"]), res.json
    assert index_settings(wsgi_app) == (None, "008000000")
    assert changes(actions) == []


def test_index_number_replayed_changes_nothing_twice(admin, wsgi_app, actions):
    form = admin.get("/@@admin-indexnumber").forms["indexnumber"]
    form["index_number_pattern"] = "{organ_code}-{year}-{seq}"
    form.submit("save", status=303)
    res = form.submit("save", status=303)  # replayed
    assert "没有修改任何设置" in res.follow().text
    assert len(changes(actions)) == 1
    # saving the form unchanged writes nothing either (the default stays a default)
    admin.get("/@@admin-indexnumber").forms["indexnumber"].submit("save", status=303)
    assert len(changes(actions)) == 1


# -- links -----------------------------------------------------------------------------------


def test_new_pages_are_linked(admin):
    home = admin.get("/@@admin").text
    settings = admin.get("/@@admin-settings").text
    sites = admin.get("/@@admin-sites").text
    for url in ("http://localhost/@@admin-logo", "http://localhost/@@admin-indexnumber"):
        assert url in home and url in settings and url in sites, url
    # a department's settings page has no portal-wide links
    assert "@@admin-logo" not in admin.get("/jyj/@@admin-settings").text


def test_pages_have_no_inline_script_or_style(admin):
    from tests.hardening.test_inline_script import offences

    upload_logo(admin, "emblem.png", PNG)  # the emblem page with its removal form
    for path, formid in PAGES:
        res = admin.get(path)
        assert offences(res.text) == [], path
        assert "style=" not in res.text and "<style" not in res.text, path
        assert res.forms[formid] is not None
        assert "no-store" in res.headers["Cache-Control"], path


# -- authorization and forged posts -----------------------------------------------------------

PAGES = (
    (COLUMN + "@@admin-column-edit", "column-edit"),
    (DEPT_COLUMN + "@@admin-column-edit", "column-edit"),
    ("/@@admin-logo", "logo"),
    ("/@@admin-indexnumber", "indexnumber"),
)


def snapshot(app):
    return (
        column_values(app),
        column_values(app, DEPT_COLUMN),
        logo_state(app),
        index_settings(app),
    )


def post_fields(path, token):
    fields = {"csrf_token": token, "_csrf_token_": token}
    if "column-edit" in path:
        fields.update(
            __formid__="column-edit",
            title="越权修改",
            kind="other",
            description="",
            position="1",
            save="save",
        )
    elif "admin-logo" in path:
        fields.update(remove="remove")
    else:
        fields.update(
            __formid__="indexnumber",
            index_number_pattern="{seq}",
            portal_organ_code="008000000",
            save="save",
        )
    return fields


@pytest.mark.parametrize("role", ROLES)
def test_only_the_site_administrator_gets_in(role, client, wsgi_app, admin):
    upload_logo(admin, "emblem.png", PNG)  # so that a removal would change something
    c = client(role)
    token = csrf_token(c.get("/@@login").text)
    for path, _formid in PAGES:
        before = snapshot(wsgi_app)
        get = c.get(path, status="*").status_int
        post = c.post(path, post_fields(path, token), status="*").status_int
        if role == "site_admin":
            assert (get, post) == (200, 303), (path, get, post)
            continue
        if role == "anonymous":
            assert get in (302, 303, 403, 404) and post in (302, 303, 403, 404), (path, get, post)
        else:
            assert (get, post) == (403, 403), (role, path, get, post)
        assert snapshot(wsgi_app) == before, (role, path)


def test_forged_posts_without_csrf_change_nothing(admin, browser, wsgi_app):
    upload_logo(admin, "emblem.png", PNG)
    other = csrf_token(browser().get("/@@login").text)  # another session's token
    before = snapshot(wsgi_app)
    for path, _formid in PAGES:
        for token in (None, "forged", other):
            fields = post_fields(path, token or "")
            if token is None:
                fields.pop("csrf_token"), fields.pop("_csrf_token_")
            res = admin.post(path, fields, status="*")
            assert res.status_int == 400, (path, token, res.status_int)
    # a forged upload (multipart) neither
    fields = [("save", "save"), ("csrf_token", other), ("_csrf_token_", other)]
    res = admin.post(
        "/@@admin-logo",
        fields,
        upload_files=[("upload", "evil.png", OTHER_PNG)],
        status="*",
    )
    assert res.status_int == 400
    assert snapshot(wsgi_app) == before
    assert tempfiles(wsgi_app) == []
