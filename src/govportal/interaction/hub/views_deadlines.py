"""The staff's list of 互动交流 items with a time limit:
``<site>/@@interaction-deadlines`` (every channel's deadline source,
:func:`.deadlines.rows_for`), the most urgent first, filtered by channel
(``?kind=``) and level (``?level=near|overdue|ok``).

Who sees it: the staff of the site's channels — users holding on the site
a role that the letter or contribution workflows let see letters or
contributions (``view_letter``: handlers, moderators, auditors,
supervisors); each source shows only the items the user may see.  On the
portal the list covers every site of the group the user is staff of (the
workspace dashboard links there); on a department, that department.
Others get 403 (anonymous visitors 404).
"""

from pyramid.httpexceptions import HTTPForbidden
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ... import sitetime
from ...content import IDepartment
from ...workflow import facts
from ...workspace import helpers
from ...workspace.dashboard import no_store
from ...workspace.queries import sites_with_roles
from .deadlines import NEAR, OK, OVERDUE, rows_for

DEADLINES_PT = "govportal.interaction.hub:templates/deadlines.pt"
LEVELS = ((OVERDUE, "已超期"), (NEAR, "即将到期"), (OK, "正常"))
#: the permissions whose holders are a channel's staff (workflow files name them)
STAFF_PERMISSIONS = (("view_letter", "Letter"), ("view_letter", "Contribution"))


def staff_roles(registry):
    roles = []
    for permission, content_type in STAFF_PERMISSIONS:
        if content_type in registry.govportal_workflow_bindings:
            for role in facts.roles_granted(registry, permission, content_type):
                if role not in roles:
                    roles.append(role)
    return roles


def staff_sites(request):
    """The sites whose channels the user works for."""
    return sites_with_roles(request, staff_roles(request.registry))


def _site_title(site):
    return helpers.site_title(site)


def deadline_values(context, request):
    mine = staff_sites(request)
    if IRoot.providedBy(context):
        sites = mine
    else:
        sites = [s for s in mine if s is context]
    if not sites:
        raise HTTPForbidden()
    kind = request.GET.get("kind", "")
    level = request.GET.get("level", "")
    groups = []
    kinds = set()
    for site in sites:
        rows = list(rows_for(site, request))
        kinds.update(r.kind for r in rows)
        shown = [
            r for r in rows if (not kind or r.kind == kind) and (not level or r.level == level)
        ]
        groups.append({"site": site, "title": _site_title(site), "rows": shown, "all": len(rows)})
    return {
        "groups": groups,
        "kinds": sorted(kinds),
        "kind": kind,
        "level": level if level in dict(LEVELS) else "",
        "levels": LEVELS,
        "level_titles": dict(LEVELS),
        "today": sitetime.today(request.registry),
        "action": request.resource_url(context, "@@interaction-deadlines"),
    }


@view_config(context=IRoot, name="interaction-deadlines", permission="view", renderer=DEADLINES_PT)
@view_config(
    context=IDepartment, name="interaction-deadlines", permission="view", renderer=DEADLINES_PT
)
def deadlines_view(context, request):
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    no_store(request)
    return deadline_values(context, request)


def includeme(config):
    config.scan(".views_deadlines")
