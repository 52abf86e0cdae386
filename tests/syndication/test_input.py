"""Odd input: a note or reason that is not UTF-8 or far too long, and offer
ids naming other objects, are refused with a Chinese message and a 4xx;
nothing is written."""

from tests.conftest import csrf_token

from .helpers import decide, offer, offers, only_key, publish


def raw_post(client, path, body):
    return client.post(path, body, content_type="application/x-www-form-urlencoded", status="*")


def test_a_note_that_is_not_utf8_is_refused(wsgi_app, browser):
    path = publish(wsgi_app)
    editor = browser("jyj_editor")
    token = csrf_token(editor.get(path + "@@syndicate").text)
    body = b"target=%2Fbmdt%2F&note=%FF%FE%B0&csrf_token=" + token.encode()
    res = raw_post(editor, path + "@@syndicate", body)
    assert res.status_int == 400 and "无效的字符编码" in res.text
    res = offer(editor, path, note="说" * 5000, status=400)
    assert "报送说明不能超过 500 字" in res.text
    assert offers(wsgi_app) == []


def test_a_reason_that_is_not_utf8_or_huge_is_refused(wsgi_app, browser):
    path = publish(wsgi_app)
    offer(browser("jyj_editor"), path)
    key = only_key(wsgi_app)
    reviewer = browser("portal_reviewer")
    token = csrf_token(reviewer.get("/@@syndication-review").text)
    body = f"offer={key}&step=return&reason=%C3%28&csrf_token={token}".encode()
    res = raw_post(reviewer, "/@@syndication-decide", body)
    assert res.status_int == 400 and "无效的字符编码" in res.text
    res = decide(reviewer, key, "return", reason="理" * 100_000, token=token, status=400)
    assert "理由不能超过 500 字" in res.text
    assert offers(wsgi_app) == [(key, "offered", ["offer"])]


def test_offer_ids_of_other_objects_are_unknown(wsgi_app, browser):
    path = publish(wsgi_app)
    offer(browser("jyj_editor"), path)
    key = only_key(wsgi_app)
    document_oid, target_oid = key.split("_")
    reviewer = browser("portal_reviewer")
    token = reviewer.csrf("/@@syndication-review")
    for odd in (f"{target_oid}_{document_oid}", f"{document_oid}_{document_oid}", f"-{key}"):
        decide(reviewer, odd, "accept", token=token, status=404)
    assert offers(wsgi_app) == [(key, "offered", ["offer"])]
