"""Helpers of the public service pages' tests: a published online guide, the
apply form posted through HTTP, staff steps run through the case engine."""

import re

from pyramid.traversal import find_resource
from substanced.util import get_oid

from govportal.bootstrap import request_as, site_session
from govportal.workflow import get_workflow

from ..conftest import csrf_token, read_root

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PATH = "/jyj/bszn/h4-guide/"

#: The guide's own fields: text, choice, multichoice, date, id number, file.
SPECS = (
    {"name": "child_name", "label": "儿童姓名", "kind": "text", "required": True, "max_length": 20},
    {"name": "child_id", "label": "儿童身份证号码", "kind": "id_number", "required": True},
    {
        "name": "grade",
        "label": "年级",
        "kind": "choice",
        "required": True,
        "choices": ("一年级", "七年级"),
    },
    {"name": "needs", "label": "需求", "kind": "multichoice", "choices": ("午餐", "校车")},
    {"name": "birth", "label": "出生日期", "kind": "date", "required": True},
    {
        "name": "hukou",
        "label": "户口簿",
        "kind": "file",
        "required": True,
        "extensions": ("pdf", "jpg", "png"),
        "max_mb": 1,
    },
)

GUIDE = {
    "title": "测试入学登记",
    "item_type": "public_service",
    "basis": "《中华人民共和国义务教育法》第十二条。",
    "conditions": "适龄儿童。",
    "materials": (
        {
            "name": "户口簿",
            "form": "electronic",
            "count": 1,
            "required": True,
            "note": "",
            "template": "",
            "example": "",
        },
    ),
    "location": "营山县教育局",
    "fee": "不收费",
    "fee_basis": "不收费",
    "legal_days": 10,
    "promised_days": 5,
    "hours": "工作日",
    "consult_phone": "0817-8221101",
    "supervise_phone": "0817-8221110",
    "process": ({"title": "申请", "description": "网上申请"},),
    "themes": ("education",),
    "user_types": ("person",),
    "life_events": ("schooling",),
    "online_mode": "here",
    "form_fields": SPECS,
    "result_name": "入学通知书",
    "certificate": True,
}


def resident_id(base17="51132220190501001"):
    """``base17`` with its GB 11643 check character."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(base17, weights, strict=True))
    return base17 + "10X98765432"[total % 11]


CHILD_ID = resident_id()


def make_guide(wsgi_app, site="jyj", name="h4-guide", publish=True, **attrs):
    """A guide in ``/<site>/bszn/`` (published through the workflow)."""
    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        users = root["principals"]["users"]
        editor, reviewer = users[f"{site}_editor"], users[f"{site}_reviewer"]
        values = dict(GUIDE, last_editor=get_oid(editor))
        values.update(attrs)
        guide = request.registry.content.create("ServiceGuide", **values)
        find_resource(root, f"/{site}/bszn")[name] = guide
        if publish:
            workflow = get_workflow(guide, request.registry)
            workflow.transition(guide, request_as(request, get_oid(editor)), "submit", comment="")
            workflow.transition(
                guide, request_as(request, get_oid(reviewer)), "approve", comment=""
            )
    return f"/{site}/bszn/{name}/"


def hidden(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no {name} on the page"
    return match.group(1)


def fields(**overrides):
    data = {
        "applicant_name": "张三",
        "applicant_id_number": "11010519491231002X",
        "applicant_phone": "13800138000",
        "applicant_email": "",
        "child_name": "张小三",
        "child_id": CHILD_ID,
        "grade": "一年级",
        "birth": "2019-05-01",
        "homepage": "",
    }
    data.update(overrides)
    return data


def apply(client, path=PATH, status=200, remote="192.0.2.1", files=None, page=None, **overrides):
    """Post the form (``action=submit`` unless given) from ``remote``."""
    page = page or client.get(path + "@@apply", status=200)
    data = fields(**overrides)
    data.setdefault("action", "submit")
    data["csrf_token"] = csrf_token(page.text)
    data.setdefault("submission_token", hidden(page.text, "submission_token"))
    data.setdefault("draft_token", hidden(page.text, "draft_token"))
    data.setdefault("resume_code", hidden(page.text, "resume_code"))
    uploads = [("hukou", "hukou.pdf", PDF)] if files is None else files
    return client.post(
        path + "@@apply",
        data,
        upload_files=uploads,
        status=status,
        extra_environ={"REMOTE_ADDR": remote},
    )


NUMBER = re.compile(r'id="case-number">([^<]+)<')
CODE = re.compile(r'id="tracking-code"><strong>([0-9A-Z-]+)</strong>')


def submitted(res):
    """(number, code) of a done page."""
    return NUMBER.search(res.text).group(1), CODE.search(res.text).group(1)


def cases_of(wsgi_app, site="jyj"):
    from govportal.services.cases import find_case_box

    def read(root):
        box = find_case_box(root[site] if site else root)
        return [] if box is None else [(c.__name__, dict(c.values)) for c in box.values()]

    return read_root(wsgi_app, read)


def staff_step(wsgi_app, number, login, step, *args, site="jyj", **kw):
    """Run ``actions.<step>(request, case, ...)`` as ``login``."""
    from govportal.services import actions
    from govportal.services.cases import find_case_box

    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        user = root["principals"]["users"][login]
        case = find_case_box(root[site] if site else root).get(number)
        as_user = request_as(request, get_oid(user))
        as_user.context = case
        getattr(actions, step)(as_user, case, *args, **kw)


def error_of(html, name):
    match = re.search(rf'id="f-err-{name}">([^<]*)<', html)
    return match.group(1) if match else None
