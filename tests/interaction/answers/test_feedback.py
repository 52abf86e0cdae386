"""“这个回答有帮助吗？”: counted once per visitor (a replay or a second vote
counts nothing), shown to staff as 有帮助率; hot questions: pinned entries
first, then the entries most often given as the best answer, counted without
a write per question (flushed by the periodic job)."""

import re

import transaction

from govportal.bootstrap import site_session
from govportal.interaction.answers import counts

from ...conftest import read_root

ENTRY = "/rsj/hdjl/zswd/sbkbb"


def feedback_form(client, path=ENTRY):
    page = client.get(path + "/", status=200)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    token = re.search(r'name="submission_token" value="([^"]+)"', page.text)
    return page, csrf and csrf.group(1), token and token.group(1)


def helpful(app, path=ENTRY):
    def read(root):
        entry = root
        for part in path.strip("/").split("/"):
            entry = entry[part]
        return counts.figures(entry)

    return read_root(app, read)


def flush(app):
    with site_session(app.registry) as (zodb_root, _request):
        counts.flush(zodb_root["app_root"], app.registry)
        transaction.commit()


def test_feedback_once_per_visitor(wsgi_app, browser):
    visitor = browser()
    page, csrf, token = feedback_form(visitor)
    assert "这个回答有帮助吗？" in page.text
    data = {"csrf_token": csrf, "submission_token": token, "helpful": "yes"}
    res = visitor.post(ENTRY + "/@@ask-feedback", data, status=303)
    assert "感谢您的反馈" in visitor.get(res.location).text
    visitor.post(ENTRY + "/@@ask-feedback", data, status=303)  # a replay
    assert helpful(wsgi_app)[1:] == (1, 0, 100)
    # the form is gone; a forged second vote with a new token counts nothing
    page, _csrf, _token = feedback_form(visitor)
    assert "您已评价过这个回答" in page.text and "这个回答有帮助吗？" not in page.text
    _p, _c, fresh = feedback_form(browser(), ENTRY)
    res = visitor.post(
        ENTRY + "/@@ask-feedback",
        dict(data, submission_token=fresh, helpful="no"),
        headers={"Accept": "application/json"},
        status=(200, 400),
    )
    assert helpful(wsgi_app)[1:] == (1, 0, 100)
    # another visitor
    other = browser()
    _page, csrf, token = feedback_form(other)
    other.post(
        ENTRY + "/@@ask-feedback",
        {"csrf_token": csrf, "submission_token": token, "helpful": "no"},
        status=303,
    )
    assert helpful(wsgi_app)[1:] == (1, 1, 50)
    # no CSRF token: refused, nothing counted
    third = browser()
    _page, _csrf, token = feedback_form(third)
    third.post(ENTRY + "/@@ask-feedback", {"submission_token": token, "helpful": "no"}, status=400)
    assert helpful(wsgi_app)[1:] == (1, 1, 50)
    # staff see the rate
    item = browser("rsj_editor").get(ENTRY + "/@@ws-item")
    assert "有帮助率" in item.text and "50%" in item.text


def test_bad_choice_is_refused(browser):
    visitor = browser()
    _page, csrf, token = feedback_form(visitor)
    res = visitor.post(
        ENTRY + "/@@ask-feedback",
        {"csrf_token": csrf, "submission_token": token, "helpful": "maybe"},
        headers={"Accept": "application/json"},
        status=400,
    )
    assert res.json["errors"] == ["请选择“有帮助”或“没帮助”。"]


def hot_titles(client, site=""):
    page = client.get(f"{site}/@@ask")
    block = re.search(r'<ol id="ask-hot">(.*?)</ol>', page.text, re.S).group(1)
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', block)


def test_hot_questions_pinned_first_then_most_asked(wsgi_app, testapp):
    pinned = hot_titles(testapp)[:4]
    assert set(pinned) == {
        "孩子上小学怎么报名？",
        "社保卡丢了怎么补办？",
        "开饭店要办什么证？",
        "公积金怎么提取？",
    }
    for q in ["医保怎么报销", "怎么迁户口", "怎么迁户口", "怎么迁户口", "医保报销要什么材料"]:
        testapp.get("/@@ask.json", {"q": q})
    # asking wrote nothing: the counts wait in this process
    assert helpful(wsgi_app, "/hdjl/zswd/hkqy")[0] == 0
    flush(wsgi_app)
    assert helpful(wsgi_app, "/hdjl/zswd/hkqy")[0] == 3
    assert helpful(wsgi_app, "/hdjl/zswd/ybbx")[0] == 2
    titles = hot_titles(testapp)
    assert titles[4:6] == ["户口怎么迁过来？", "看病的医保怎么报销？"]
    assert len(titles) <= 10
    # a department's own entries come before the others' (after pinned ones)
    jyj = hot_titles(testapp, "/jyj")
    assert jyj[0] == "孩子上小学怎么报名？" and jyj.index("教师资格证怎么认定？") < jyj.index(
        "户口怎么迁过来？"
    )


def test_flush_failure_puts_the_counts_back(wsgi_app, testapp):
    testapp.get("/@@ask.json", {"q": "怎么迁户口"})
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        counts.flush(zodb_root["app_root"], wsgi_app.registry)
        transaction.abort()
    assert sum(counts.pending(wsgi_app.registry).served.values()) == 1  # put back
    flush(wsgi_app)
    assert helpful(wsgi_app, "/hdjl/zswd/hkqy")[0] == 1
    assert not counts.pending(wsgi_app.registry).served
