"""What the staff pages show of a case (the lead's case page and a
co-handling department's task page): one dict per case, built with the
user's permissions on the case.

Personal data — the applicant, the form's values and the materials — are
included only with ``view_applicant`` on the case (the lead's and the
co-handling departments' staff); 电子监察员 and auditors, who hold
``view_case`` alone, get the case, its clock, its tasks and its history.
"""

from urllib.parse import quote

from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound
from pyramid.response import Response
from pyramid.traversal import find_resource, find_root

from .. import sitetime
from ..i18n import _, translate
from ..workflow import get_workflow
from ..workflow.history import get_history
from . import clock
from .cases import lead_site
from .sites import site_named, site_title
from .vocabulary import PAUSE_KINDS, USER_TYPES, title_of

#: the label of the text each step asks for
COMMENT_TITLES = {
    "refuse_intake": _("不予受理理由"),
    "close_unsupplemented": _("说明（申请人逾期未补齐的情况）"),
    "request_correction": _("需补正的内容（补正期间暂停计时）"),
    "suspend": _("特别程序说明"),
    "deny": _("不予许可理由"),
    "resume": _("说明（可选）"),
}


def department_title(context, name):
    site = site_named(find_root(context), name)
    return site_title(site) if site is not None else name


def find_guide(case):
    """The guide the case was filed on (None if it is gone)."""
    try:
        return find_resource(find_root(case), case.guide_path)
    except (KeyError, TypeError, ValueError):
        return None


def _text(value):
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return "" if value is None else str(value)


def form_rows(request, case, base):
    """(label, text, [(title, url)]) for each field of the case's form."""
    rows = []
    for spec in case.form:
        value = case.values.get(spec.get("name"))
        if spec.get("kind") == "file":
            names = value if isinstance(value, list | tuple) else ([value] if value else [])
            links = []
            for name in names:
                item = case.materials.get(name)
                if item is not None:
                    links.append((item.filename, f"{base}/file/{quote(name, safe='')}"))
            rows.append((spec.get("label", spec.get("name")), "", links))
        else:
            rows.append((spec.get("label", spec.get("name")), _text(value), []))
    return rows


def materials(case, base):
    return [
        {
            "name": name,
            "filename": item.filename,
            "title": item.title,
            "field": item.field,
            "size": item.size,
            "uploaded": sitetime.local(item.uploaded_at).strftime("%Y-%m-%d %H:%M"),
            "url": f"{base}/file/{quote(name, safe='')}",
        }
        for name, item in case.materials.items()
    ]


def task_rows(request, case):
    rows = []
    for task in case.tasks.values():
        workflow = get_workflow(task, request.registry)
        rows.append(
            {
                "name": task.__name__,
                "department": department_title(case, task.department),
                "department_name": task.department,
                "round": task.round,
                "state_title": workflow.state_title(workflow.state_of(task)),
                "outcome": task.outcome,
                "signed_at": sitetime.local(task.signed_at).strftime("%Y-%m-%d %H:%M")
                if task.signed_at
                else "",
                "opinion": task.opinion,
            }
        )
    rows.sort(key=lambda r: (-r["round"], r["department"]))
    return rows


def history_rows(case, workflow):
    return [
        {
            "when": record.local_when.strftime("%Y-%m-%d %H:%M"),
            "actor": record.actor_name,
            "transition": workflow.transition_title(record.transition),
            "to": workflow.state_title(record.to_state),
            "comment": record.comment,
        }
        for record in get_history(case)
    ]


def _pause_rows(request, case):
    running = translate(request, _("进行中"))
    return [
        {
            "kind": translate(request, title_of(PAUSE_KINDS, p.get("kind"))),
            "start": _text(p.get("start")),
            "end": _text(p.get("end")) or running,
            "note": p.get("note", ""),
        }
        for p in case.pauses
    ]


def case_info(request, case, base=None, offered=()):
    """Everything the user may see of ``case`` (see the module docstring);
    ``base`` is the URL of the case's page (file links hang below it);
    ``offered`` the transitions the page has forms for (those the user may
    run now are listed in ``steps``)."""
    registry = request.registry
    workflow = get_workflow(case, registry)
    state = workflow.state_of(case)
    today = clock.today()
    if base is None:
        base = request.resource_url(lead_site(case), "@@cases", case.__name__)
    personal = request.has_permission("view_applicant", case)
    applicant = None
    if personal:
        applicant = dict(case.applicant)
        applicant["type_title"] = translate(
            request, title_of(USER_TYPES, applicant.get("type", ""))
        )
    steps = [t["name"] for t in workflow.get_transitions(case, request) if t["name"] in offered]
    guide = find_guide(case)
    result_file = (case.result or {}).get("file")
    return {
        "case": case,
        "state": state,
        "state_title": workflow.state_title(state),
        "lead_title": department_title(case, case.lead),
        "submitted": sitetime.local(case.submitted_at).strftime("%Y-%m-%d %H:%M"),
        "used": clock.workdays_used(case, today) if case.accepted_on else None,
        "left": clock.workdays_left(case, today) if case.accepted_on else None,
        "warning": clock.warning_level(case, today, registry=registry),
        "legal_due": getattr(case, "legal_due", None),
        "pauses": _pause_rows(request, case),
        "personal": personal,
        "applicant": applicant,
        "form_rows": form_rows(request, case, base) if personal else [],
        "materials": materials(case, base) if personal else [],
        "guide_materials": [m.get("name", "") for m in getattr(guide, "materials", ())],
        "guide_certificate": bool(getattr(guide, "certificate", False)),
        "tasks": task_rows(request, case),
        "returns": [
            dict(r, department=department_title(case, r.get("department")), at=_text(r.get("at")))
            for r in case.returns
        ],
        "history": history_rows(case, workflow),
        "steps": steps,
        "step_titles": {name: workflow.transition_title(name) for name in steps},
        "co_titles": [department_title(case, d) for d in case.co_departments],
        "comment_titles": {k: translate(request, v) for k, v in COMMENT_TITLES.items()},
        "pause_kinds": [(c, translate(request, t)) for c, t in PAUSE_KINDS if c != "correction"],
        "certificate_url": f"{base}/certificate"
        if (case.certificate or {}).get("code_hash") and personal
        else None,
        "result_url": f"{base}/file/{quote(result_file, safe='')}"
        if result_file and personal
        else None,
        "today": today,
        "base": base,
    }


def file_response(request, case, name):
    """A material or result file of ``case`` (``view_applicant``), as a
    download that is never cached and never sniffed into something else."""
    if not request.has_permission("view_applicant", case):
        raise HTTPForbidden()
    item = case.materials.get(name)  # the result file is a material too
    if item is None:
        raise HTTPNotFound()
    return download(item)


def download(item, fallback="file"):
    """The :class:`.cases.CaseFile` ``item`` as an attachment (named
    ``fallback`` when it has no name), never cached, never sniffed."""
    with item.open() as f:
        body = f.read()
    response = Response(body=body, content_type=item.mimetype or "application/octet-stream")
    response.content_disposition = "attachment; filename*=UTF-8''" + quote(
        item.filename or fallback, safe=""
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
