"""Helpers of the staff case tests: cases filed on the demo's online guides
(the public form is another part: cases are filed with the engine's own
``submit``), users with a global role, and the step forms posted over HTTP."""

import re

from pyramid.traversal import find_resource
from substanced.util import get_oid

from govportal.bootstrap import site_session
from govportal.security.localroles import grant_roles
from govportal.services import actions

from ..conftest import csrf_token, known_credentials, read_root

#: The demo's parallel-approval guide: lead 政务服务局, co-handlers 人社局 and 卫健局.
QYKB = "/zwfwj/bszn/qykb"
#: The demo's 教育局 guide without co-handlers.
SLJTRX = "/jyj/bszn/sljtrx"
APPLICANT = {
    "type": "person",
    "name": "王晓明",
    "id_number": "11010519491231002X",
    "phone": "13912345678",
    "email": "wxm@example.com",
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
QYKB_VALUES = {
    "company_name": "营山县晓明商贸有限公司",
    "company_type": "有限责任公司",
    "premises": "营山县朗池镇建设路8号",
    "scope": "日用百货零售",
}
SLJTRX_VALUES = {
    "child_name": "王小丫",
    "child_id": "11010520200101002X",
    "grade": "小学一年级",
    "school": "营山县城南小学校",
    "household": "本县户籍",
    "home_address": "营山县朗池镇建设路8号",
}


def file_case(wsgi_app, guide=QYKB, applicant=APPLICANT, values=None, files=None):
    """File a case on ``guide`` (as the public form would); returns its number."""
    if values is None:
        values = QYKB_VALUES if guide == QYKB else SLJTRX_VALUES
    if files is None and guide == QYKB:
        files = {
            "identity": [("身份证.pdf", PDF, "application/pdf")],
            "premises_proof": [("租赁合同.pdf", PDF, "application/pdf")],
        }
    with site_session(wsgi_app.registry) as (zodb_root, request):
        item = find_resource(zodb_root["app_root"], guide)
        case, _code = actions.submit(request, item, dict(applicant), dict(values), files)
        return case.__name__


def add_user(wsgi_app, login, role):
    """A user holding ``role`` on the portal (e.g. the global ``supervisor``)."""
    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        principals = root["principals"]
        user = principals.add_user(
            login, "Initial-passw0rd!", f"{login}@localhost", registry=request.registry
        )
        known_credentials(user, request)
        grant_roles(root, get_oid(user), role)


def case_url(site, number):
    return f"/{site}/@@cases/{number}" if site else f"/@@cases/{number}"


def task_url(site, lead, number):
    return f"/{site}/@@tasks/{lead or '-'}/{number}"


def post_step(client, url, step, status=303, upload_files=None, token=None, **fields):
    """Post the step form ``step`` of the page at ``url`` as ``client``
    (``token``: the session's CSRF token, when the page has no form left)."""
    token = token or csrf_token(client.get(url, status=200).text)
    data = dict(fields, step=step, csrf_token=token)
    if upload_files:
        return client.post(url, data, upload_files=upload_files, status=status)
    return client.post(url, data, status=status)


def state_of(wsgi_app, site, number):
    from govportal.services.cases import find_case_box
    from govportal.workflow import get_state

    def read(root):
        site_obj = root[site] if site else root
        return get_state(find_case_box(site_obj).get(number), wsgi_app.registry)

    return read_root(wsgi_app, read)


def read_case(wsgi_app, site, number, fn):
    from govportal.services.cases import find_case_box

    def read(root):
        site_obj = root[site] if site else root
        return fn(find_case_box(site_obj).get(number))

    return read_root(wsgi_app, read)


def text_of(html, ident):
    match = re.search(rf'<(\w+)[^>]*\bid="{ident}"[^>]*>(.*?)</\1>', html, re.S)
    assert match, f"no #{ident} on the page"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(2)).split())
