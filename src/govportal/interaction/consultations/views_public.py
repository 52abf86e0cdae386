"""The public pages of 意见征集 (regulation 第二十六条).

``<consultation>`` (permission ``view``)
    status (即将开始 / 征集中 / 已结束), dates, the summary, the draft and its
    files, the contact; while open the comment form (name optional, phone
    required, email optional, the text, consent, honeypot, one-time token);
    the comments shown after moderation (masked) unless the consultation
    hides them; the link to the published adoption report.
``<consultation>/@@comment`` (POST, CSRF, permission ``view``)
    stores the comment once (:func:`..contributions.actions.submit_contribution`);
    bad input: the page again with the messages, 400, nothing stored; a
    closed consultation: 400; too many from one address: 429.
``<report>`` (permission ``view``)
    the adoption report: counts, 总体情况, each row, the link back.
``<site>/@@consultations``
    the site's published consultations: open first, then upcoming, then
    closed with "采纳情况已公布" or "待公布".

Pages with the form carry the session's CSRF token: never cached.
"""

import re
from datetime import date

from pyramid.httpexceptions import HTTPBadRequest
from substanced.interfaces import IRoot

from ... import sitetime
from ...cache import dont_cache
from ...content import IDepartment
from ...i18n import _, translate
from ...media.references import render_references
from ...media.store import downloads
from ...public.links import route_external_links
from ...public.listing import page_number, published_page
from ...submissions import FIELD as SUBMISSION_FIELD
from ...submissions import SubmissionRefused, issue, submitted_token
from ...workflow import get_workflow
from ..contributions import actions as contributions
from .model import (
    CLOSED,
    DECISION_TITLES,
    OPEN,
    STATUS_TITLES,
    UPCOMING,
    IAdoptionReport,
    IConsultation,
    consultation_of,
    report_of,
)

TEMPLATES = "govportal.interaction.consultations:templates/"
HONEYPOT = "homepage"
KIND = "comment"
#: shown comments per page of the consultation
COMMENTS_PER_PAGE = 50
_MIN = date(1970, 1, 1)
PHONE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$")
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}$")


def published_report(consultation, request):
    """The consultation's report when visitors may read it, else None."""
    report = report_of(consultation)
    if report is None or not get_workflow(report, request.registry).is_public(report):
        return None
    return report


def consultation_page(context, request, **values):
    dont_cache(request)
    request.response.headers["Cache-Control"] = "private, no-store"
    registry = request.registry
    status = context.status()
    shown, total = [], 0
    if context.show_comments == "moderated":
        every = contributions.shown(context, registry, KIND)
        total = len(every)
        pages = max(1, -(-total // COMMENTS_PER_PAGE))
        number = min(page_number(request), pages)
        start = (number - 1) * COMMENTS_PER_PAGE
        shown = [
            {
                "number": c.__name__,
                "text": contributions.public_text(c),
                "on": sitetime.local(c.submitted_at).date(),
            }
            for c in every[start : start + COMMENTS_PER_PAGE]
        ]
    base = {
        "status": status,
        "status_title": STATUS_TITLES[status],
        "is_open": status == OPEN,
        "upcoming": status == UPCOMING,
        "closed": status == CLOSED,
        "body": route_external_links(render_references(context.body, request, context), request),
        "attachments": downloads(context),
        "shown": shown,
        # the site's pager macro
        "page": min(page_number(request), max(1, -(-total // COMMENTS_PER_PAGE))),
        "pages": max(1, -(-total // COMMENTS_PER_PAGE)),
        "total": total,
        "query_prefix": "",
        "hidden_mode": context.show_comments != "moderated",
        "received": contributions.counts(context, registry, KIND)["total"],
        "report": published_report(context, request),
        "csrf_token": request.session.get_csrf_token(),
        "submission_field": SUBMISSION_FIELD,
        "submission_token": issue(request, contributions.token_kind(KIND))
        if status == OPEN
        else "",
        "honeypot": HONEYPOT,
        "values": {},
        "errors": {},
        "form_error": None,
        "done": None,
        "max_chars": contributions.max_chars(registry),
    }
    base.update(values)
    return base


def consultation_view(context, request):
    return consultation_page(context, request)


def _form_values(request):
    return {
        name: (request.POST.get(name) or "").strip()
        for name in ("name", "phone", "email", "text", "consent")
    }


def check_form(values):
    """Field messages (``{field: message}``) for the comment form."""
    errors = {}
    if len(values["name"]) > 40:
        errors["name"] = _("comment-name", default="姓名不能超过 40 字。")
    if not PHONE.match(values["phone"].replace(" ", "")):
        errors["phone"] = _(
            "comment-phone", default="请填写正确的联系电话（手机号或带区号的固定电话）。"
        )
    if values["email"] and not EMAIL.match(values["email"]):
        errors["email"] = _("comment-email", default="电子邮箱格式不正确。")
    if not values["consent"]:
        errors["consent"] = _(
            "comment-consent",
            default="请确认已阅读并同意：意见经审核后可能公开显示（个人信息不公开）。",
        )
    return errors


def comment_view(context, request):
    values = _form_values(request)
    posted = submitted_token(request)

    def again(status, errors=None, form_error=None):
        request.response.status_int = status
        request.tm.doom()
        return consultation_page(
            context,
            request,
            values=values,
            errors={k: translate(request, v) for k, v in (errors or {}).items()},
            form_error=translate(request, form_error) if form_error else None,
            submission_token=posted or issue(request, contributions.token_kind(KIND)),
        )

    if request.POST.get(HONEYPOT):
        robot = _("comment-robot", default="提交未被接受，请刷新页面后重新填写。")
        return again(400, form_error=robot)
    errors = check_form(values)
    text_errors = contributions.check_text(request, context, KIND, values["text"])
    if text_errors and context.status() != OPEN:
        return again(400, form_error=text_errors[0])
    if text_errors:
        errors["text"] = text_errors[0]
    if errors:
        return again(
            400,
            errors,
            _("comment-form-errors", default="意见未提交：请按提示修改标出的栏目。"),
        )
    writer = {
        "name": values["name"],
        "phone": values["phone"].replace(" ", ""),
        "email": values["email"],
    }
    try:
        outcome = contributions.submit_contribution(request, context, KIND, values["text"], writer)
    except contributions.RateLimited as e:
        return again(429, form_error=e.message)
    except contributions.ContributionRefused as e:
        return again(400, form_error=e.messages[0])
    except SubmissionRefused as e:
        return again(400, form_error=e.message)
    return consultation_page(context, request, done=outcome)


def report_view(context, request):
    consultation = consultation_of(context)
    registry = request.registry
    received = contributions.counts(consultation, registry, KIND)["total"] if consultation else 0
    visible = consultation is not None and request.has_permission("view", consultation)
    return {
        "consultation": consultation if visible else None,
        "counts": context.counts(received),
        "decision_titles": DECISION_TITLES,
    }


def listing_rows(site, request):
    """Published consultations of ``site`` (not those of its departments),
    open first, then upcoming, then closed (newest first within each)."""
    items, _total = published_page(site, deep=True, limit=500, types=("Consultation",))
    from ...workspace.queries import site_of

    order = {OPEN: 0, UPCOMING: 1, CLOSED: 2}
    rows = []
    for item in items:
        if site_of(item) is not site:
            continue
        status = item.status()
        rows.append(
            {
                "item": item,
                "status": status,
                "status_title": STATUS_TITLES[status],
                "report": published_report(item, request),
            }
        )
    rows.sort(key=lambda r: (order[r["status"]], -(r["item"].opens_on or _MIN).toordinal()))
    return rows


def listing_view(context, request):
    if request.method not in ("GET", "HEAD"):
        raise HTTPBadRequest()
    return {"rows": listing_rows(context, request)}


def includeme(config):
    config.add_view(
        consultation_view,
        context=IConsultation,
        permission="view",
        renderer=TEMPLATES + "consultation.pt",
    )
    config.add_view(
        comment_view,
        context=IConsultation,
        name="comment",
        permission="view",
        request_method="POST",
        renderer=TEMPLATES + "consultation.pt",
    )
    config.add_view(
        report_view, context=IAdoptionReport, permission="view", renderer=TEMPLATES + "report.pt"
    )
    for iface in (IRoot, IDepartment):
        config.add_view(
            listing_view,
            context=iface,
            name="consultations",
            permission="view",
            renderer=TEMPLATES + "list.pt",
        )
