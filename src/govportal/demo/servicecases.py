"""The demo's cases (办件): online applications on the demo's online guides,
moved through every state of ``workflows/servicecase.yaml`` by the case
engine's own steps (:mod:`govportal.services.actions`), each step as the user
who would take it: the applicant anonymously, the lead department's editor,
the co-handling departments' editors.

Forms are validated by the same code as the public form
(:mod:`govportal.services.formfields`, the applicant block, uploads sniffed
and size-checked).  Applicants and their numbers are invented.  A case is
then dated back by its scenario's ``days_ago`` (submission, steps,
acceptance, pauses, result) and its time limit recomputed, so that the
supervision pages show cases on time, near their due date and overdue.
"""

import io
from datetime import timedelta
from types import SimpleNamespace

from pyramid.traversal import find_resource
from substanced.util import get_oid
from webob.multidict import MultiDict

from ..bootstrap import request_as
from ..calendar import get_calendar
from ..services import actions, clock
from ..services.formapplicant import validate_applicant
from ..services.formfields import validate
from . import files

#: root attribute: the demo's cases were filed
MARKER = "govportal_demo_cases"

#: invented applicants: name, date of birth and sequence of a GB 11643 number
PEOPLE = [
    ("张明华", "19850312", "001"),
    ("李秀英", "19900725", "002"),
    ("王建国", "19781103", "003"),
    ("刘芳", "19920214", "004"),
    ("陈志强", "19880630", "005"),
    ("杨丽", "19951108", "006"),
    ("赵磊", "19830119", "007"),
    ("黄静", "19971201", "008"),
]
SCHOOLS = ("营山县城南小学校", "营山县朗池小学校", "营山县实验小学校")

#: (guide, days ago, steps): a step is (who, action, arguments); who is
#: "lead" (the lead's editor), a department name (its editor) or
#: "applicant".  One scenario per state of the case workflow and a few more.
SCENARIOS = [
    ("zwfwj/bszn/qykb", 0, []),
    ("jyj/bszn/sljtrx", 1, []),
    (
        "jyj/bszn/sljtrx",
        2,
        [("lead", "request_supplement", ("户口簿户主页照片不清晰，请重新上传",))],
    ),
    ("jyj/bszn/sljtrx", 6, [("lead", "refuse_intake", ("申请登记的儿童不在本县学区范围内。",))]),
    ("jyj/bszn/sljtrx", 1, [("lead", "accept", ())]),
    ("jyj/bszn/sljtrx", 4, [("lead", "accept", ())]),
    ("jyj/bszn/sljtrx", 11, [("lead", "accept", ())]),
    ("zwfwj/bszn/qykb", 1, [("lead", "accept", ()), ("lead", "send_co_handling", ())]),
    (
        "zwfwj/bszn/qykb",
        2,
        [
            ("lead", "accept", ()),
            ("lead", "send_co_handling", ()),
            ("rsj", "sign_task", ("同意办理员工参保登记。",)),
        ],
    ),
    (
        "zwfwj/bszn/qykb",
        3,
        [
            ("lead", "accept", ()),
            ("lead", "send_co_handling", ()),
            ("rsj", "sign_task", ("同意。",)),
            ("wjj", "refuse_task", ("经营场所卫生检测报告缺失，不符合公共场所卫生许可条件。",)),
        ],
    ),
    (
        "jyj/bszn/sljtrx",
        5,
        [("lead", "accept", ()), ("lead", "request_correction", ("补充提供预防接种证查验证明",))],
    ),
    (
        "zwfwj/bszn/qykb",
        6,
        [
            ("lead", "accept", ()),
            ("lead", "suspend", ("testing", "经营场所卫生检测，约需5个工作日。")),
        ],
    ),
    (
        "zwfwj/bszn/qykb",
        9,
        [
            ("lead", "accept", ()),
            ("lead", "send_co_handling", ()),
            ("rsj", "sign_task", ("同意。",)),
            ("wjj", "sign_task", ("同意，已核发公共场所卫生许可证。",)),
            ("lead", "conclude", ("准予办理：已核发营业执照，印章、发票和参保登记已同步办结。",)),
            ("applicant", "rate", (5, "一次办好，窗口服务热情。")),
        ],
    ),
    (
        "jyj/bszn/sljtrx",
        8,
        [
            ("lead", "accept", ()),
            ("lead", "conclude", ("准予入学登记，请于8月28日持入学通知书到校报到。",)),
            ("applicant", "rate", (2, "等待时间较长。")),
            ("lead", "answer", ("已优化入学登记审核流程，审核时间缩短至3个工作日。",)),
        ],
    ),
    (
        "jyj/bszn/sljtrx",
        7,
        [("lead", "accept", ()), ("lead", "deny", ("经核实，该儿童已在外县学校注册学籍。",))],
    ),
]


def id_number(birth, sequence, region="511322"):
    """A GB 11643 citizen number with its check character."""
    body = f"{region}{birth}{sequence}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(body, weights, strict=True))
    return body + "10X98765432"[total % 11]


def _upload(name):
    data = files.pdf_bytes(f"Demo material {name}", ["Uploaded with a demo application."])
    return SimpleNamespace(filename=f"{name}.pdf", file=io.BytesIO(data))


def _post(guide, index):
    """The public form's POST for case ``index`` of ``guide``."""
    name, birth, sequence = PEOPLE[index % len(PEOPLE)]
    post = MultiDict(
        applicant_type="个人", applicant_name=name, applicant_id_number=id_number(birth, sequence)
    )
    post.add("applicant_phone", f"1380817{index:04d}")
    post.add("applicant_email", "")
    if guide.__name__ == "qykb":
        post.update(
            company_name=f"营山县{name[0]}氏商贸有限公司",
            company_type="有限责任公司",
            premises=f"四川省南充市营山县城南街道人和路{index + 10}号",
            scope="日用百货、文具用品零售；家用电器销售。",
            open_date="2027-03-01",
        )
        post.add("services", "员工参保登记")
        post.add("services", "公共场所卫生许可")
    else:
        post.update(
            child_name=f"{name[0]}小{'明红军芳'[index % 4]}",
            child_id=id_number(f"2020{index % 9 + 1:02d}01", f"{index + 10:03d}"),
            birth_date=f"2020-{index % 9 + 1:02d}-01",
            grade="小学一年级",
            school=SCHOOLS[index % len(SCHOOLS)],
            household="本县户籍",
            home_address=f"四川省南充市营山县朗池街道教育路{index + 3}号",
        )
    for spec in guide.form_fields:
        if spec["kind"] == "file" and spec.get("required"):
            post.add(spec["name"], _upload(spec["name"]))
    return post


def _file_case(request, guide, index):
    post = _post(guide, index)
    applicant, errors = validate_applicant(post, guide.user_types, request)
    values, uploads, field_errors = validate(guide.form_fields, post, request)
    errors.update(field_errors)
    if errors:
        raise ValueError(f"demo application to {guide.title}: {errors}")
    case, _code = actions.submit(request, guide, applicant, values, uploads)
    return case


def _run(request, as_user, case, action, args):
    from ..services import ratings  # 好差评 (the applicant's rating, the answer)

    if action == "rate":
        ratings.rate(request, case, *args)
    elif action == "answer":
        ratings.answer(as_user, case, *args)
    elif action in ("sign_task", "refuse_task"):
        task = next(t for t in actions.open_tasks(case) if t.department == _dept(as_user))
        getattr(actions, action)(as_user, task, *args)
    else:
        getattr(actions, action)(as_user, case, *args)


def _dept(request):
    return request.demo_department


def _backdate(case, days, registry, calendar):
    """Move ``case``'s dates ``days`` back and recompute its time limit."""
    if not days:
        return
    delta = timedelta(days=days)

    def back(value):
        return value - delta if value is not None else None

    case.submitted_at = back(case.submitted_at)
    case.steps = tuple(dict(s, at=back(s["at"])) for s in case.steps)
    case.accepted_on = back(case.accepted_on)
    case.pauses = tuple(
        dict(p, start=back(p["start"]), end=back(p.get("end"))) for p in case.pauses or ()
    )
    case.concluded_on = back(case.concluded_on)
    for attr, keys in (
        ("supplement", ("requested_on", "respond_by")),
        ("result", ("decided_on",)),
        ("certificate", ("issued_on",)),
        ("rating", ("at",)),
        ("rectification", ("opened_on", "due", "answered_at", "answered_on")),
    ):
        value = getattr(case, attr, None)
        if value:
            setattr(case, attr, dict(value, **{k: back(value.get(k)) for k in keys}))
    for task in case.tasks.values():
        task.created_at = back(task.created_at)
        task.signed_at = back(task.signed_at)
    if case.accepted_on is not None:
        case.due, case.legal_due, case.due_uncertain_years = clock.compute(case, calendar)


def build_cases(root, request, principals, guides=None):
    """File the demo's cases (once); returns them."""
    if getattr(root, MARKER, False):
        return []
    users = principals["users"]
    calendar = get_calendar(root)
    made = []
    for index, (path, days_ago, steps) in enumerate(SCENARIOS):
        guide = find_resource(root, path)
        lead = path.split("/")[0]
        case = _file_case(request, guide, index)
        for who, action, args in steps:
            department = lead if who in ("lead", "applicant") else who
            as_user = request
            if who != "applicant":
                as_user = request_as(request, get_oid(users[f"{department}_editor"]))
            as_user.demo_department = department
            _run(request, as_user, case, action, args)
        _backdate(case, days_ago, request.registry, calendar)
        made.append(case)
    setattr(root, MARKER, True)
    return made
