"""Granting and revoking roles, and department-group membership (角色).

Each operation checks the rules of 三员分立 before it changes anything, and
raises :class:`RoleRefused` (a status and Chinese messages) otherwise:

- only :func:`~.roles_model.offered_roles` are granted (a duty role is
  granted from the command line only);
- an account that holds a duty role holds no other role, directly or
  through a group.

Every change records ``roles.grant`` / ``roles.revoke`` (target: the path of
the place) and ends the user's sessions
(:func:`govportal.accounts.revoke_sessions`), so the new rights apply at the
next sign-in and withdrawn ones at once.
"""

from substanced.util import get_oid

from .. import accounts
from ..i18n import _
from ..security import get_vocabulary
from ..security.events import record_action
from ..security.localroles import get_local_roles, grant_roles, revoke_roles
from .roles_model import duty_roles_of, editable_groups, group_places, offered_roles


class RoleRefused(Exception):
    """A refused role change: ``status`` and Chinese ``messages``."""

    def __init__(self, status, *messages):
        super().__init__(*messages)
        self.status = status
        self.messages = list(messages)


def role_title(registry, role):
    spec = get_vocabulary(registry).roles.get(role)
    return spec.title if spec is not None else role


def _check_role(registry, role):
    if role in get_vocabulary(registry).duty_roles:
        raise RoleRefused(
            403,
            _(
                "admin-duty-role-web",
                default="系统管理员、安全管理员和审计管理员只能在服务器上用命令授予，不能在网页上分配。",
            ),
        )
    if role not in offered_roles(registry):
        raise RoleRefused(400, _("admin-role-unknown", default="请选择列表中的角色。"))


def _check_not_duty(request, user):
    duties = duty_roles_of(user, request.root, request.registry)
    if duties:
        titles = "、".join(role_title(request.registry, r) for r in duties)
        raise RoleRefused(
            409,
            _(
                "admin-duty-holder",
                default="“${login}”是${duties}，三员账号不能再拥有其他角色。",
                mapping={"login": user.__name__, "duties": titles},
            ),
        )


def grant(request, user, place, role):
    """Grant ``role`` to ``user`` on ``place``; False when already granted there."""
    _check_role(request.registry, role)
    _check_not_duty(request, user)
    oid = get_oid(user)
    if role in get_local_roles(place.resource).get(oid, ()):
        return False
    grant_roles(place.resource, oid, role)
    record_action(
        request,
        "roles.grant",
        target=place.path,
        details={"login": user.__name__, "role": role, "place": place.label},
    )
    accounts.revoke_sessions(user, request, "roles.grant")
    return True


def revoke(request, user, place, role):
    """Revoke ``role`` granted to ``user`` directly on ``place``."""
    oid = get_oid(user)
    if role not in get_local_roles(place.resource).get(oid, ()):
        raise RoleRefused(
            409,
            _("admin-role-not-held", default="该用户在此处没有直接授予的这个角色，无需撤销。"),
        )
    _check_role(request.registry, role)
    revoke_roles(place.resource, oid, role)
    record_action(
        request,
        "roles.revoke",
        target=place.path,
        details={"login": user.__name__, "role": role, "place": place.label},
    )
    accounts.revoke_sessions(user, request, "roles.revoke")
    return True


def set_groups(request, user, wanted_oids):
    """Make ``user`` a member of exactly the editable groups in
    ``wanted_oids`` (other groups are left alone).  Returns (added, removed)
    group names.  An oid that is no editable group is refused."""
    root = request.root
    editable = {get_oid(g): g for g in editable_groups(root)}
    wanted = set()
    for value in wanted_oids:
        try:
            oid = int(value)
        except (TypeError, ValueError):
            oid = None
        if oid not in editable:
            raise RoleRefused(
                400, _("admin-group-unknown", default="所选用户组不存在或不能在这里修改。")
            )
        wanted.add(oid)
    current = set(user.groupids) & set(editable)
    added, removed = wanted - current, current - wanted
    if added:
        _check_not_duty(request, user)
    for oid in sorted(added):
        editable[oid].memberids.connect([user])
        _record_group(request, user, editable[oid], "roles.grant")
    for oid in sorted(removed):
        editable[oid].memberids.disconnect([user])
        _record_group(request, user, editable[oid], "roles.revoke")
    if added or removed:
        accounts.revoke_sessions(user, request, "roles.groups")
    return (
        [editable[o].__name__ for o in sorted(added)],
        [editable[o].__name__ for o in sorted(removed)],
    )


def _record_group(request, user, group, action):
    for place, roles in group_places(group, request.root):
        record_action(
            request,
            action,
            target=place.path,
            details={
                "login": user.__name__,
                "role": ",".join(roles),
                "group": group.__name__,
                "place": place.label,
            },
        )
