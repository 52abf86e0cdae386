"""Demo data of 互动交流: 在线调查 (``hdjl/zxdc``) — one closed survey with
its results published (about 120 answers in full mode, 20 in quick mode)
and one open survey with a few answers; both published through the
participation workflow."""

import hashlib
import random
from datetime import timedelta

from .. import sitetime
from ..interaction.surveys.model import Answer, count_answer, ensure_counters
from ..services.item_pages import stamp
from .interaction import HUB, column, portal_staff, publish

CLOSED_NAME = "zxdc-2026-zwfw"
OPEN_NAME = "zxdc-2026-gjzxc"

CLOSED_QUESTIONS = (
    {
        "id": "visits",
        "kind": "single",
        "title": "过去一年，您到县政务服务中心或通过网上办事大厅办过几次事？",
        "required": True,
        "options": ("没有办过", "1 至 2 次", "3 至 5 次", "6 次以上"),
    },
    {
        "id": "channels",
        "kind": "multiple",
        "title": "您通常通过哪些渠道办事？",
        "required": True,
        "options": (
            "政务服务中心窗口",
            "网上办事大厅",
            "天府通办 App",
            "乡镇便民服务中心",
            "电话咨询",
        ),
    },
    {
        "id": "satisfaction",
        "kind": "scale",
        "title": "总体来说，您对县政务服务的满意程度如何？",
        "required": True,
        "scale_min": 1,
        "scale_max": 5,
        "min_label": "很不满意",
        "max_label": "很满意",
    },
    {
        "id": "problem",
        "kind": "single",
        "title": "您办事时遇到的最主要问题是什么？",
        "required": False,
        "options": (
            "材料要求不清楚",
            "排队等候时间长",
            "多次往返",
            "网上办理不方便",
            "没有遇到问题",
        ),
    },
    {
        "id": "advice",
        "kind": "text",
        "title": "您对改进政务服务还有什么建议？",
        "required": False,
        "max_length": 500,
    },
)
OPEN_QUESTIONS = (
    {
        "id": "use",
        "kind": "single",
        "title": "如果县城设置公共自行车，您会使用吗？",
        "required": True,
        "options": ("经常使用", "偶尔使用", "不会使用"),
    },
    {
        "id": "places",
        "kind": "multiple",
        "title": "您希望在哪些地点设置租还车点？",
        "required": False,
        "options": ("汽车站", "县人民医院", "学校周边", "大型超市", "公园广场"),
    },
    {
        "id": "more",
        "kind": "text",
        "title": "其他意见",
        "required": False,
        "max_length": 300,
    },
)
ADVICE = (
    "希望网上办事大厅的材料清单写得更清楚一些。",
    "窗口工作人员态度很好，办事效率也提高了。",
    "建议延长周末的办公时间。",
    "不动产登记排队时间太长，希望增加窗口。",
    "",
    "",
    "",
)


def _answers(rng, questions, count):
    for _ in range(count):
        values = {}
        for q in questions:
            if not q["required"] and rng.random() < 0.3:
                continue
            if q["kind"] == "single":
                weights = list(range(len(q["options"]), 0, -1))
                values[q["id"]] = rng.choices(range(len(q["options"])), weights)[0]
            elif q["kind"] == "multiple":
                chosen = {i for i in range(len(q["options"])) if rng.random() < 0.4}
                values[q["id"]] = tuple(sorted(chosen or {0}))
            elif q["kind"] == "scale":
                values[q["id"]] = rng.choices(range(1, 6), (1, 2, 5, 9, 7))[0]
            else:
                text = rng.choice(ADVICE)
                if text:
                    values[q["id"]] = text
        yield values


def _fill(survey, count, seed):
    box = ensure_counters(survey)
    rng = random.Random(seed)  # noqa: S311  (demo data, not security)
    for n, values in enumerate(_answers(rng, survey.questions, count)):
        key = hashlib.sha256(f"demo-voter-{seed}-{n}".encode()).hexdigest()
        box.add(Answer(values), key)
        count_answer(box, survey.questions, values)


def _survey(request, col, name, as_editor, **values):
    survey = request.registry.content.create("Survey", **values)
    stamp(as_editor, survey, created=True)
    col[name] = survey
    return col[name]


def build(root, request, principals, full):
    """Create the demo's surveys if absent (idempotent)."""
    registry = request.registry
    hub = column(root, registry, HUB, "互动交流")
    col = column(hub, registry, "zxdc", "在线调查")
    if CLOSED_NAME in col:
        return
    as_editor, as_reviewer = portal_staff(request, principals)
    today = sitetime.today()
    closed = _survey(
        request,
        col,
        CLOSED_NAME,
        as_editor,
        title="营山县政务服务满意度问卷调查",
        introduction="为了解群众和企业对县政务服务的评价，改进服务工作，县政务服务和大数据管理局开展本次问卷调查。"
        "\n问卷不记名，约需 3 分钟，感谢您的参与！",
        opens_on=today - timedelta(days=45),
        closes_on=today - timedelta(days=15),
        questions=CLOSED_QUESTIONS,
    )
    _fill(closed, 120 if full else 20, seed=1)
    publish(closed, as_editor, as_reviewer, registry)
    opened = _survey(
        request,
        col,
        OPEN_NAME,
        as_editor,
        title="县城公共自行车租赁点设置意见调查",
        introduction="县住房和城乡建设局拟在县城设置公共自行车租赁点，欢迎您提出意见和建议。",
        opens_on=today - timedelta(days=5),
        closes_on=today + timedelta(days=25),
        questions=OPEN_QUESTIONS,
    )
    _fill(opened, 12 if full else 3, seed=2)
    publish(opened, as_editor, as_reviewer, registry)
