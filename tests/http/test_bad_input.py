"""Bad input over HTTP: refused with a 4xx and a Chinese message, never a 500,
and nothing changes."""

import re
from urllib.parse import quote

import pytest
from webob import Request

from govportal import main
from tests.conftest import Browser, close_app

from .helpers import (
    JSON,
    PDF_BYTES,
    WS_FORM,
    add_attachment,
    add_document,
    admin_settings,
    document_fields,
    edit_document,
    fill,
    history,
    mgmt,
    post_attachment,
    publish,
    replace_attachment_file,
    sdi_transition,
    stored,
    transition,
)

COLUMN = "/jyj/gzdt/"
CHINESE = re.compile(r"[\u4e00-\u9fff]")
SETTINGS_SHEET = "/manage/@@properties/" + quote("站点设置")


@pytest.fixture
def draft(editor):
    return add_document(editor, COLUMN, "输入校验测试稿")


@pytest.fixture
def in_review(editor, draft):
    transition(editor, draft, "submit")
    return draft


@pytest.fixture
def published(reviewer, in_review):
    transition(reviewer, in_review, "approve")
    return in_review


def assert_json_refusal(res, status, *fragments):
    assert res.status_int == status, res.text
    assert res.content_type == "application/json"
    assert res.json["ok"] is False
    (message,) = res.json["errors"][:1]
    assert CHINESE.search(message), message
    for fragment in fragments:
        assert fragment in message, message
    return message


def unchanged(wsgi_app, path, before):
    after = stored(wsgi_app, path)
    assert after == before
    return after


# -- transitions ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["publish_now", "", "SUBMIT", "submit ", "<script>", "草稿"])
def test_unknown_transition_is_400(editor, wsgi_app, draft, name):
    before = stored(wsgi_app, draft)
    res = transition(editor, draft, name, status="*")
    assert_json_refusal(res, 400, "不存在此流程操作")
    unchanged(wsgi_app, draft, before)
    assert history(editor, draft)["history"] == []


def test_unknown_transition_html_answer(editor, wsgi_app, draft):
    before = stored(wsgi_app, draft)
    res = editor.post(
        draft + "@@transition",
        {"transition": "nope", "csrf_token": editor.csrf()},
        status=400,
    )
    assert "text/html" in res.content_type
    assert "不存在此流程操作" in res.text
    assert "稿件未作任何改动" in res.text
    unchanged(wsgi_app, draft, before)


def test_approving_a_draft_is_409(reviewer, wsgi_app, draft):
    before = stored(wsgi_app, draft)
    res = transition(reviewer, draft, "approve", status="*")
    assert_json_refusal(res, 409, "草稿", "审核通过并发布")
    unchanged(wsgi_app, draft, before)


def test_submitting_twice_is_409(editor, wsgi_app, in_review):
    before = stored(wsgi_app, in_review)
    res = transition(editor, in_review, "submit", status="*")
    assert_json_refusal(res, 409, "待审核")
    unchanged(wsgi_app, in_review, before)


@pytest.mark.parametrize("comment", ["", "   ", "\n\t"])
def test_reject_without_comment_is_400(reviewer, wsgi_app, in_review, comment):
    before = stored(wsgi_app, in_review)
    res = transition(reviewer, in_review, "reject", comment=comment, status="*")
    assert_json_refusal(res, 400, "必须填写意见")
    unchanged(wsgi_app, in_review, before)
    # with a reason it goes through
    res = transition(reviewer, in_review, "reject", comment="请补充发布机构")
    assert res.json["state"] == "draft"


def test_retract_without_comment_is_400(reviewer, wsgi_app, published):
    before = stored(wsgi_app, published)
    res = transition(reviewer, published, "retract", status="*")
    assert_json_refusal(res, 400, "撤回发布", "必须填写意见")
    unchanged(wsgi_app, published, before)


def test_reject_in_sdi_tab_is_refused_to_reviewers(reviewer, wsgi_app, in_review):
    """The SDI's workflow tab is the system administrator's only: a reviewer
    is refused there (403) with or without a comment; nothing changes."""
    before = stored(wsgi_app, in_review)
    for comment in ("", "请修改"):
        res = sdi_transition(reviewer, in_review, "reject", comment=comment)
        assert res.status_int == 403
        assert "管理界面仅供系统管理员使用" in res.text
    unchanged(wsgi_app, in_review, before)


def test_stale_form_is_409(editor, reviewer, wsgi_app, in_review):
    before = stored(wsgi_app, in_review)
    # the editor's page still showed the draft
    res = transition(editor, in_review, "submit", expected_state="draft", status="*")
    assert_json_refusal(res, 409, "待审核", "刷新")
    # the reviewer's page was opened before someone else rejected it
    res = transition(reviewer, in_review, "approve", expected_state="draft", status="*")
    assert_json_refusal(res, 409, "刷新")
    unchanged(wsgi_app, in_review, before)
    res = transition(reviewer, in_review, "approve", expected_state="review")
    assert res.json["state"] == "published"


def test_reviewer_who_edited_cannot_approve(reviewer, wsgi_app, in_review):
    """四眼原则: a reviewer who changed the item in review may not approve it."""
    edit_document(reviewer, in_review, title="审核员修改过的标题")
    before = stored(wsgi_app, in_review)
    assert before["title"] == "审核员修改过的标题"
    res = transition(reviewer, in_review, "approve", status="*")
    assert_json_refusal(res, 400, "最后修改人")
    unchanged(wsgi_app, in_review, before)


def test_post_without_csrf_token_is_400(editor, wsgi_app, draft):
    before = stored(wsgi_app, draft)
    for fields in ({"transition": "submit"}, {"transition": "submit", "csrf_token": "forged"}):
        res = editor.post(draft + "@@transition", fields, headers=JSON, status="*")
        assert res.status_int == 400 and "刷新页面" in res.json["errors"][0]
        res = editor.post(draft + "@@transition", fields, status="*")
        assert res.status_int == 400 and "刷新页面" in res.text
    res = editor.post(
        mgmt(draft, "@@workflows"), {"wfid": "main", "transition": "submit"}, status="*"
    )
    assert res.status_int in (400, 403)
    unchanged(wsgi_app, draft, before)
    # the SDI add form without its tokens
    column_before = stored(wsgi_app, COLUMN)
    # the workspace add form without its token, or with a forged one
    tokens = ("csrf_token", "_csrf_token_")
    for forged in (None, "forged-token"):
        form = editor.get(COLUMN + "@@ws-add", status=200).forms[WS_FORM]
        fields = [(k, v) for k, v in fill(form, title="无令牌稿件").submit_fields("save")]
        fields = [(k, forged) if k in tokens else (k, v) for k, v in fields]
        fields = [(k, v) for k, v in fields if v is not None]
        res = editor.post(form.action, fields, content_type=form.enctype, status="*")
        assert res.status_int == 400, res.status
    # the SDI add form: closed before any token is checked
    fields = document_fields("forged-token", "伪造令牌稿件")
    assert editor.post(mgmt(COLUMN, "@@add_document"), fields, status="*").status_int == 403
    assert stored(wsgi_app, COLUMN) == column_before


def test_cross_site_post_from_anonymous_is_refused(testapp, wsgi_app, draft):
    before = stored(wsgi_app, draft)
    res = testapp.post(draft + "@@transition", {"transition": "submit"}, status="*")
    assert res.status_int in (400, 403, 404)
    unchanged(wsgi_app, draft, before)


# -- uploads --------------------------------------------------------------------


def assert_upload_refused(res, wsgi_app, doc, before, message):
    if res.status_int == 200:
        assert message in res.text
        assert res.forms["deform"]  # the form is shown again
    else:
        assert 400 <= res.status_int < 500, res.status
    assert stored(wsgi_app, doc)["names"] == before["names"]


@pytest.mark.parametrize(
    "filename, content, message",
    [
        ("x.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, "文件内容与扩展名"),
        ("report.docx", b"%PDF-1.4 not a zip", "文件内容与扩展名"),
        ("x.exe", b"MZ\x90\x00" + b"\x00" * 100, "不支持该文件类型"),
        ("noextension", PDF_BYTES, "不支持该文件类型"),
        ("empty.pdf", b"", "文件为空"),
    ],
)
def test_bad_upload_is_refused(editor, wsgi_app, draft, filename, content, message):
    before = stored(wsgi_app, draft)
    res = post_attachment(editor, draft, filename, content)
    assert_upload_refused(res, wsgi_app, draft, before, message)


def test_replacing_a_file_with_disguised_bytes_is_refused(editor, wsgi_app, draft):
    attachment = add_attachment(editor, draft, "a.pdf", PDF_BYTES)
    # the SDI sheet 替换文件 is closed to editors
    url = mgmt(attachment, "@@properties/" + quote("替换文件"))
    assert editor.get(url, status="*").status_int == 403
    # replacing the file (what that sheet did) checks the bytes
    with pytest.raises(Exception):  # noqa: B017 - the upload check's refusal
        replace_attachment_file(wsgi_app, attachment, "a.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    assert editor.get(attachment, status=200).body == PDF_BYTES


@pytest.fixture
def small_upload_browser(app_settings):
    """A client of an app whose upload limit is 1 KiB."""
    app = main({}, **dict(app_settings, **{"govportal.max_upload_bytes": "1024"}))
    try:
        yield lambda login: Browser(app).login(login), app
    finally:
        close_app(app)


def test_oversized_upload_is_refused(small_upload_browser):
    make, app = small_upload_browser
    editor = make("jyj_editor")
    doc = add_document(editor, COLUMN, "大文件测试")
    before = stored(app, doc)
    big = PDF_BYTES + b"%" + b"0" * 2048 + b"\n%%EOF\n"
    res = post_attachment(editor, doc, "big.pdf", big)
    assert_upload_refused(res, app, doc, before, "文件过大")
    # a file under the limit is fine
    add_attachment(editor, doc, "small.pdf", PDF_BYTES)
    assert len(stored(app, doc)["names"]) == 1


# -- site settings --------------------------------------------------------------


GOV_CN = "政府网站域名必须以 .gov.cn 结尾"


@pytest.mark.parametrize(
    "domain, message",
    [
        ("www.yingshan.com", GOV_CN),
        ("yingshan.gov.cn.evil.com", GOV_CN),
        ("www.yingshan.gov", GOV_CN),
        ("gov.cn", GOV_CN),
        ("a b.gov.cn", GOV_CN),
        ("http://www.yingshan.gov.cn/", "只填写域名本身"),
        ("", "必需"),  # colander's own message, from its catalogue
    ],
)
def test_invalid_domain_is_refused(browser, testapp, wsgi_app, domain, message):
    admin = browser("admin")
    res = admin_settings(admin, status=400, domain=domain)
    if message != "必需":
        assert message in res.text
    assert stored(wsgi_app, "/")["domain"] == "www.yingshan.gov.cn"
    assert 'content="www.yingshan.gov.cn"' in testapp.get("/").text
    # the SDI's settings sheet is closed to the site administrator
    assert admin.get(SETTINGS_SHEET, status="*").status_int == 403


def test_valid_domain_is_accepted(browser, testapp, wsgi_app):
    admin_settings(browser("admin"), domain=" WWW.YSX.GOV.CN ")
    assert stored(wsgi_app, "/")["domain"] == "www.ysx.gov.cn"
    assert 'content="www.ysx.gov.cn"' in testapp.get("/").text


def test_editor_cannot_post_site_settings(editor, wsgi_app):
    token = editor.csrf(mgmt(COLUMN, "@@add_document"))
    fields = {
        "_csrf_token_": token,
        "csrf_token": token,
        "__formid__": "deform",
        "legal_name": "被篡改",
        "domain": "www.evil.gov.cn",
        "sponsor": "被篡改",
        "save": "save",
    }
    res = editor.post(SETTINGS_SHEET, fields, status="*")
    assert res.status_int == 403
    assert stored(wsgi_app, "/")["domain"] == "www.yingshan.gov.cn"


# -- rich text --------------------------------------------------------------------

SCRIPT_BODY = '<script>alert(1)</script><p onclick=x>hi</p><a href="javascript:alert(2)">a</a>'


def assert_clean(html):
    # the page's own scripts are external files (src=...); no inline script
    assert "<script>" not in html
    assert "alert(" not in html
    assert "onclick" not in html
    assert "javascript:" not in html


def test_script_in_body_is_stored_sanitised(browser, testapp, wsgi_app):
    editor = browser("jyj_editor")
    doc = publish(editor, browser("jyj_reviewer"), COLUMN, "脚本注入测试", SCRIPT_BODY)
    body = stored(wsgi_app, doc)["body"]
    assert_clean(body)
    assert "<p>hi</p>" in body
    page = testapp.get(doc, status=200)
    assert "hi" in page.text
    assert_clean(page.text)


def test_script_added_by_editing_is_sanitised(editor, wsgi_app, draft):
    edit_document(editor, draft, body=SCRIPT_BODY)
    body = stored(wsgi_app, draft)["body"]
    assert_clean(body)
    assert "<p>hi</p>" in body
    assert_clean(editor.get(draft, status=200).text)


def test_script_in_title_is_escaped(browser, testapp):
    title = "<script>alert(3)</script>标题"
    doc = publish(browser("jyj_editor"), browser("jyj_reviewer"), COLUMN, title)
    for url in (doc, COLUMN, "/jyj/"):
        page = testapp.get(url, status=200)
        assert "<script>alert(3)" not in page.text
        assert "&lt;script&gt;alert(3)" in page.text


# -- forbidden SDI pages are 403 for signed-in users --------------------------------


@pytest.mark.parametrize(
    "user, url",
    [
        ("jyj_editor", "/manage/"),
        ("jyj_editor", "/manage/@@properties"),
        ("jyj_editor", SETTINGS_SHEET),
        ("jyj_editor", "/manage/principals/"),
        ("jyj_editor", "/manage/principals/users/"),
        ("jyj_editor", "/manage/catalogs/"),
        ("jyj_editor", "/manage/@@add_department"),
        ("jyj_editor", "/manage/jyj/@@add_column"),
        ("jyj_editor", "/manage/wjj/"),
        ("jyj_editor", "/manage/wjj/gzdt/@@add_document"),
        ("jyj_reviewer", "/manage/jyj/gzdt/@@add_document"),
        ("auditor", "/manage/jyj/gzdt/@@add_document"),
        ("auditor", "/manage/principals/"),
        ("portal_editor", "/manage/jyj/"),
        ("portal_reviewer", "/manage/@@add_column"),
    ],
)
def test_forbidden_sdi_page_is_403(browser, user, url):
    res = browser(user).get(url, status="*")
    assert res.status_int == 403, f"{user} {url}: {res.status}"


# -- nothing a user can send gives a 500 ----------------------------------------------

MALFORMED_GET = [
    "/%ff",
    "/%ff%fe/",
    "/jyj/%c3%28/",
    "/jyj/gzdt/%ff/@@history",
    "/manage/%ff",
    "/manage/@@login?came_from=%ff",
    "/?%ff=%fe",
    "/jyj/?q=%ff%fe%fd",
    "/?" + "a=b&" * 5000,
    "/?" + "x" * 100_000,
    "/?" + "%" * 2000,
    "/?a=%zz&b=%%%&c==&&&=",
    "/jyj/gzdt/@@transition",
    "/jyj/gzdt/@@history",
    "/@@transition",
    "/@@history",
    "/jyj/gzdt/@@add_document",
    "/static/../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/setup.cfg",
    "/..%2f..%2fetc/passwd",
    "/jyj/gzdt/" + "a" * 5000,
    "/" + "/".join(["jyj"] * 200),
    "/manage/jyj/gzdt/@@contents?from=x&to=y",
    "/manage/@@login?came_from=javascript:alert(1)",
    "/zcwj/yingshan-website-regulation-2019/@@history?x=%ff",
    "/zcwj/yingshan-website-regulation-2019/nope.pdf",
    "/zcwj/yingshan-website-regulation-2019/@@transition",
]


def raw_request(wsgi_app, path, method="GET", cookies="", body=None, headers=None):
    """Send ``path`` unmodified (webtest's cookie jar chokes on some of them)."""
    req = Request.blank(path, method=method, headers=headers or {})
    if cookies:
        req.headers["Cookie"] = cookies
    if body is not None:
        req.body = body
    return req.get_response(wsgi_app)


def cookie_header(client):
    return "; ".join(f"{c.name}={c.value}" for c in client.cookiejar)


@pytest.mark.parametrize("user", [None, "jyj_editor", "admin"])
def test_malformed_gets_never_500(browser, wsgi_app, user):
    cookies = cookie_header(browser(user)) if user else ""
    for path in MALFORMED_GET:
        for headers in ({}, JSON, {"X-Requested-With": "XMLHttpRequest"}):
            res = raw_request(wsgi_app, path, cookies=cookies, headers=headers)
            assert res.status_int < 500, f"{user} GET {path[:80]} {headers}: {res.status}"


def test_malformed_posts_never_500(editor, wsgi_app, draft):
    token = editor.csrf()
    cookies = cookie_header(editor)
    form = "application/x-www-form-urlencoded"
    cases = [
        (draft + "@@transition", form, b"transition=%ff%fe&csrf_token=" + token.encode()),
        (draft + "@@transition", form, b"csrf_token=" + token.encode()),
        (draft + "@@transition", form, b"transition=submit&transition=approve&csrf_token=x"),
        (draft + "@@transition", form, ("transition=nope&csrf_token=" + token + "&").encode() * 50),
        (draft + "@@transition", "application/json", b'{"transition": "submit"}'),
        (draft + "@@transition", "multipart/form-data; boundary=zz", b"--zz\r\ngarbage"),
        (draft + "@@transition", "multipart/form-data", b"no boundary"),
        (draft + "@@transition", form, b"\xff\xfe\xfd" * 100),
        (draft + "@@history", form, b"csrf_token=" + token.encode()),
        (COLUMN + "@@transition", form, b"transition=close&csrf_token=" + token.encode()),
        ("/@@transition", form, b"transition=x&csrf_token=" + token.encode()),
        ("/%ff/@@transition", form, b"csrf_token=" + token.encode()),
        (mgmt(draft, "@@workflows"), form, b"wfid=nope&transition=x&csrf_token=" + token.encode()),
        (mgmt(draft, "@@workflows"), form, b"csrf_token=" + token.encode()),
        (mgmt(COLUMN, "@@add_document"), form, b"_csrf_token_=" + token.encode()),
        (
            mgmt(COLUMN, "@@add_document"),
            form,
            b"_csrf_token_=" + token.encode() + b"&__formid__=deform&__start__=x:mapping&add=add",
        ),
        (mgmt(COLUMN, "@@add_document"), "multipart/form-data; boundary=zz", b"--zz\r\nx"),
        (mgmt(draft, "@@add_attachment"), form, b"_csrf_token_=" + token.encode() + b"&add=add"),
        (mgmt(draft, "@@properties"), form, b"_csrf_token_=" + token.encode() + b"&save=save"),
        ("/manage/@@login", form, b"login=%ff&password=x&form.submitted=1"),
        ("/manage/@@login", form, b"login=admin&password=" + b"x" * 100_000),
    ]
    before = stored(wsgi_app, draft)
    column_before = stored(wsgi_app, COLUMN)
    for path, content_type, body in cases:
        for headers in ({}, JSON):
            res = raw_request(
                wsgi_app,
                path,
                method="POST",
                cookies=cookies,
                body=body,
                headers={"Content-Type": content_type, **headers},
            )
            assert res.status_int < 500, f"POST {path} {body[:60]!r}: {res.status}"
    assert stored(wsgi_app, draft) == before
    assert stored(wsgi_app, COLUMN)["names"] == column_before["names"]


def test_invalid_form_values_rerender_the_form(editor, wsgi_app):
    before = stored(wsgi_app, COLUMN)
    bad = [
        {"title": ""},
        {"title": "x" * 201},
        {"title": "日期错误", "written_date": "2024-13-45"},
        {"title": "日期错误", "publish_date": "not a date"},
    ]
    for fields in bad:
        form = editor.get(COLUMN + "@@ws-add", status=200).forms[WS_FORM]
        for name, value in fields.items():
            if name in form.fields:
                form[name] = value
        res = form.submit("save", status="*")
        assert 200 <= res.status_int < 500 and res.status_int != 303, (fields, res.status)
    assert stored(wsgi_app, COLUMN)["names"] == before["names"]


def test_sdi_views_refuse_malformed_fields_without_500(browser, wsgi_app):
    """The system administrator's SDI: malformed fields are 4xx, never 500
    (ACL edits and undo are off altogether: 403)."""
    from tests.sdi.conftest import ensure_administrators

    ensure_administrators(wsgi_app)
    sysadmin = browser("sysadmin")
    token = sysadmin.csrf()
    for fields in (
        {"form.remove": "1"},
        {"form.remove": "1", "index": "x"},
        {"form.move_up": "1", "index": "999"},
        {"form.move_down": "1", "index": "-5"},
        {"form.add": "1"},
        {"form.inherit": "1"},
    ):
        res = sysadmin.post("/manage/jyj/@@acl_edit", dict(fields, csrf_token=token), status="*")
        assert res.status_int == 403, fields
    assert sysadmin.get("/manage/@@undo?first=x", status="*").status_int == 403
    res = sysadmin.get("/manage/jyj/@@contents?from=x&to=y", status="*")
    assert res.status_int == 400
    res = sysadmin.post("/manage/jyj/gzdt/@@workflows", {"csrf_token": token}, status="*")
    assert res.status_int == 400


@pytest.mark.parametrize(
    "came_from,expected",
    [
        ("https://evil.example/phish", "@@history"),
        ("//evil.example/phish", "@@history"),
        ("/jyj/gzdt/", "http://localhost/jyj/gzdt/"),
    ],
)
def test_transition_redirects_only_within_the_site(editor, draft, came_from, expected):
    res = editor.post(
        draft + "@@transition",
        {"transition": "submit", "csrf_token": editor.csrf(), "came_from": came_from},
        status=303,
    )
    assert "evil.example" not in res.location and res.location.endswith(expected)
