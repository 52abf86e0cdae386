"""Demo data of 互动交流: 在线访谈 (``hdjl/zxft``) — one interview held three
weeks ago, with its transcript, photos and the citizens' questions
answered (live and afterwards), and one announced for next week taking
questions (the same two in quick and full mode: they are small)."""

import io
from datetime import datetime, time, timedelta

from .. import sitetime
from ..interaction.contributions import actions as contributions
from ..interaction.interviews import actions
from ..services.item_pages import stamp
from .files import png_bytes
from .interaction import HUB, column, portal_staff, publish

PAST_NAME = "zxft-2026-jiaoyu"
COMING_NAME = "zxft-2026-yiliao"

PAST = {
    "title": "聚焦义务教育阶段招生入学——县教育局局长谈2026年秋季招生政策",
    "host": "县融媒体中心 刘洋",
    "guests": (
        {"name": "张明", "position": "县教育局局长"},
        {"name": "陈芳", "position": "县教育局基础教育股股长"},
    ),
    "place": "营山县人民政府网站访谈室",
    "introduction": (
        "今年秋季义务教育阶段招生工作即将启动。本期访谈邀请县教育局负责同志，"
        "解读招生范围划分、报名材料、随迁子女入学等网友关心的问题。\n"
        "欢迎网友在访谈前和访谈中提问。"
    ),
}
COMING = {
    "title": "家门口看病更方便——县卫生健康局谈基层医疗服务能力提升",
    "host": "县融媒体中心 王婷",
    "guests": ({"name": "李强", "position": "县卫生健康局局长"},),
    "place": "营山县人民政府网站访谈室",
    "introduction": (
        "本期访谈围绕乡镇卫生院服务能力提升、家庭医生签约服务和医保报销等话题，"
        "邀请县卫生健康局负责同志与网友在线交流。欢迎提前提问。"
    ),
}
#: (asker, question, answered live?, answer)
QUESTIONS = (
    (
        "网友“朗池居民”",
        "孩子今年满6周岁，户口和房产不在同一个学区，应该去哪个学校报名？",
        True,
        "原则上按照房户一致的学区就近入学；房户不一致的，以实际居住地房产所在学区为准，"
        "报名时需提供房产证明和居住证明。",
    ),
    (
        "",
        "随迁子女入学需要准备哪些材料？我的电话13981712345，请联系我。",
        True,
        "需提供父母一方在我县的居住证、务工或经营证明、户口簿和儿童预防接种证。",
    ),
    (
        "网友“小雨妈妈”",
        "今年小学报名可以网上办理吗？",
        False,
        "可以。今年起全县公办小学一年级实行网上报名，报名入口在县教育局网站首页，"
        "也可到学校现场报名。",
    ),
)
LIVE = (
    (
        "host",
        "各位网友大家好，欢迎收看本期在线访谈。今天我们邀请到县教育局局长张明、"
        "基础教育股股长陈芳，和大家聊聊今年秋季的招生政策。",
    ),
    (
        "guest-0",
        "主持人好，各位网友好。今年我县义务教育招生继续坚持免试就近入学，"
        "招生范围已经在县教育局网站公布。",
    ),
    ("guest-1", None),  # answers the first question
    ("guest-0", None),  # answers the second question
    ("host", "感谢两位嘉宾，本期访谈到此结束。访谈中未及回答的问题，我们将在5个工作日内答复。"),
)
PHOTOS = (
    ("zxft-1.png", "访谈现场：县教育局局长张明介绍今年秋季招生政策", (0xA0, 0x30, 0x30)),
    ("zxft-2.png", "访谈现场：基础教育股股长陈芳回答网友提问", (0x1F, 0x5F, 0xA8)),
)


def _at(day, hour, minute=0):
    zone = sitetime.site_zone()
    return sitetime.as_utc(datetime.combine(day, time(hour, minute), tzinfo=zone))


def _create(request, col, name, spec, starts, ends, as_editor):
    item = request.registry.content.create("Interview", starts_at=starts, ends_at=ends, **spec)
    stamp(as_editor, item, created=True)
    col[name] = item
    return col[name]


def _photos(request, item):
    for i, (name, title, colour) in enumerate(PHOTOS):
        data = png_bytes([3 + i, 5, 4 - i, 6], width=160, height=90, colour=colour)
        item[name] = request.registry.content.create(
            "Attachment", stream=io.BytesIO(data), filename=name, title=title
        )


def _past(request, item, as_editor):
    """Questions before the interview, the live transcript answering two of
    them, and the third answered afterwards (as it was then)."""
    asked = []
    for asker, text, _live, _answer in QUESTIONS:
        question = contributions.add_contribution(
            request, item, "question", text, {"name": asker} if asker else {}
        )
        contributions.moderate(as_editor, question, "show")
        # asked in the days before the interview
        question.submitted_at = item.starts_at - timedelta(days=len(QUESTIONS) - len(asked))
        asked.append(question)
    live_answers = iter(
        (q, a) for q, (_n, _t, live, a) in zip(asked, QUESTIONS, strict=True) if live
    )
    _photos(request, item)
    for i, (speaker, text) in enumerate(LIVE):
        photo = PHOTOS[0][0] if i == 1 else PHOTOS[1][0] if i == 2 else ""
        if text is None:
            question, answer = next(live_answers)
            actions.add_entry(as_editor, item, speaker, answer, photo, question.__name__)
        else:
            actions.add_entry(as_editor, item, speaker, text, photo)
    # entries at the interview's own times (they were typed as it went)
    for seq, entry in list(item.transcript.entries.items()):
        item.transcript.replace(seq, dict(entry, at=item.starts_at + timedelta(minutes=6 * seq)))
    for question, (_n, _t, live, answer) in zip(asked, QUESTIONS, strict=True):
        if not live:
            actions.answer_question(as_editor, item, question.__name__, answer)
            at = item.ends_at + timedelta(days=2)
        else:
            at = item.transcript.entries[question.answer["entry"]]["at"]
        answered_on = sitetime.local_date(at)
        question.answer = dict(question.answer, at=at, answered_on=answered_on)


def build(root, request, principals, full):
    """Create the demo's interviews if absent (idempotent)."""
    registry = request.registry
    hub = column(root, registry, HUB, "互动交流")
    col = column(hub, registry, "zxft", "在线访谈", position=3)
    if PAST_NAME in col:
        return
    as_editor, as_reviewer = portal_staff(request, principals)
    today = sitetime.today()

    past_day = today - timedelta(days=21)
    past = _create(
        request, col, PAST_NAME, PAST, _at(past_day, 9, 30), _at(past_day, 11), as_editor
    )
    publish(past, as_editor, as_reviewer, registry, approval="同意发布预告", stamped=False)
    _past(request, past, as_editor)

    coming_day = today + timedelta(days=7)
    coming = _create(
        request, col, COMING_NAME, COMING, _at(coming_day, 15), _at(coming_day, 16, 30), as_editor
    )
    publish(coming, as_editor, as_reviewer, registry, approval="同意发布预告", stamped=False)
    question = contributions.add_contribution(
        request, coming, "question", "乡镇卫生院什么时候能开通医保门诊统筹报销？", {}
    )
    contributions.moderate(as_editor, question, "show")
