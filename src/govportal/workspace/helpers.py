"""Small display helpers the workspace templates share."""

from html import escape
from urllib.parse import urlencode

from pyramid.httpexceptions import HTTPFound
from substanced.util import find_objectmap

from ..content import find_department
from ..i18n import _, translate
from ..workflow import get_workflow
from ..workflow.history import DISPLAY_TZ, get_history
from . import integration
from .queries import column_label, submitted_at, waiting_time


def require_login(request):
    """A redirect to the sign-in form (``/@@login``, govportal.accounts) for
    anonymous users, else None; the page asked for is its ``came_from``
    (the SDI's login form is no entry point: the SDI is the system
    administrator's only)."""
    if request.authenticated_userid is None:
        query = urlencode({"came_from": request.path_qs})
        return HTTPFound(request.application_url + "/@@login?" + query)
    return None


def local(when, fmt="%Y-%m-%d %H:%M"):
    return when.astimezone(DISPLAY_TZ).strftime(fmt) if when is not None else ""


def user_name(request, userid):
    if userid is None:
        return ""
    try:
        user = find_objectmap(request.root).object_for(int(userid))
    except (TypeError, ValueError):
        return ""
    return getattr(user, "__name__", "") if user is not None else ""


def site_title(site):
    if site.__parent__ is None:
        return "门户网站"
    return site.title


def live_of(item):
    """The live document a working copy belongs to (the item itself otherwise)."""
    return item.__parent__ if integration.is_working_copy(item) else item


def column_of(item):
    """The column an item (or its live document) is in."""
    return live_of(item).__parent__


def where(item):
    """``部门 · 栏目`` of an item (a working copy: its live document's)."""
    column = item.__parent__
    if integration.is_working_copy(item):
        column = getattr(column, "__parent__", column)
    dept = find_department(item)
    label = column_label(column)
    return f"{dept.short_title or dept.title} · {label}" if dept is not None else label


def submitter(request, item):
    for record in reversed(get_history(item)):
        if record.transition == "submit":
            return record.actor_name
    return user_name(request, getattr(item, "last_editor", None))


def waited(request, item):
    days, hours = waiting_time(submitted_at(item))
    return translate(
        request,
        _("ws-waited", default="${days} 天 ${hours} 小时", mapping={"days": days, "hours": hours}),
    )


def dates(item):
    parts = []
    if getattr(item, "publish_date", None):
        parts.append(f"发布 {item.publish_date}")
    for attr, label in (("effective_date", "定时发布"), ("expiry_date", "到期归档")):
        value = getattr(item, attr, None)
        if value:
            text = local(value) if hasattr(value, "astimezone") else str(value)
            parts.append(f"{label} {text}")
    return "；".join(parts)


def _findings(report):
    if report is None:
        return []
    if isinstance(report, dict):
        return list(report.get("findings", ()))
    return list(getattr(report, "findings", ()) or ())


def _blocking(report, findings):
    if isinstance(report, dict) and "blocking" in report:
        return bool(report["blocking"])
    if hasattr(report, "blocking") and not callable(report.blocking):
        return bool(report.blocking)
    return any(_finding_attr(f, "severity") in ("block", "blocking", "error") for f in findings)


def _finding_attr(finding, name, default=None):
    if isinstance(finding, dict):
        return finding.get(name, default)
    return getattr(finding, name, default)


def check_badge(item):
    """HTML badge for an item's stored check report (empty if none)."""
    report = integration.check_report(item)
    if report is None:
        return '<span class="ws-muted">未检查</span>'
    findings = _findings(report)
    if not findings:
        return '<span class="ws-ok">通过</span>'
    cls = "ws-bad" if _blocking(report, findings) else "ws-warn"
    return f'<span class="{cls}">发现 {len(findings)} 处问题</span>'


def lock_text(request, item):
    lock = integration.lock_of(item)
    if lock is None:
        return ""
    return translate(
        request,
        _(
            "ws-lock-text",
            default="${name} 正在编辑（锁定至 ${until}）",
            mapping={"name": lock.holder_name, "until": lock.local_expires.strftime("%H:%M")},
        ),
    )


def lock_is_mine(request, lock):
    return lock.held_by(request.authenticated_userid)


def state_title_for(request, item):
    workflow = get_workflow(item, request.registry)
    return workflow.state_title(workflow.state_of(item)) if workflow else ""


def esc(value):
    return escape(value)
