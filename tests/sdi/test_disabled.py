"""Substance D functions that are off even for the system administrator:
password reset, account/group/ACL edits, undo; and the folder listing's
buttons answer 400 (never 500) to what a client sends."""

import base64

import pytest

from tests.conftest import read_root
from tests.http.helpers import JSON, stored, transition

from .conftest import sdi_post

REGULATION = "/zcwj/yingshan-website-regulation-2019/"


# -- password reset and accounts -----------------------------------------------------


@pytest.mark.parametrize("url", ["/manage/@@resetpassword", "/manage/principals/resets/"])
def test_password_reset_is_gone(sysadmin, testapp, url):
    assert sysadmin.get(url, status="*").status_int == 404
    res = sdi_post(sysadmin, url, {"login": "jyj_editor", "send": "send"})
    assert res.status_int == 404
    # anonymous visitors are sent to the sign-in page
    assert testapp.get(url, status="*").status_int in (302, 303)


@pytest.mark.parametrize(
    "url, fields",
    [
        ("/manage/principals/users/@@add_user", {"login": "x", "password": "y", "add": "add"}),
        ("/manage/principals/groups/@@add_group", {"name": "g", "add": "add"}),
        ("/manage/principals/users/jyj_editor/@@properties", {"email": "a@b.cn", "save": "s"}),
        ("/manage/principals/users/jyj_editor/@@change_password", {"password": "abc"}),
        ("/manage/principals/users/@@contents", {"form.delete": "d", "item-modify": "jyj_editor"}),
        ("/manage/principals/groups/@@contents", {"form.delete": "d", "item-modify": "admins"}),
    ],
)
def test_account_edits_are_refused_with_a_pointer_to_admin(sysadmin, wsgi_app, url, fields):
    before = read_root(
        wsgi_app,
        lambda r: (sorted(r["principals"]["users"]), r["principals"]["users"]["jyj_editor"].email),
    )
    res = sdi_post(sysadmin, url, fields)
    assert res.status_int in (302, 403), res.status
    if res.status_int == 403:
        assert "/@@admin" in res.text and "管理" in res.text
    else:  # change_password: to our own password page (govportal.accounts)
        assert "/@@password" in res.location
    after = read_root(
        wsgi_app,
        lambda r: (sorted(r["principals"]["users"]), r["principals"]["users"]["jyj_editor"].email),
    )
    assert after == before


def test_add_user_form_is_refused(sysadmin):
    res = sysadmin.get("/manage/principals/users/@@add_user", status=403)
    assert "/@@admin" in res.text


def test_acl_edits_are_refused(sysadmin, wsgi_app):
    before = read_root(wsgi_app, lambda r: list(r["jyj"].__acl__))
    res = sdi_post(
        sysadmin,
        "/manage/jyj/@@acl_edit",
        {"form.add": "1", "verb": "Allow", "principal": "system.Everyone", "permissions": "edit"},
    )
    assert res.status_int == 403 and "安全管理员" in res.text
    assert read_root(wsgi_app, lambda r: list(r["jyj"].__acl__)) == before
    assert sysadmin.get("/manage/jyj/@@acl_edit", status=200)


# -- undo -------------------------------------------------------------------------------


def test_undo_tab_answers_a_chinese_refusal_not_500(sysadmin):
    res = sysadmin.get("/manage/@@undo", status=403)
    assert "撤销功能已停用" in res.text
    res = sysadmin.get("/manage/@@undo?first=x", status=403)


def test_undo_of_a_retract_is_refused(browser, sysadmin, wsgi_app):
    res = transition(browser("portal_reviewer"), REGULATION, "retract", comment="内容需要更新")
    assert res.json["state"] == "draft"
    db = wsgi_app.registry._zodb_databases[""]
    (record,) = db.undoLog(0, 1)
    tid = base64.b64encode(record["id"]).decode() + " retract"
    res = sdi_post(sysadmin, "/manage/@@undo_multiple", {"transaction": tid})
    assert res.status_int == 403 and "撤销功能已停用" in res.text
    res = sdi_post(sysadmin, "/manage/@@undo_recent", {"undohash": record.get("undohash", "x")})
    assert res.status_int == 403
    assert stored(wsgi_app, REGULATION)["state"] == "draft"


# -- @@contents never 500 ------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"form.move_finish": "move"},
        {"form.copy_finish": "copy"},
        {"form.move_finish_cancel": "cancel"},
        {"form.copy_finish_cancel": "cancel"},
        {"form.duplicate": "d", "item-modify": "no-such-item"},
        {"form.rename_finish": "rename", "item-rename": "no-such-item", "no-such-item": "x"},
        {"form.rename_finish": "rename", "item-rename": "gzdt"},
        {"form.rename_finish": "rename", "item-rename": "gzdt", "gzdt": "a/b"},
        {"form.rename_finish": "rename", "item-rename": "gzdt", "gzdt": "@@x"},
        {"ajax.reorder": "1", "item-modify": "no-such-item"},
    ],
)
def test_contents_buttons_answer_400_in_chinese(sysadmin, wsgi_app, fields):
    before = stored(wsgi_app, "/jyj/")
    res = sdi_post(sysadmin, "/manage/jyj/@@contents", fields)
    assert res.status_int == 400, res.status
    assert any("\u4e00" <= ch <= "\u9fff" for ch in res.text)
    assert stored(wsgi_app, "/jyj/") == before


def test_finishing_a_move_of_an_item_removed_since_is_400(sysadmin, wsgi_app):
    res = sdi_post(sysadmin, "/manage/jyj/@@contents", {"form.move": "m", "item-modify": "gzdt"})
    assert res.status_int in (302, 303)
    # the session now holds the column's oid; ask for a non-existing one instead
    res = sdi_post(sysadmin, "/manage/wjj/@@contents", {"form.move_finish_cancel": "c"})
    assert res.status_int in (302, 303)
    res = sdi_post(sysadmin, "/manage/wjj/@@contents", {"form.move_finish": "m"})
    assert res.status_int == 400


def test_json_listing_for_the_system_admin(sysadmin):
    res = sysadmin.get(
        "/manage/jyj/@@contents?from=0&to=100",
        headers={**JSON, "X-Requested-With": "XMLHttpRequest"},
        status=200,
    )
    assert "gzdt" in {r["name"] for r in res.json["records"]}
