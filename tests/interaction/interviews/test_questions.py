"""Citizens' questions to an interview: moderated before they show, stored
exactly once per form (a replay stores nothing), the honeypot stores
nothing, an ended interview takes none, and JSON clients get JSON."""

from .helpers import COMING, PAST, form_fields, post_question, questions_of, session


def _count(testapp, path=COMING):
    with session(testapp) as (root, _request):
        return len(questions_of(root, path))


def test_question_waits_for_moderation_then_shows(testapp, browser):
    before = _count(testapp)
    res = post_question(testapp, text="乡镇卫生院能做胃镜检查吗？我的电话13900001111")
    assert res.location.endswith("#ask")
    page = res.follow()
    assert "已收到，经审核后显示" in page.text
    assert "乡镇卫生院能做胃镜检查吗" not in page.text  # not shown before moderation
    assert _count(testapp) == before + 1
    with session(testapp) as (root, _request):
        question = questions_of(root, COMING)[-1]
        number = question.__name__
        assert question.kind == "question" and question.writer["phone"] == "13800138000"
    editor = browser("portal_editor")
    moderate = editor.get(COMING + "/@@moderate")
    fields = {
        "csrf_token": form_fields(moderate.text)["csrf_token"],
        "submission_token": form_fields(moderate.text)["submission_token"],
        "action": "show",
        "number": number,
    }
    editor.post(COMING + "/@@moderate", fields, status=303)
    shown = testapp.get(COMING).text
    assert "乡镇卫生院能做胃镜检查吗" in shown
    assert "13900001111" not in shown and "13800138000" not in shown


def test_replayed_question_is_stored_once(testapp):
    before = _count(testapp)
    page = testapp.get(COMING)
    fields = dict(form_fields(page.text), text="家庭医生签约要收费吗？")
    first = testapp.post(COMING + "/@@question", fields, status=303)
    again = testapp.post(COMING + "/@@question", fields, status=303)
    assert first.location == again.location
    assert _count(testapp) == before + 1


def test_json_client_gets_number_and_replay_flag(testapp):
    page = testapp.get(COMING)
    fields = dict(form_fields(page.text), text="医保报销比例是多少？")
    headers = {"Accept": "application/json"}
    first = testapp.post(COMING + "/@@question", fields, headers=headers).json
    again = testapp.post(COMING + "/@@question", fields, headers=headers).json
    assert first["ok"] and not first["replayed"]
    assert again["replayed"] and again["number"] == first["number"]
    empty = dict(form_fields(testapp.get(COMING).text), text="  ")
    res = testapp.post(COMING + "/@@question", empty, headers=headers, status=400)
    assert res.json["ok"] is False and res.json["errors"]


def test_honeypot_stores_nothing(testapp):
    before = _count(testapp)
    post_question(testapp, website="http://spam.example")
    assert _count(testapp) == before


def test_empty_question_refused_with_message(testapp):
    before = _count(testapp)
    res = post_question(testapp, status=400, text="   ")
    assert "请填写内容" in res.text
    assert _count(testapp) == before


def test_ended_interview_refuses_questions(testapp):
    page = testapp.get(COMING)  # a form of another interview: a valid session token
    fields = dict(form_fields(page.text), text="还能提问吗？")
    with session(testapp) as (root, _request):
        before = len(questions_of(root, PAST))
    res = testapp.post(PAST + "/@@question", fields, status=400)
    assert "访谈已结束，不再接受提问" in res.text
    with session(testapp) as (root, _request):
        assert len(questions_of(root, PAST)) == before


def test_missing_token_refused(testapp):
    page = testapp.get(COMING)
    fields = {"csrf_token": form_fields(page.text)["csrf_token"], "text": "没有表单标识"}
    before = _count(testapp)
    res = testapp.post(COMING + "/@@question", fields, status=400)
    assert "表单标识" in res.text
    assert _count(testapp) == before
