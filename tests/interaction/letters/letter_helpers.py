"""Helpers of the public letter pages' tests: the form read and posted over
HTTP (its CSRF, submission and challenge tokens, the challenge answered)."""

import re

from govportal.interaction.letters import challenge
from govportal.interaction.letters.model import find_box

from ...conftest import csrf_token, read_root

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

FIELDS = {
    "channel": "mailbox",
    "name": "王小明",
    "phone": "13800138000",
    "email": "",
    "address": "",
    "category": "education",
    "subject": "关于城南小学放学时段交通拥堵的建议",
    "body": "每天下午放学时城南小学门口车辆拥堵，建议增派交警疏导。我的电话13912345678。",
    "may_publish": "yes",
}

HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"')
QUESTION = re.compile(r"验证问题：([^<]+?)<")
NUMBERS = {n: challenge.chinese(n) for n in range(100)}


def solve(question):
    """The answer of a challenge question as the page shows it."""
    text = question.rstrip("等于几？")
    for op, fn in (("加", int.__add__), ("减", int.__sub__), ("乘以", int.__mul__)):
        if op in text:
            a, b = text.split(op)
            value = {v: k for k, v in NUMBERS.items()}
            return str(fn(value[a], value[b]))
    raise AssertionError(f"unknown question {question!r}")


def form_state(html):
    """The hidden fields and the challenge answer of a rendered form."""
    hidden = dict(HIDDEN.findall(html))
    hidden["challenge_answer"] = solve(QUESTION.search(html).group(1))
    return hidden


def post_letter(app, site="/", status=200, upload_files=None, extra_environ=None, **changes):
    """GET the form, POST a letter (``changes`` over :data:`FIELDS`)."""
    page = app.get(site.rstrip("/") + "/@@write", extra_environ=extra_environ)
    fields = dict(form_state(page.text), **FIELDS)
    fields["csrf_token"] = csrf_token(page.text)
    fields.update(changes)
    fields = {k: v for k, v in fields.items() if v is not None}
    return app.post(
        site.rstrip("/") + "/@@write",
        fields,
        upload_files=upload_files or [],
        status=status,
        extra_environ=extra_environ,
    )


def number_and_code(res):
    number = re.search(r'id="letter-number"><strong>([^<]+)<', res.text).group(1)
    code = re.search(r'id="query-code">([^<]+)<', res.text).group(1)
    return number, code


def wsgi_of(app):
    """The WSGI app (with its registry) behind a webtest client or Browser."""
    while not hasattr(app, "registry"):
        app = app.app
    return app


def read(app, fn):
    return read_root(wsgi_of(app), fn)


def letters_of(app, site_name=""):
    """The letters of a site the tests wrote (the demo's have other writers)."""

    def read(root):
        site = root[site_name] if site_name else root
        box = find_box(site)
        if box is None:
            return {}
        return {
            n: (letter.subject, letter.writer["name"])
            for n, letter in box.items.items()
            if letter.writer.get("name") == FIELDS["name"]
        }

    return read_root(wsgi_of(app), read)


REPLY = "您好！已安排交警在放学时段到城南小学门口疏导交通。联系人张警官，电话13700001111。"


def answer_letter(app, number, site_name="", publish=True, reply=REPLY, rating=None):
    """Take letter ``number`` through the workflow to answered (and published):
    accepted by the site's editor, the reply drafted by him and approved by
    its reviewer, published with its masked text."""
    from datetime import UTC, datetime

    from substanced.util import get_oid

    from govportal.bootstrap import request_as, site_session
    from govportal.checks.personal import mask_text
    from govportal.interaction.letters import clock
    from govportal.workflow import get_workflow

    prefix = site_name or "portal"
    with site_session(wsgi_of(app).registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        users = root["principals"]["users"]
        editor = request_as(request, get_oid(users[f"{prefix}_editor"]))
        reviewer = request_as(request, get_oid(users[f"{prefix}_reviewer"]))
        letter = find_box(root[site_name] if site_name else root).get(number)
        workflow = get_workflow(letter, request.registry)
        workflow.transition(letter, editor, "accept", comment="")
        letter.reply = {"text": reply, "by": get_oid(users[f"{prefix}_editor"]), "at": None}
        workflow.transition(letter, editor, "submit_reply", comment="")
        workflow.transition(letter, reviewer, "approve_reply", comment="")
        letter.answered_on = clock.today()
        letter.answered_at = datetime.now(UTC)
        letter.public = {
            "subject": mask_text(letter.subject)[0],
            "body": mask_text(letter.body)[0],
            "reply": mask_text(reply)[0],
        }
        if publish and letter.may_publish:
            workflow.transition(letter, reviewer, "publish", comment="")
