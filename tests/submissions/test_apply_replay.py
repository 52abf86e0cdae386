"""@@apply counts once: double submit, refresh, JSON replay, and refusals."""

import pytest

from govportal.applications.model import code_hash
from tests.applications.conftest import person_fields

from .helpers import JSON, applications, apply_form, count, ledger_size, shown


def test_two_posts_with_one_token_store_one_application(testapp, wsgi_app, today, outbox):
    path, fields = apply_form(testapp)
    first = testapp.post(path, fields, status=200)
    number, code = shown(first)
    assert "此前已经提交成功" not in first.text
    second = testapp.post(path, fields, status=200)  # the double click / back-and-resubmit
    assert shown(second) == (number, code)
    assert "此前已经提交成功" in second.text
    stored = applications(wsgi_app)
    assert len(stored) == 1
    assert stored[0][0] == number and stored[0][1] == code_hash(code)  # only the code's hash
    assert ledger_size(wsgi_app) == 1
    # the applicant got one mail, the handlers one
    assert len([m for m in outbox if m.recipients == ["zhangsan@example.com"]]) == 1


def test_browser_refresh_of_the_post_stores_once(testapp, wsgi_app, today):
    path, fields = apply_form(testapp)
    first = testapp.post(path, fields, status=200)
    # a refresh re-sends exactly the request the browser made last
    again = testapp.do_request(first.request.copy(), status=200)
    assert shown(again) == shown(first)
    assert count(wsgi_app) == 1


def test_the_token_survives_a_form_with_errors(testapp, wsgi_app, today):
    path, fields = apply_form(testapp)
    bad = testapp.post(path, dict(fields, id_number="123"), status=400)
    assert f'value="{fields["submission_token"]}"' in bad.text  # shown again with the form
    assert count(wsgi_app) == 0
    good = testapp.post(path, fields, status=200)
    again = testapp.post(path, fields, status=200)
    assert shown(good) == shown(again)
    assert count(wsgi_app) == 1


def test_json_client_gets_its_tokens_and_a_replay_answers_the_first_result(
    testapp, wsgi_app, today
):
    tokens = testapp.get("/@@apply", headers=JSON, status=200).json
    assert tokens["ok"] is True and tokens["csrf_token"] and tokens["submission_token"]
    headers = dict(JSON, **{"X-Submission-Token": tokens["submission_token"]})
    data = dict(person_fields(), csrf_token=tokens["csrf_token"])
    first = testapp.post("/@@apply", data, headers=headers, status=200).json
    assert first["ok"] is True and first["replayed"] is False
    assert first["number"] == "008000000-2026-0001"  # the portal's organ code
    second = testapp.post("/@@apply", data, headers=headers, status=200).json
    assert second == dict(first, replayed=True)
    assert count(wsgi_app, "") == 1


def test_each_form_shown_is_one_application(testapp, wsgi_app, today):
    numbers = set()
    for _ in range(3):
        path, fields = apply_form(testapp)
        numbers.add(shown(testapp.post(path, fields, status=200))[0])
    assert numbers == {"008000001-2026-0001", "008000001-2026-0002", "008000001-2026-0003"}
    assert count(wsgi_app) == 3


# -- refusals -----------------------------------------------------------------


def test_missing_token_is_refused(testapp, wsgi_app, today):
    path, fields = apply_form(testapp)
    del fields["submission_token"]
    res = testapp.post(path, fields, status=400)
    assert "表单标识" in res.text
    res = testapp.post(path, fields, headers=JSON, status=400)
    assert res.json["ok"] is False and "表单标识" in res.json["errors"][0]
    assert count(wsgi_app) == 0 and ledger_size(wsgi_app) == 0


@pytest.mark.parametrize(
    "forge",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # signature changed
        lambda t: t.replace(t.split(".")[2], "A" * 22),  # nonce changed
        lambda t: "apply.1.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",  # made up
        lambda t: "x" * 5000,  # oversized
        lambda t: "<script>alert(1)</script>",
    ],
)
def test_forged_tokens_are_refused(testapp, wsgi_app, today, forge):
    path, fields = apply_form(testapp)
    fields["submission_token"] = forge(fields["submission_token"])
    res = testapp.post(path, fields, status=400)
    assert "表单标识无效" in res.text and "<script>alert" not in res.text
    assert count(wsgi_app) == 0


def test_a_token_of_another_session_is_refused(wsgi_app, today):
    import webtest

    alice, mallory = webtest.TestApp(wsgi_app), webtest.TestApp(wsgi_app)
    path, alice_fields = apply_form(alice)
    _path, mallory_fields = apply_form(mallory)
    stolen = dict(mallory_fields, submission_token=alice_fields["submission_token"])
    res = mallory.post(path, stolen, status=400)
    assert "不属于当前会话" in res.text
    # alice's own submission still works, once
    first = alice.post(path, alice_fields, status=200)
    assert shown(alice.post(path, alice_fields, status=200)) == shown(first)
    # and mallory cannot replay it to read alice's number and code
    res = mallory.post(path, stolen, status=400)
    assert shown(first)[1] not in res.text
    assert count(wsgi_app) == 1


def test_a_token_of_another_form_is_refused(browser, wsgi_app, today):
    from tests.conftest import csrf_token

    editor = browser("jyj_editor")
    page = editor.get("/jyj/gzdt/@@ws-add", status=200)
    ws_token = page.forms["ws-document"]["submission_token"].value
    assert ws_token.startswith("ws-add.")
    _path, fields = apply_form(editor)
    fields["submission_token"] = ws_token
    res = editor.post("/jyj/@@apply", fields, status=400)
    assert "不属于此表单" in res.text
    assert count(wsgi_app) == 0
    # nor the other way round: an apply token on the workspace form
    form = editor.get("/jyj/gzdt/@@ws-add", status=200).forms["ws-document"]
    form["title"] = "关于开展校园安全检查的通知"
    form["submission_token"] = apply_form(editor)[1]["submission_token"]
    res = form.submit("save", status=400)
    assert "不属于此表单" in res.text
    assert csrf_token(page.text)


def test_an_expired_token_is_refused(testapp, wsgi_app, today):
    import time

    path, fields = apply_form(testapp)
    wsgi_app.registry.settings["govportal.submissions.max_age_hours"] = "0.0002"  # 0.72 s
    time.sleep(1.0)
    res = testapp.post(path, fields, status=400)
    assert "表单已过期" in res.text
    assert count(wsgi_app) == 0


def test_an_oversized_body_is_refused_and_stores_nothing(testapp, wsgi_app, today):
    path, fields = apply_form(testapp)
    fields["description"] = "申" * (3 * 1024 * 1024)
    res = testapp.post(path, fields, status=413, expect_errors=True)
    assert res.status_int == 413
    assert count(wsgi_app) == 0 and ledger_size(wsgi_app) == 0
    # the token is still good for the real submission
    testapp.post(path, dict(fields, description="2025年全县义务教育学校布局调整方案"), status=200)
    assert count(wsgi_app) == 1
