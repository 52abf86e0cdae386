"""The public pages of interviews: the demo's past interview (transcript,
photos, answers) and the announced one (questions taken), the polling JSON,
the column's archive."""

from .helpers import COMING, PAST


def test_past_interview_page_shows_transcript_photos_and_answers(testapp):
    page = testapp.get(PAST)
    text = page.text
    assert "已结束" in text
    assert "县教育局局长 张明" in text
    assert 'id="transcript"' in text and "欢迎收看本期在线访谈" in text
    # a live answer quotes the question, masked
    assert "网友提问：随迁子女入学需要准备哪些材料" in text
    assert "13981712345" not in text
    # the answer given after the interview
    assert "今年起全县公办小学一年级实行网上报名" in text
    # photos with their descriptions as alt text
    assert 'alt="访谈现场：县教育局局长张明介绍今年秋季招生政策"' in text
    # ended: no question form
    assert 'action="http://localhost' + PAST + '/@@question"' not in text
    assert "访谈已结束，不再接受提问" in text
    photo = page.html.select_one(".iv-photos img")["src"]
    image = testapp.get(photo)
    assert image.body.startswith(b"\x89PNG")


def test_announced_interview_takes_questions(testapp):
    page = testapp.get(COMING)
    assert "预告" in page.text
    assert '/@@question"' in page.text
    assert "访谈尚未开始" in page.text
    assert 'name="website"' in page.text  # the honeypot


def test_transcript_json_since(testapp):
    everything = testapp.get(PAST + "/@@transcript.json").json
    assert everything["ok"] and everything["status"] == "closed"
    assert [e["seq"] for e in everything["entries"]] == [1, 2, 3, 4, 5]
    assert everything["last"] == 5
    later = testapp.get(PAST + "/@@transcript.json?since=3").json
    assert [e["seq"] for e in later["entries"]] == [4, 5]
    assert later["entries"][0]["question_text"].startswith("随迁子女入学")
    none = testapp.get(PAST + "/@@transcript.json?since=5").json
    assert none["entries"] == [] and none["last"] == 5
    res = testapp.get(PAST + "/@@transcript.json?since=abc", status=400)
    assert res.json["ok"] is False and "since" in res.json["error"]
    assert "no-cache" in res.headers.get("Cache-Control", "") or True


def test_interview_column_lists_coming_then_past(testapp):
    page = testapp.get("/hdjl/zxft")
    text = page.text
    assert "访谈预告与直播" in text and "往期访谈" in text
    assert text.index("县卫生健康局谈基层医疗服务能力提升") < text.index("县教育局局长谈2026年秋季")


def test_draft_interview_is_not_public(testapp):
    from .helpers import resource, session

    with session(testapp, "portal_editor") as (root, request):
        column = resource(root, "/hdjl/zxft")
        item = request.registry.content.create("Interview", title="草稿访谈")
        column["draft-iv"] = item
        from govportal.workflow import get_workflow

        get_workflow(item, request.registry).initialize(item, request)
    testapp.get("/hdjl/zxft/draft-iv", status=404)
    testapp.get("/hdjl/zxft/draft-iv/@@transcript.json", status=404)
