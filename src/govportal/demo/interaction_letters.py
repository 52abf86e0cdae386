"""Demo data of 互动交流: letters on the portal, 教育局 and 人社局 in every
state — new, accepted with a promise, transferred, overdue (no verification
within 15 working days), answered at once, published with their replies
and rated, refused.

Letters are written with the public side's intake (number, query code,
clock, first public step), then handled through the actions as the demo
users (four eyes: the editor drafts, the reviewer approves and publishes),
then moved back in time (every date of the letter and its history) and
their clocks recomputed.  Quick mode (the test sessions' demo) builds six
letters, one in each state of ``workflows/letter.yaml`` (the one received
at 人社局 transferred from 教育局, the one 人社局 handles overdue); the full
demo about forty.
"""

from datetime import timedelta

from substanced.util import get_oid

from ..bootstrap import request_as
from ..calendar import get_calendar
from ..calendar.periods import compute_due
from ..interaction.letters import actions, actions_reply, clock, intake
from ..interaction.letters.model import site_of
from ..workflow.history import get_history

MARKER = "govportal_demo_letters"

#: (subject, body, category) of the letters, by channel
TEXTS = {
    "mailbox": [
        (
            "建议延长县图书馆周末开放时间",
            "县图书馆周末下午五点闭馆，学生复习不便，建议延长到晚上八点。",
            "education",
        ),
        (
            "老旧小区加装电梯补贴何时落实",
            "我们小区去年申请了加装电梯，补贴一直没有到位，请领导关注。",
            "housing",
        ),
        (
            "城南菜市场周边占道经营严重",
            "城南菜市场门口每天早上占道经营，车辆无法通行，请相关部门治理。",
            "transport",
        ),
    ],
    "consult": [
        (
            "外地户籍子女如何在本县入学",
            "我在县城务工，孩子是外地户籍，今年上小学一年级，需要准备哪些材料？",
            "education",
        ),
        (
            "灵活就业人员如何参加养老保险",
            "我是个体工商户，想咨询灵活就业人员参加养老保险的缴费标准和办理地点。",
            "social_security",
        ),
        (
            "失业保险金申领条件",
            "公司裁员后我失业了，请问申领失业保险金需要满足什么条件？",
            "labour",
        ),
    ],
    "complaint": [
        (
            "培训机构收费后不退款",
            "孩子报名的课外培训机构停课后拒不退还剩余课时费，多次协商无果。",
            "education",
        ),
        (
            "用人单位拖欠工资",
            "我在县工业园区某企业工作，企业已拖欠三个月工资，请求帮助追讨。",
            "labour",
        ),
    ],
    "suggest": [
        (
            "建议在学校周边增设护学岗",
            "上下学高峰期学校门口交通混乱，建议增设护学岗和减速带。",
            "education",
        ),
        (
            "建议简化社保卡补办流程",
            "社保卡补办需要跑两次，建议实现网上申请、邮寄到家。",
            "social_security",
        ),
    ],
}

REPLY = (
    "您好！您反映的问题已收悉。经核实，我单位已会同相关部门研究处理，"
    "具体情况如下：相关工作已列入近期计划，将按程序推进并及时向社会公布。感谢您的关注和支持！"
)

#: (site, channel, text index, consent, days ago, steps); a step is (who,
#: action, *args): who is "editor", "reviewer" or "writer"
QUICK = (
    (
        "",
        "mailbox",
        0,
        True,
        20,
        [
            ("editor", "accept"),
            ("editor", "verify", "已请县文旅局研究周末延时开放方案。", 20),
            ("editor", "draft", REPLY),
            ("editor", "submit"),
            ("reviewer", "approve"),
            ("reviewer", "publish"),
            ("writer", "rate", "satisfied", "答复及时"),
        ],
    ),
    (
        "jyj",
        "consult",
        0,
        False,
        2,
        [
            ("editor", "accept"),
            ("editor", "draft", "您好！请携带户口簿、居住证和务工证明到学区学校登记。"),
            ("editor", "submit"),
            ("reviewer", "approve"),
            ("writer", "rate", "very_satisfied", ""),
        ],
    ),
    (
        "jyj",
        "complaint",
        0,
        True,
        8,
        [
            ("editor", "accept"),
            ("editor", "verify", "已约谈该培训机构，正在核实课时和费用。", 10),
            ("editor", "draft", REPLY),
            ("editor", "submit"),
        ],
    ),
    ("jyj", "consult", 1, True, 3, [("editor", "transfer", "rsj", "养老保险属人社局职责。")]),
    ("rsj", "complaint", 1, True, 25, [("editor", "accept")]),
    ("", "suggest", 0, True, 1, [("editor", "refuse", "来信内容重复，已合并办理。")]),
)


def _full_scenarios():
    """About forty letters: the quick ones and every state on every site."""
    scenarios = list(QUICK)
    flows = (
        [],
        [("editor", "accept")],
        [("editor", "accept"), ("editor", "verify", "已安排专人现场核实。", 15)],
        [("editor", "accept"), ("editor", "draft", REPLY), ("editor", "submit")],
        [
            ("editor", "accept"),
            ("editor", "draft", REPLY),
            ("editor", "submit"),
            ("reviewer", "approve"),
            ("reviewer", "publish"),
            ("writer", "rate", "basic", ""),
        ],
        [
            ("editor", "accept"),
            ("editor", "verify", "已转交执法大队调查。", 12),
            ("editor", "draft", REPLY),
            ("editor", "submit"),
            ("reviewer", "approve"),
            ("reviewer", "publish"),
            ("writer", "rate", "unsatisfied", "希望加快进度"),
        ],
        [("editor", "refuse", "来信内容不属于行政机关职责范围，建议通过司法途径解决。")],
    )
    index = 0
    for site in ("", "jyj", "rsj"):
        for channel, texts in TEXTS.items():
            for number, _text in enumerate(texts):
                flow = flows[index % len(flows)]
                scenarios.append(
                    (site, channel, number, index % 5 != 0, 2 + (index * 7) % 30, flow)
                )
                index += 1
                if len(scenarios) >= 40:
                    return scenarios
    return scenarios


def _who(request, users, letter, who):
    key = site_of(letter).__name__ or "portal"
    if site_of(letter).__parent__ is None:
        key = "portal"
    return request_as(request, get_oid(users[f"{key}_{who}"]))


def _step(root, request, users, letter, who, action, *args):
    if who == "writer":
        from ..interaction.letters.views_track import rate

        rate(letter, request, *args)
        return
    actor = _who(request, users, letter, who)
    if action == "accept":
        actions.accept(actor, letter)
    elif action == "transfer":
        actions.transfer(actor, letter, root[args[0]] if args[0] else root, args[1])
    elif action == "refuse":
        actions.refuse_letter(actor, letter, args[0])
    elif action == "verify":
        promised = get_calendar(root).add_workdays(clock.today(), args[1]).value
        actions.record_verification(actor, letter, args[0], promised)
    elif action == "draft":
        actions_reply.draft_reply(actor, letter, args[0])
    elif action == "submit":
        actions_reply.submit_reply(actor, letter)
    elif action == "approve":
        actions_reply.approve_reply(actor, letter)
    elif action == "publish" and letter.may_publish:  # only with the writer's consent
        actions_reply.prepare_public(letter, actor)
        actions_reply.publish(actor, letter)


def _back(value, delta):
    return value - delta if value is not None else None


def _backdate(letter, days, registry, calendar):
    """Move every date of ``letter`` ``days`` back and recompute its clock."""
    if not days:
        return
    delta = timedelta(days=days)
    for attr in ("submitted_at", "received_on", "promised_on", "answered_on", "answered_at"):
        setattr(letter, attr, _back(getattr(letter, attr), delta))
    letter.published_at = _back(letter.published_at, delta)
    letter.steps = tuple(dict(s, at=_back(s["at"], delta)) for s in letter.steps)
    letter.transfers = tuple(dict(t, at=_back(t["at"], delta)) for t in letter.transfers)
    for attr, keys in (
        ("verification", ("at",)),
        ("reply", ("at", "answered_at")),
        ("satisfaction", ("at",)),
        ("promise_extension", ("to", "at")),
    ):
        value = getattr(letter, attr)
        if value:
            setattr(letter, attr, dict(value, **{k: _back(value.get(k), delta) for k in keys}))
    for record in get_history(letter):
        record.when = record.when - delta
    verify = compute_due(calendar, letter.received_on, clock.verify_days(registry))
    letter.verify_due, letter.due_uncertain_years = verify.value, verify.uncertain_years
    letter.due = clock.promised_date(letter) if letter.verification else verify.value
    if letter.answered_on is not None:
        letter.on_time = clock.on_time(letter)
        letter.workdays_used = clock.days_used(letter, registry, calendar)
        letter.answered_at_once = clock.answered_at_once(letter, calendar)


def build(root, request, principals, full):
    """Create the demo's letters if absent (idempotent)."""
    if getattr(root, MARKER, False):
        return []
    users = principals["users"]
    calendar = get_calendar(root)
    made = []
    for site_name, channel, text, consent, days, steps in _full_scenarios() if full else QUICK:
        subject, body, category = TEXTS[channel][text]
        writer = {
            "name": "张明" if len(made) % 2 else "李华",
            "phone": f"139{len(made):08d}",
            "email": "",
            "address": "营山县朗池镇",
        }
        values = {
            "channel": channel,
            "category": category,
            "subject": subject,
            "body": body,
            "may_publish": consent,
            "writer": writer,
        }
        letter, _code = intake.submit_letter(
            request, root[site_name] if site_name else root, values
        )
        for step in steps:
            _step(root, request, users, letter, *step)
        _backdate(letter, days, request.registry, calendar)
        made.append(letter)
    setattr(root, MARKER, True)
    return made
