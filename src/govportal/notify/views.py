"""通知设置: each user switches notification topics on and off."""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..i18n import _, translate
from ..mail import OPTOUT_ATTR, set_optout
from .messages import TOPICS


class _Topic:
    def __init__(self, request, name, on):
        title, help_text = TOPICS[name]
        self.name = name
        self.title = translate(request, title)
        self.help = translate(request, help_text)
        self.on = on


@view_config(
    context=IRoot,
    name="ws-notifications",
    permission="view",
    renderer="govportal.notify:templates/settings.pt",
)
def notification_settings(context, request):
    from ..workspace.dashboard import no_store
    from ..workspace.helpers import require_login

    redirect = require_login(request)
    if redirect is not None:
        return redirect
    no_store(request)
    user = request.user
    if request.method == "POST":
        wanted = set(request.POST.getall("topics")) & set(TOPICS)
        set_optout(user, set(TOPICS) - wanted)
        request.session.flash(translate(request, _("notify-saved", default="通知设置已保存。")))
        return HTTPSeeOther(request.application_url + "/@@ws-notifications")
    off = set(getattr(user, OPTOUT_ATTR, ()))
    return {
        "email": getattr(user, "email", "") or "",
        "topics": [_Topic(request, name, name not in off) for name in TOPICS],
    }
