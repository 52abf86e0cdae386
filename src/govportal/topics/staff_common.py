"""What the staff pages of the special topics share."""

import re

from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther

from ..admin.sites_common import no_store  # noqa: F401  (staff pages: never cached)
from ..i18n import _
from ..workflow.guards import set_last_editor
from ..workflow.views import answer_refusal, safe_return_url

TEMPLATES = "govportal.topics:templates/"
NAME = re.compile(r"^[a-z][a-z0-9-]{1,39}$")


def refuse(request, message, status=400):
    """A refused change: ``status`` with the Chinese ``message``, nothing written."""
    return answer_refusal(request, status, [message])


def done(request, fallback, message):
    from ..i18n import translate

    request.session.flash(translate(request, message))
    return HTTPSeeOther(safe_return_url(request, request.POST.get("came_from")) or fallback)


def text(request, name, low, high, label):
    """A stripped form field between ``low`` and ``high`` characters, else ValueError."""
    value = (request.POST.get(name) or "").strip()
    if not low <= len(value) <= high:
        raise ValueError(
            _(
                "topic-field-length",
                default="${label}应为${low}至${high}个字。",
                mapping={"label": label, "low": low, "high": high},
            )
        )
    return value


def position(request):
    raw = (request.POST.get("position") or "100").strip()
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(_("topic-position", default="排序应为整数。")) from None
    if not 0 <= value <= 9999:
        raise ValueError(_("topic-position", default="排序应为整数。"))
    return value


def check_editable(request, topic):
    """Refuse changes to a topic the user may not edit (review, archived)."""
    if not request.has_permission("edit", topic):
        raise HTTPForbidden()


def audit(request, change, resource, **details):
    """Record a change in the audit trail (action ``specialtopic``)."""
    from pyramid.traversal import resource_path

    from ..security.events import record_action

    details = {key: str(value) for key, value in details.items()}
    details["change"] = change
    record_action(request, "specialtopic", target=resource_path(resource), details=details)


def touched(request, topic, change, resource=None, **details):
    """The topic was changed by the user: four eyes for its approval; audited."""
    set_last_editor(topic, request.authenticated_userid)
    audit(request, change, resource if resource is not None else topic, **details)
