"""The workspace: a survey added in its column, the builder's validation,
the lock once answers exist, review through participation.yaml."""

import re
from datetime import date

from govportal.interaction.surveys.model import (
    Answer,
    answer_count,
    count_answer,
    ensure_counters,
)

from ...conftest import csrf_token, read_root
from .survey_helpers import COLUMN, hidden, new_survey, survey_at


def builder_post(editor, path, **fields):
    editing = fields.get("original") or fields.get("question") or ""
    page = editor.get(path + "@@survey-builder", {"edit": editing} if editing else {})
    if 'name="version"' not in page.text:  # locked: no form to add a question
        page = editor.get(path + "@@survey-builder", {"edit": "q1"})
    data = {
        "csrf_token": csrf_token(page.text),
        "version": hidden(page.text, "version"),
        "original": "",
        **fields,
    }
    return editor.post(path + "@@survey-builder", data, status="*")


def question(**values):
    q = {"id": "q1", "kind": "single", "title": "您满意吗？", "required": "1", "options": "是\n否"}
    q.update(values)
    return q


def test_add_form_checks_dates(browser):
    editor = browser("portal_editor")
    page = editor.get(COLUMN + "@@ws-add-survey")
    data = {
        "csrf_token": csrf_token(page.text),
        "submission_token": hidden(page.text, "submission_token"),
        "title": "",
        "opens_on": "2026-02-01",
        "closes_on": "2026-1-3x",
    }
    res = editor.post(COLUMN + "@@ws-add-survey", data, status=400)
    assert "请填写调查标题" in res.text and "请按“2027-01-31”的格式填写日期" in res.text


def test_builder_validation(browser):
    editor = browser("portal_editor")
    path = new_survey(editor)
    res = builder_post(editor, path, action="save", **question(options="只有一个"))
    assert res.status_int == 400 and "选择题至少需要两个选项" in res.text
    res = builder_post(editor, path, action="save", **question(id="1bad"))
    assert res.status_int == 400 and "题目编号须以小写字母开头" in res.text
    res = builder_post(editor, path, action="save", **question(kind="scale", scale_min="3"))
    assert res.status_int == 400 and "量表最低分须为 0 或 1" in res.text
    res = builder_post(editor, path, action="save", **question(kind="text", max_length="0"))
    assert res.status_int == 400 and "填空题的字数上限" in res.text
    res = builder_post(editor, path, action="save", **question(title=""))
    assert res.status_int == 400 and "请填写题目" in res.text
    assert builder_post(editor, path, action="save", **question()).status_int == 303
    res = builder_post(editor, path, action="save", **question(title="另一题"))
    assert res.status_int == 400 and "题目编号与前面的题目重复" in res.text
    res = builder_post(editor, path, action="remove", question="q1")
    assert res.status_int == 400 and "调查至少需要一道题目" in res.text
    assert (
        builder_post(editor, path, action="save", **question(id="q2", kind="text")).status_int
        == 303
    )
    assert builder_post(editor, path, action="up", question="q2").status_int == 303
    ids = read_root(editor.wsgi_app, lambda r: [q["id"] for q in survey_at(r, path).questions])
    assert ids == ["q2", "q1"]
    # a form made from an older version is refused
    page = editor.get(path + "@@survey-builder")
    stale = {
        "csrf_token": csrf_token(page.text),
        "version": "0" * 16,
        "action": "remove",
        "question": "q1",
    }
    res = editor.post(path + "@@survey-builder", stale, status=409)
    assert "题目已被他人修改" in res.text


def test_builder_locked_once_answers_exist(browser):
    editor = browser("portal_editor")
    path = new_survey(editor)
    builder_post(editor, path, action="save", **question())
    builder_post(editor, path, action="save", **question(id="q2", title="第二题"))
    from govportal.bootstrap import site_session

    with site_session(editor.wsgi_app.registry) as (zodb_root, _request):
        survey = survey_at(zodb_root["app_root"], path)
        box = ensure_counters(survey)
        box.add(Answer({"q1": 0}), "x" * 64)
        count_answer(box, survey.questions, {"q1": 0})
    page = editor.get(path + "@@survey-builder")
    assert 'id="sb-locked"' in page.text
    for change in (
        {"action": "remove", "question": "q2"},
        {"action": "down", "question": "q1"},
        {"action": "save", **question(id="q3", title="新题")},
        {"action": "save", "original": "q1", **question(options="是\n否\n不确定")},
        {"action": "save", "original": "q1", **question(kind="multiple")},
    ):
        res = builder_post(editor, path, **change)
        assert res.status_int == 409 and "本调查已收到答卷，只能修改文字" in res.text, change
    res = builder_post(
        editor,
        path,
        action="save",
        original="q1",
        **question(title="您满意吗", options="满意\n不满意"),
    )
    assert res.status_int == 303
    q = read_root(editor.wsgi_app, lambda r: survey_at(r, path).questions[0])
    assert q["title"] == "您满意吗" and q["options"] == ("满意", "不满意")


def test_review_and_publication(browser):
    editor = browser("portal_editor")
    path = new_survey(editor)
    builder_post(editor, path, action="save", **question())
    preview = editor.get(path)  # a draft: staff preview, no answers taken
    assert 'id="survey-preview"' in preview.text and "提交答卷</button>" not in preview.text
    answer = [
        ("csrf_token", csrf_token(preview.text)),
        ("submission_token", hidden(preview.text, "submission_token")),
        ("q-q1", "0"),
    ]
    res = editor.post(path, answer, status=403)
    assert "本调查尚未发布" in res.text
    assert read_root(editor.wsgi_app, lambda r: answer_count(survey_at(r, path))) == 0
    item = editor.get(path + "@@ws-item")
    assert "送审" in item.text and "设计题目" in item.text
    form = {
        "csrf_token": csrf_token(item.text),
        "expected_state": "draft",
        "transition": "submit",
        "comment": "",
    }
    assert editor.post(path + "@@ws-transition", form, status="*").status_int in (302, 303)
    reviewer = browser("portal_reviewer")
    item = reviewer.get(path + "@@ws-item")
    form = {
        "csrf_token": csrf_token(item.text),
        "expected_state": "review",
        "transition": "approve",
        "comment": "",
    }
    assert reviewer.post(path + "@@ws-transition", form, status="*").status_int in (302, 303)
    import webtest

    public = webtest.TestApp(editor.wsgi_app).get(path)
    assert "测试调查" in public.text and "提交答卷" in public.text
    # published: no longer editable
    assert editor.get(path + "@@survey-builder", status="*").status_int in (302, 403)


def test_an_editor_of_another_site_cannot_build(browser):
    editor = browser("portal_editor")
    path = new_survey(editor)
    other = browser("jyj_editor")
    assert other.get(path + "@@survey-builder", status="*").status_int in (302, 403, 404)
    assert other.get(path + "@@ws-edit", status="*").status_int in (302, 403, 404)
    assert other.get(COLUMN + "@@ws-add-survey", status="*").status_int in (302, 403, 404)


def test_edit_form(browser):
    editor = browser("portal_editor")
    path = new_survey(editor)
    page = editor.get(path + "@@ws-edit")
    data = {
        "csrf_token": csrf_token(page.text),
        "serial": hidden(page.text, "serial"),
        "title": "改过的标题",
        "opens_on": "2026-01-05",
        "closes_on": "2026-01-04",
        "results_visibility": "live",
    }
    res = editor.post(path + "@@ws-edit", data, status=400)
    assert "结束日期不能早于开始日期" in res.text
    data["closes_on"] = "2026-02-05"
    assert editor.post(path + "@@ws-edit", data).status_int == 303
    survey = read_root(
        editor.wsgi_app, lambda r: (survey_at(r, path).title, survey_at(r, path).closes_on)
    )
    assert survey == ("改过的标题", date(2026, 2, 5))
    res = editor.post(path + "@@ws-edit", data, status=409)  # the serial is now stale
    assert re.search("已被他人修改", res.text)


def test_dashboard_picker(browser):
    editor = browser("portal_editor")
    page = editor.get("/@@workspace")
    assert "新建在线调查" in page.text and 'value="/hdjl/zxdc/"' in page.text
    res = editor.get("/@@ws-new-survey", {"column": "/hdjl/zxdc/"})
    assert res.status_int == 303 and res.location.endswith("/hdjl/zxdc/@@ws-add-survey")
    assert editor.get("/@@ws-new-survey", {"column": "/yw"}, status=400)


def test_saving_the_edit_form_releases_the_lock(browser):
    from govportal.locks import current

    editor = browser("portal_editor")
    path = new_survey(editor)
    page = editor.get(path + "@@ws-edit")
    editor.post(path + "@@lock", {"csrf_token": csrf_token(page.text)}, status=303)
    assert read_root(editor.wsgi_app, lambda r: current(survey_at(r, path)) is not None)
    data = {
        "csrf_token": csrf_token(page.text),
        "serial": hidden(page.text, "serial"),
        "title": "改过的标题",
        "opens_on": "2026-01-05",
        "closes_on": "2026-02-05",
        "results_visibility": "live",
    }
    assert editor.post(path + "@@ws-edit", data).status_int == 303
    assert read_root(editor.wsgi_app, lambda r: current(survey_at(r, path)) is None)
