"""Who may do what with special topics: portal editors create and gather,
portal reviewers open and archive (four eyes); department editors,
anonymous visitors and forged posts are refused, nothing written; foreign
or unpublished items cannot be picked; banners are checked by content and
size."""

import pytest
from pyramid.traversal import find_resource

from govportal.topics.picks import picked_into
from tests.conftest import read_root

from .helpers import oid_of, png_bytes, state_of

WEBP = (
    b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00"
    b"\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
)


def picks(app, path):
    return read_root(app, lambda root: tuple(picked_into(find_resource(root, path))))


@pytest.fixture
def editor(browser, topics_site):
    return browser("portal_editor")


def test_department_editor_cannot_create_or_gather(browser, topics_site, wsgi_app):
    jyj = browser("jyj_editor")
    token = jyj.csrf("/@@workspace")
    jyj.get("/@@special-topics-admin", status=403)
    jyj.post(
        "/@@special-topics-admin",
        {"title": "部门专题", "name": "bmzt", "csrf_token": token},
        status=403,
    )
    oid = oid_of(wsgi_app, "/jyj/gzdt/jyj-0/")
    jyj.post(
        "/yhyshj/zccs/@@topic-pick",
        {"item": str(oid), "action": "pick", "csrf_token": token},
        status=403,
    )
    jyj.get("/yhyshj/zccs/@@topic-column", status=403)
    jyj.post("/yhyshj/@@topic-edit", {"title": "改名", "csrf_token": token}, status=403)
    assert read_root(wsgi_app, lambda root: "bmzt" not in root)
    assert picks(wsgi_app, "/jyj/gzdt/jyj-0/") == ()


def test_anonymous_gets_not_found(testapp, topics_site):
    testapp.get("/@@special-topics-admin", status=404)
    testapp.get("/yhyshj/@@topic-manage", status=404)
    testapp.get("/yhyshj/zccs/@@topic-column", status=404)
    testapp.post("/yhyshj/zccs/@@topic-pick", {"item": "1", "action": "pick"}, status=(400, 404))


def test_forged_post_is_refused(editor, wsgi_app):
    oid = oid_of(wsgi_app, "/jyj/gzdt/jyj-0/")
    res = editor.post("/yhyshj/zccs/@@topic-pick", {"item": str(oid), "action": "pick"}, status="*")
    assert res.status_int in (400, 403)
    res = editor.post("/@@special-topics-admin", {"title": "伪造", "name": "forged"}, status="*")
    assert res.status_int in (400, 403)
    assert picks(wsgi_app, "/jyj/gzdt/jyj-0/") == ()
    assert read_root(wsgi_app, lambda root: "forged" not in root)


def test_foreign_and_unpublished_ids(editor, wsgi_app):
    token = editor.csrf("/@@special-topics-admin")
    post = "/yhyshj/zccs/@@topic-pick"
    editor.post(post, {"item": "999999999", "action": "pick", "csrf_token": token}, status=404)
    editor.post(post, {"item": "abc", "action": "pick", "csrf_token": token}, status=404)
    # a column (not a document) and a document of a column that is no topic's
    column = oid_of(wsgi_app, "/jyj/gzdt/")
    data = {"item": str(column), "action": "pick", "csrf_token": token}
    res = editor.post(post, data, status=409)
    assert "只能选用已发布的文稿" in res.text
    doc = oid_of(wsgi_app, "/jyj/gzdt/jyj-0/")
    editor.post(
        "/yw/@@topic-pick", {"item": str(doc), "action": "pick", "csrf_token": token}, status=404
    )
    editor.get("/yw/@@topic-column", status=(403, 404))
    editor.post(post, {"item": str(doc), "action": "steal", "csrf_token": token}, status=400)
    assert picks(wsgi_app, "/jyj/gzdt/jyj-0/") == ()


def test_retracted_item_cannot_be_picked(editor, wsgi_app):
    from tests.public.helpers import transition_as

    transition_as(wsgi_app, "/jyj/gzdt/jyj-0/", "jyj_reviewer", "retract", comment="有误")
    token = editor.csrf("/@@special-topics-admin")
    doc = oid_of(wsgi_app, "/jyj/gzdt/jyj-0/")
    editor.post(
        "/yhyshj/zccs/@@topic-pick",
        {"item": str(doc), "action": "pick", "csrf_token": token},
        status=409,
    )
    assert picks(wsgi_app, "/jyj/gzdt/jyj-0/") == ()


def test_archived_topic_refuses_changes(editor, wsgi_app):
    token = editor.csrf("/@@special-topics-admin")
    doc = oid_of(wsgi_app, "/jyj/gzdt/jyj-0/")
    editor.post(
        "/fxjz2025/gzdt/@@topic-pick",
        {"item": str(doc), "action": "pick", "csrf_token": token},
        status=403,
    )
    editor.post("/fxjz2025/@@topic-edit", {"title": "改名了", "csrf_token": token}, status=403)
    assert picks(wsgi_app, "/jyj/gzdt/jyj-0/") == ()


def _upload(client, token, filename, data, alt="优化营商环境专题横幅", status=303):
    return client.post(
        "/yhyshj/@@topic-banner",
        {"banner_alt": alt, "csrf_token": token},
        upload_files=[("banner", filename, data)],
        status=status,
    )


def test_banner_is_checked_by_content_and_size(editor, wsgi_app, testapp):
    token = editor.csrf("/@@special-topics-admin")
    res = _upload(editor, token, "banner.png", b"MZ\x90\x00 not an image" * 10, status=400)
    assert "PNG、JPEG 或 WebP" in res.text
    wsgi_app.registry.settings["govportal.topics.max_banner_mb"] = "0.5"
    big = png_bytes(size=0) + b"\x00" * (512 * 1024 + 1)
    res = _upload(editor, token, "banner.png", big, status=400)
    assert "不能超过 0.5 MB" in res.text
    res = _upload(editor, token, "banner.png", png_bytes(), alt="", status=400)
    assert read_root(wsgi_app, lambda root: root["yhyshj"].banner) is None
    # a WebP named .jpg: recognised by its bytes
    _upload(editor, token, "banner.jpg", WEBP)
    image = testapp.get("/yhyshj/@@banner")
    assert image.content_type == "image/webp"
    page = testapp.get("/yhyshj/").html
    img = page.find("p", class_="topic-banner").find("img")
    assert img["alt"] == "优化营商环境专题横幅"
    _upload(editor, token, "banner.jpg", WEBP)  # the same again: nothing written
    _upload(editor, token, "b.png", png_bytes())
    assert testapp.get("/yhyshj/@@banner").content_type == "image/png"


def test_reviewer_opens_what_the_editor_made_not_herself(browser, editor, wsgi_app):
    token = editor.csrf("/@@special-topics-admin")
    editor.post(
        "/@@special-topics-admin",
        {"title": "新专题", "name": "xzt", "summary": "简介", "csrf_token": token},
        status=303,
    )
    # the editor cannot approve her own topic (no approve permission)
    editor.post("/xzt/@@transition", {"transition": "submit", "csrf_token": token}, status=303)
    res = editor.post(
        "/xzt/@@transition", {"transition": "approve", "csrf_token": token}, status="*"
    )
    assert res.status_int in (403, 409)
    reviewer = browser("portal_reviewer")
    rtoken = reviewer.csrf("/@@workspace")
    reviewer.post("/xzt/@@transition", {"transition": "approve", "csrf_token": rtoken}, status=303)
    assert state_of(wsgi_app, "/xzt/") == "open"
    jyj_reviewer = browser("jyj_reviewer")
    jtoken = jyj_reviewer.csrf("/@@workspace")
    res = jyj_reviewer.post(
        "/xzt/@@transition", {"transition": "archive", "csrf_token": jtoken}, status="*"
    )
    assert res.status_int in (403, 409)
    reviewer.post("/xzt/@@transition", {"transition": "archive", "csrf_token": rtoken}, status=303)
    assert state_of(wsgi_app, "/xzt/") == "archived"
    reviewer.post("/xzt/@@transition", {"transition": "restore", "csrf_token": rtoken}, status=303)
    assert state_of(wsgi_app, "/xzt/") == "open"
