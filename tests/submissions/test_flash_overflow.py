"""A client that never follows redirects cannot make the session cookie
overflow into a 500 after the commit (govportal.security.session)."""

import transaction
import webtest
from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED

import govportal
from govportal.security.session import MAX_FLASH
from govportal.settings import apply_defaults
from tests.conftest import close_app, read_root


def session_cookie(client):
    return client.cookies.get("session", "")


def make_app(app_settings):
    def write_and_flash(context, request):
        context.flash_probe = getattr(context, "flash_probe", 0) + 1
        request.session.flash("已保存。" + "很长的提示" * int(request.params.get("n", "200")))
        return HTTPSeeOther(request.application_url + "/")

    def stuff_session(context, request):
        context.flash_probe = getattr(context, "flash_probe", 0) + 1
        request.session["junk"] = "x" * 6000  # more than any cookie may hold
        return request.response

    config = Configurator(settings=apply_defaults(dict(app_settings)))
    config.include(govportal.includeme)
    for name, view in (("flashy", write_and_flash), ("stuffy", stuff_session)):
        config.add_view(view, name=name, permission=NO_PERMISSION_REQUIRED, require_csrf=False)
    return config.make_wsgi_app()


def probe(app):
    return read_root(app, lambda root: getattr(root, "flash_probe", 0))


def test_flash_messages_never_overflow_the_cookie(app_settings):
    app = make_app(app_settings)
    try:
        client = webtest.TestApp(app)
        for i in range(40):  # never follows the redirect, so never pops
            res = client.post("/flashy", {"n": str(10 + i * 30)}, status=303)
            assert len(session_cookie(client)) < 4096
        assert probe(app) == 40  # every write committed and answered
        assert res.status_int == 303
        # what is kept is the newest messages, at most MAX_FLASH of them
        shown = client.get("/", status=200)
        assert shown.status_int == 200
        assert MAX_FLASH == 5
    finally:
        transaction.abort()
        close_app(app)


def test_an_oversized_session_never_fails_a_committed_write(app_settings):
    app = make_app(app_settings)
    try:
        client = webtest.TestApp(app)
        res = client.post("/stuffy", status=200)  # not a 500
        assert res.status_int == 200
        assert probe(app) == 1
    finally:
        transaction.abort()
        close_app(app)


def test_drafts_saved_without_following_redirects(browser, wsgi_app):
    editor = browser("jyj_editor")
    for i in range(8):
        form = editor.get("/jyj/gzdt/@@ws-add").forms["ws-document"]
        form["title"] = f"未跟随跳转的稿件 {i}"
        form["body"] = "<p>正文</p>"
        form.submit("save", status=303)  # the redirect is not followed
    cookie = editor.app.cookies.get("session", "")
    assert 0 < len(cookie) < 4096

    def drafts(root):
        return [d for d in root["jyj"]["gzdt"].values() if "未跟随跳转" in (d.title or "")]

    assert len(read_root(wsgi_app, drafts)) == 8
