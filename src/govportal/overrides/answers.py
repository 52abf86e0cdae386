"""How the SDI overrides refuse: one exception, one Chinese page (staff
chrome) or JSON, one audit record per refused request.

- :class:`SDIRefused` — a request to the SDI that is not allowed (not the
  system administrator, or a Substance D function we switched off);
- :class:`ContentRefused` — a removal, move or copy refused at the event
  level, from any path (SDI, workspace, scripts run in a request).  It is a
  :class:`~govportal.workflow.errors.TransitionRefused`, so code that runs
  transitions (a working copy's merge removes attachments) shows it as it
  shows a refused transition.
"""

from pyramid.response import Response
from pyramid.security import NO_PERMISSION_REQUIRED
from substanced.sdi import MANAGE_ROUTE_NAME

from ..i18n import _, translate
from ..security.events import record_action
from ..workflow.errors import TransitionRefused

REFUSED_PT = "govportal.overrides:templates/sdi_refused.pt"

#: where people go instead (shown as links on the refusal page)
LINK_WORKSPACE = ("/@@workspace", _("sdi-link-workspace", default="编辑工作台"))
LINK_LOGIN = ("/@@login", _("sdi-link-login", default="登录"))
LINK_ADMIN = ("/@@admin", _("sdi-link-admin", default="管理"))


class SDIRefused(Exception):
    """A refused SDI request: ``status``, Chinese ``messages``, ``links``
    (``(path, title)`` pairs under the application URL)."""

    def __init__(self, messages, status=403, links=(LINK_WORKSPACE,), reason=""):
        if isinstance(messages, str):
            messages = [messages]
        self.messages = list(messages)
        self.status = status
        self.links = list(links)
        self.reason = reason
        super().__init__("; ".join(str(m) for m in self.messages))


class ContentRefused(TransitionRefused):
    """A removal, move or copy that our rules refuse (nothing is changed:
    the request's transaction is aborted)."""


def in_sdi(request):
    """Whether ``request`` was routed to Substance D's management interface."""
    return getattr(getattr(request, "matched_route", None), "name", None) == MANAGE_ROUTE_NAME


def is_system_admin(request):
    """Whether the signed-in user may use the SDI: ``sdi.view`` on the root,
    which only the 系统管理员 holds (workflows/site.yaml)."""
    if getattr(request, "authenticated_userid", None) is None:
        return False
    root = getattr(request, "root", None)
    return root is not None and bool(request.has_permission("sdi.view", root))


def refuse(request, messages, *, status=403, links=(LINK_WORKSPACE,), reason=""):
    """Record the refusal in the audit trail (once per request) and raise
    :class:`SDIRefused`."""
    note_refusal(request, reason)
    raise SDIRefused(messages, status=status, links=links, reason=reason)


def note_refusal(request, reason, action="sdi.refused"):
    """``record_action(... "sdi.refused" ...)``, at most once per request."""
    if request.environ.get("govportal.sdi_refused_recorded"):
        return
    request.environ["govportal.sdi_refused_recorded"] = True
    record_action(
        request, action, result="refused", target=request.path, details={"reason": reason}
    )


def _wants_json(request):
    accept = request.headers.get("Accept", "")
    return request.is_xhr or ("application/json" in accept and "text/html" not in accept)


def render_refusal(request, status, messages, links=(LINK_WORKSPACE,)):
    """The refusal answer: JSON ``{"ok": false, "errors": [...]}`` for
    scripts, the Chinese refusal page (staff chrome) for people."""
    from pyramid.renderers import render

    texts = [translate(request, m) for m in messages]
    if _wants_json(request):
        return Response(json={"ok": False, "errors": texts}, status=status)
    base = request.application_url
    page = render(
        REFUSED_PT,
        {
            "messages": texts,
            "links": [{"url": base + path, "text": translate(request, t)} for path, t in links],
            "heading": translate(request, _("sdi-refused-title", default="操作未执行")),
        },
        request=request,
    )
    return Response(page, status=status, content_type="text/html", charset="utf-8")


def sdi_refused_view(exc, request):
    return render_refusal(request, exc.status, exc.messages, exc.links)


def content_refused_view(exc, request):
    """A refusal from the event level: in the SDI the SDI's refusal page; on
    other paths the workflow's refusal answer (JSON or the refusal page)."""
    from ..workflow.views import answer_refusal

    if in_sdi(request):
        return render_refusal(request, exc.status, exc.messages)
    return answer_refusal(request, exc.status, exc.messages)


def includeme(config):
    config.add_view(sdi_refused_view, context=SDIRefused, permission=NO_PERMISSION_REQUIRED)
    # the workflow's refusal view (for WorkflowError) answers with a renderer
    config.add_view(
        content_refused_view,
        context=ContentRefused,
        renderer="json",
        permission=NO_PERMISSION_REQUIRED,
    )
