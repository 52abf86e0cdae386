"""Demo data of 互动交流: 意见征集 (``hdjl/yjzj``) — one consultation open
for comment with comments shown after moderation, one closed with its
published 采纳情况 (the same two in quick and full mode)."""

from datetime import timedelta

from .. import sitetime
from ..interaction.consultations.model import link
from ..interaction.consultations.views_item import prefilled_items
from ..interaction.contributions import actions as contributions
from ..services.item_pages import stamp
from .interaction import HUB, column, portal_staff, publish

OPEN_NAME = "yjzj-2026-zhuxiao"
CLOSED_NAME = "yjzj-2026-laonian"

OPEN_BODY = (
    "<h2>第一章 总则</h2>"
    "<p>第一条 为规范县城住宅小区物业服务活动，维护业主和物业服务企业的合法权益，"
    "根据《物业管理条例》《四川省物业管理条例》等规定，结合本县实际，制定本办法。</p>"
    "<p>第二条 本县行政区域内住宅小区的物业服务及其监督管理，适用本办法。</p>"
    "<h2>第二章 物业服务</h2>"
    "<p>第三条 物业服务企业应当在小区显著位置公示服务内容、服务标准、收费项目和收费标准。</p>"
)
CLOSED_BODY = (
    "<p>第一条 为推进居家和社区养老服务，满足老年人多样化养老需求，制定本方案。</p>"
    "<p>第二条 到2027年，全县城市社区养老服务设施覆盖率达到100%，农村达到60%以上。</p>"
)

COMMENTS_OPEN = (
    ("张先生", "13981712345", "建议明确物业费调整的程序，调价前应当召开业主大会并公示不少于30日。"),
    ("", "13700001111", "第三条建议增加：公示内容应同时在业主微信群发布，方便不常在家的业主了解。"),
    (
        "李女士",
        "0817-8221234",
        "希望对电梯维保单位的资质和维保频次作出规定，我的电话是13812345678。",
    ),
)
COMMENTS_CLOSED = (
    ("王大爷", "13990009999", "建议社区食堂对80岁以上老人给予就餐补贴。"),
    ("", "13611112222", "农村养老服务设施覆盖率60%偏低，建议提高到80%。"),
    ("赵女士", "15183334444", "希望增加上门助浴、助医服务。"),
)


def _create(request, col, name, title, summary, body, opens_on, closes_on, as_editor):
    item = request.registry.content.create("Consultation")
    item.title = title
    item.summary = summary
    item.body = body
    item.opens_on, item.closes_on = opens_on, closes_on
    item.contact = "营山县人民政府办公室，电话 0817-8222000，地址：营山县朗池街道"
    item.show_comments = "moderated"
    stamp(as_editor, item, created=True)
    col[name] = item
    return col[name]


def _comments(request, item, comments, as_editor, shown=2):
    for i, (name, phone, text) in enumerate(comments):
        c = contributions.add_contribution(
            request, item, "comment", text, {"name": name, "phone": phone}
        )
        if i < shown:
            contributions.moderate(as_editor, c, "show")
        elif i == shown and len(comments) > shown + 1:
            contributions.moderate(as_editor, c, "hide", "与本次征集无关")


def build(root, request, principals, full):
    """Create the demo's consultations if absent (idempotent)."""
    registry = request.registry
    hub = column(root, registry, HUB, "互动交流")
    col = column(hub, registry, "yjzj", "意见征集")
    if OPEN_NAME in col:
        return
    as_editor, as_reviewer = portal_staff(request, principals)
    today = sitetime.today()

    open_item = _create(
        request,
        col,
        OPEN_NAME,
        "关于公开征求《营山县住宅小区物业服务管理办法（征求意见稿）》意见的公告",
        "为提高物业服务质量，县住房和城乡建设局起草了本办法，现向社会公开征求意见。",
        OPEN_BODY,
        today - timedelta(days=10),
        today + timedelta(days=20),
        as_editor,
    )
    publish(open_item, as_editor, as_reviewer, registry)
    _comments(request, open_item, COMMENTS_OPEN, as_editor)

    closed = _create(
        request,
        col,
        CLOSED_NAME,
        "关于公开征求《营山县居家和社区养老服务实施方案（征求意见稿）》意见的公告",
        "县民政局起草了居家和社区养老服务实施方案，向社会公开征求意见。",
        CLOSED_BODY,
        today - timedelta(days=60),
        today - timedelta(days=30),
        as_editor,
    )
    publish(closed, as_editor, as_reviewer, registry)
    # comments came in while it was open
    closed.opens_on, closed.closes_on = today - timedelta(days=60), today + timedelta(days=1)
    _comments(request, closed, COMMENTS_CLOSED, as_editor, shown=3)
    closed.closes_on = today - timedelta(days=30)

    report = registry.content.create("AdoptionReport")
    report.title = "关于《营山县居家和社区养老服务实施方案（征求意见稿）》征求意见采纳情况"
    report.summary = (
        "征求意见期间共收到意见 3 条，经认真研究，采纳 1 条，部分采纳 1 条，未采纳 1 条。"
    )
    decisions = (
        ("adopted", ""),
        ("partly", "全县农村养老服务设施建设分步推进，2027年目标调整为70%。"),
        ("not_adopted", "上门助浴、助医服务已在《营山县居家养老服务清单》中规定，不再重复。"),
    )
    report.rows = tuple(
        {**row, "decision": d, "reason": r}
        for row, (d, r) in zip(prefilled_items(closed, registry), decisions, strict=False)
    )
    stamp(as_editor, report, created=True)
    col[f"{CLOSED_NAME}-cnqk"] = report
    report = col[f"{CLOSED_NAME}-cnqk"]
    link(closed, report)
    publish(report, as_editor, as_reviewer, registry)
