"""Which columns take offers: open news and notice columns of other sites.

A column takes offers when its kind is one of
:data:`~.model.ACCEPTING_KINDS` (动态要闻, 通知公告: the portal's 要闻 and
部门动态 among them), it is open to visitors (the column workflow says which
states are) and it belongs to another site than the offered item.  Only
columns directly under a site are offered (the sites' news columns are
top-level; a column nested in another or in a special topic is not), and
only on sites where somebody may decide (a site without reviewers would
leave the offers waiting for ever).
"""

from pyramid.traversal import find_root

from ..content import IColumn, find_department
from ..content.containers import site_group
from ..i18n import _
from ..security.people import users_with_roles
from ..workflow import facts, get_state
from .model import (
    ACCEPTING_KINDS,
    OFFER_PERMISSION,
    REVIEW_PERMISSION,
    definition,
    offered_state,
    refused,
)


def accepts_offers(column, registry):
    """Whether ``column`` is an open news or notice column directly under a site."""
    return (
        IColumn.providedBy(column)
        and getattr(column, "kind", "") in ACCEPTING_KINDS
        and get_state(column, registry) in facts.visitor_states(registry, "Column")
        and any(site is column.__parent__ for site in site_group(find_root(column)))
    )


def deciding_roles(registry):
    """The roles workflows/syndication.yaml lets decide a waiting offer (the
    site administrators' blanket grant does not make a site's reviewers)."""
    state = definition(registry).states[offered_state(registry)]
    return sorted(r for r, perms in state.permissions.items() if REVIEW_PERMISSION in perms)


def has_reviewers(context, registry):
    """Whether an active user holds a deciding role on ``context``'s site."""
    return bool(users_with_roles(context, deciding_roles(registry), registry))


def target_columns(document, registry):
    """``[(site, [column])]`` the document may be offered to."""
    own = find_department(document)
    found = []
    for site in site_group(find_root(document)):
        if (site.__parent__ is None and own is None) or site is own:
            continue
        columns = [c for c in site.values() if accepts_offers(c, registry)]
        if not columns or not has_reviewers(site, registry):
            continue
        columns.sort(key=lambda c: (getattr(c, "position", 100), c.__name__))
        found.append((site, columns))
    return found


def check_target(document, target, request):
    """Refuse (TransitionRefused with a status) what may not be offered."""
    if not request.has_permission(OFFER_PERMISSION, document):
        raise refused(_("syndication-no-offer", default="只能报送本部门已发布的稿件。"), status=403)
    if target is None or not accepts_offers(target, request.registry):
        raise refused(
            _("syndication-bad-target", default="请选择接受报送的栏目（动态要闻或通知公告类）。"),
            status=400,
        )
    if find_department(target) is find_department(document):
        raise refused(
            _("syndication-same-site", default="不能报送到本网站自己的栏目。"), status=400
        )
    if not has_reviewers(target, request.registry):
        raise refused(
            _("syndication-no-reviewers", default="该网站尚未设置审核员，暂不能接收报送。"),
            status=409,
        )
