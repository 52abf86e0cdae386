"""The staff's live page: transcript entries (polled by the public page),
photos checked by their bytes, answers linked to the question; only the
interview's own site's staff (a jyj editor cannot write to an rsj
interview); a replayed entry is stored once."""

import re
from datetime import timedelta

import pytest

from govportal import sitetime
from govportal.workflow import get_workflow

from .helpers import COMING, PAST, form_fields, questions_of, resource, session

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
RSJ = "/rsj/hdjl/zxft-rsj"


def _form(html, action):
    """The hidden fields of the live page's form whose ``action`` is given."""
    form = re.search(
        rf'<form[^>]*>(?:(?!</form>).)*?name="action" value="{action}".*?</form>', html, re.S
    ).group(0)
    return dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', form))


@pytest.fixture
def rsj_interview(testapp):
    """A published, live interview of 人社局 (its own 互动交流 column)."""
    with session(testapp, "rsj_editor") as (root, as_editor):
        registry = as_editor.registry
        dept = root["rsj"]
        if "hdjl" not in dept:
            dept["hdjl"] = registry.content.create(
                "Column", title="互动交流", kind="interaction", position=9
            )
        now = sitetime.now_utc()
        item = registry.content.create(
            "Interview",
            title="就业创业政策解读",
            guests=({"name": "周平", "position": "县人社局局长"},),
            starts_at=now - timedelta(minutes=30),
            ends_at=now + timedelta(hours=1),
        )
        dept["hdjl"]["zxft-rsj"] = item
        workflow = get_workflow(item, registry)
        workflow.transition(item, as_editor, "submit")
    with session(testapp, "rsj_reviewer") as (root, as_reviewer):
        item = resource(root, RSJ)
        get_workflow(item, as_reviewer.registry).transition(item, as_reviewer, "approve")
    return RSJ


def test_other_departments_editor_cannot_write_the_transcript(browser, rsj_interview):
    jyj = browser("jyj_editor")
    jyj.get(rsj_interview + "/@@live", status=403)
    token = jyj.csrf(rsj_interview)
    fields = {"csrf_token": token, "action": "entry", "speaker": "host", "text": "越权"}
    jyj.post(rsj_interview + "/@@live", fields, status=403)
    rsj = browser("rsj_editor")
    page = rsj.get(rsj_interview + "/@@live")
    assert "发布直播内容" in page.text
    fields = dict(_form(page.text, "entry"), speaker="guest-0", text="欢迎各位网友。")
    rsj.post(rsj_interview + "/@@live", fields, status=303)
    entries = rsj.get(rsj_interview + "/@@transcript.json?since=0").json["entries"]
    assert [e["text"] for e in entries] == ["欢迎各位网友。"]
    assert entries[0]["speaker"] == "县人社局局长周平" and entries[0]["role"] == "guest"


def test_anonymous_is_sent_to_login_from_live_page(testapp):
    res = testapp.get(PAST + "/@@live", status=302)
    assert "/@@login" in res.location
    fields = {"action": "entry", "speaker": "host", "text": "x"}
    testapp.post(PAST + "/@@live", fields, status=400)  # no CSRF token: nothing done


def test_live_entry_answers_question_and_is_polled(browser, testapp, rsj_interview):
    # a citizen asks during the interview
    page = testapp.get(rsj_interview)
    assert "正在直播" in page.text
    fields = dict(form_fields(page.text), text="失业保险金怎么申领？电话13800001234")
    testapp.post(rsj_interview + "/@@question", fields, status=303)
    with session(testapp) as (root, _request):
        number = questions_of(root, rsj_interview)[-1].__name__
    rsj = browser("rsj_editor")
    live = rsj.get(rsj_interview + "/@@live")
    assert f'value="{number}"' in live.text  # offered to answer (waiting)
    entry = dict(
        _form(live.text, "entry"),
        speaker="guest-0",
        text="可通过县人社局网站或现场申领。",
        question=number,
    )
    rsj.post(rsj_interview + "/@@live", entry, status=303)
    # replay of the same form: stored once
    rsj.post(rsj_interview + "/@@live", entry, status=303)
    polled = testapp.get(rsj_interview + "/@@transcript.json?since=0").json
    assert len(polled["entries"]) == 1
    assert polled["entries"][0]["question_text"].startswith("失业保险金怎么申领")
    assert "13800001234" not in polled["entries"][0]["question_text"]
    with session(testapp) as (root, request):
        question = questions_of(root, rsj_interview)[-1]
        assert question.answer["entry"] == 1
        assert get_workflow(question, request.registry).is_public(question)  # shown
    public = testapp.get(rsj_interview).text
    assert "可通过县人社局网站或现场申领" in public


def test_photo_checked_by_its_bytes(browser, rsj_interview):
    rsj = browser("rsj_editor")
    live = rsj.get(rsj_interview + "/@@live")
    fields = dict(_form(live.text, "photo"), title="访谈现场")
    res = rsj.post(
        rsj_interview + "/@@live",
        fields,
        upload_files=[("upload", "fake.png", b"MZ\x90\x00 not an image")],
        status=400,
    )
    assert "不符" in res.text
    live = rsj.get(rsj_interview + "/@@live")
    fields = dict(_form(live.text, "photo"), title="访谈现场")
    rsj.post(rsj_interview + "/@@live", fields, upload_files=[("upload", "a.png", PNG)], status=303)
    page = rsj.get(rsj_interview)
    assert 'alt="访谈现场"' in page.text


def test_answer_after_the_interview(browser, testapp):
    editor = browser("portal_editor")
    with session(testapp, "portal_editor") as (root, request):
        from govportal.interaction.contributions import actions as contributions

        item = resource(root, PAST)
        question = contributions.add_contribution(
            request, item, "question", "暑假托管有安排吗？", {}
        )
        number = question.__name__
    live = editor.get(PAST + "/@@live")
    assert f'id="answer-{number}"' in live.text
    fields = dict(_form(live.text, "answer"), number=number, text="今年暑假各校开设托管服务。")
    editor.post(PAST + "/@@live", fields, status=303)
    public = testapp.get(PAST).text
    assert "暑假托管有安排吗" in public and "今年暑假各校开设托管服务" in public


def test_refusals_change_nothing(browser, testapp):
    editor = browser("portal_editor")
    live = editor.get(COMING + "/@@live")
    fields = dict(_form(live.text, "entry"), speaker="guest-9", text="无此嘉宾")
    res = editor.post(COMING + "/@@live", fields, status=400)
    assert "请选择发言人" in res.text
    fields = dict(_form(live.text, "entry"), speaker="host", text="   ")
    res = editor.post(COMING + "/@@live", fields, status=400)
    assert "请填写发言内容" in res.text
    assert testapp.get(COMING + "/@@transcript.json").json["entries"] == []


def test_correction_reaches_polling_pages_and_the_answer(browser, testapp, rsj_interview):
    page = testapp.get(rsj_interview)
    fields = dict(form_fields(page.text), text="创业担保贷款额度是多少？")
    testapp.post(rsj_interview + "/@@question", fields, status=303)
    with session(testapp) as (root, _request):
        number = questions_of(root, rsj_interview)[-1].__name__
    rsj = browser("rsj_editor")
    live = rsj.get(rsj_interview + "/@@live")
    entry = dict(_form(live.text, "entry"), speaker="guest-0", text="个人最高20万。")
    entry["question"] = number
    rsj.post(rsj_interview + "/@@live", entry, status=303)
    seen = testapp.get(rsj_interview + "/@@transcript.json").json
    assert seen["last"] == 1 and seen["changed"] == []
    live = rsj.get(rsj_interview + "/@@live")
    fix = dict(_form(live.text, "edit"), seq="1", text="个人最高30万元。")
    rsj.post(rsj_interview + "/@@live", fix, status=303)
    polled = testapp.get(
        rsj_interview + f"/@@transcript.json?since={seen['last']}&rev={seen['rev']}"
    ).json
    assert polled["entries"] == []
    assert [(e["seq"], e["text"], e["edited"]) for e in polled["changed"]] == [
        (1, "个人最高30万元。", True)
    ]
    assert polled["rev"] > seen["rev"]
    public = testapp.get(rsj_interview).text
    assert "个人最高30万元" in public and "个人最高20万" not in public
    with session(testapp) as (root, _request):
        assert questions_of(root, rsj_interview)[-1].answer["text"] == "个人最高30万元。"
    bad = dict(_form(rsj.get(rsj_interview + "/@@live").text, "edit"), seq="99", text="x")
    assert "未找到该条直播内容" in rsj.post(rsj_interview + "/@@live", bad, status=400).text
