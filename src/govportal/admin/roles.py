"""角色: roles per portal, department and column (permission ``manage_roles``,
the 安全管理员).

``GET /@@admin-roles``
    find a user (login, 姓名, 部门) and every place, each leading to its page;
``GET /@@admin-roles/user/<oid>``
    every place where the user holds a role (directly or through a group),
    a grant form (place, role), a revoke button per direct grant and the
    user's department groups;
``GET /@@admin-roles/place/<oid>``
    who has what on a place: every principal with a role there, granted
    there or above it (unless a department blocks it), groups with their
    members; a grant form (login, role);
``POST /@@admin-roles/grant``, ``/revoke``, ``/groups``
    the changes (:mod:`.roles_ops`).

Posted fields are checked with colander; a refused change answers 4xx with a
Chinese message (JSON for scripts) and changes nothing.
"""

import colander
from pyramid.httpexceptions import HTTPMethodNotAllowed, HTTPNotFound
from pyramid.view import view_config
from substanced.interfaces import IRoot
from substanced.util import get_oid

from ..accounts.state import find_user
from ..i18n import _
from . import roles_ops
from .roles_model import (
    duty_roles_of,
    editable_groups,
    holders_at,
    offered_roles,
    place_by_oid,
    place_label,
    places,
    principal_by_oid,
    roles_of_user,
)
from .roles_ops import RoleRefused, role_title
from .users_model import department_of, department_title, search_users
from .users_web import MAX_QUERY, TEMPLATES, admin_url, done, private, refuse

PERMISSION = "manage_roles"
VIEW = "admin-roles"


class ChangeSchema(colander.Schema):
    """A grant or revoke: the user (oid or login), the place, the role."""

    user = colander.SchemaNode(colander.String(), missing="", validator=colander.Length(max=100))
    login = colander.SchemaNode(colander.String(), missing="", validator=colander.Length(max=100))
    place = colander.SchemaNode(colander.String(), validator=colander.Length(max=20))
    role = colander.SchemaNode(colander.String(), validator=colander.Length(max=40))
    back = colander.SchemaNode(
        colander.String(), missing="user", validator=colander.OneOf(["user", "place"])
    )


BAD_FORM = _("admin-roles-bad-form", default="提交的内容不完整或无效，请返回页面重新选择。")
NO_USER = _("admin-roles-no-user", default="找不到该用户，请检查登录名。")
GRANTED = "已授予“${login}”在${place}的${role}角色；其登录会话已失效，重新登录后生效。"
REVOKED = "已撤销“${login}”在${place}的${role}角色；其登录会话已失效。"
GROUPS_SAVED = "已更新“${login}”的用户组（加入：${added}；退出：${removed}）；其登录会话已失效。"
NO_PLACE = _("admin-roles-no-place", default="找不到所选的门户、部门或栏目。")


def _role_options(request):
    return [(r, role_title(request.registry, r)) for r in offered_roles(request.registry)]


def _place_options(root):
    return [(p.oid, ("　" * max(p.depth - 1, 0)) + p.label) for p in places(root)]


def _user_url(request, user):
    return admin_url(request, VIEW, "user", str(get_oid(user)))


def _place_url(request, place):
    return admin_url(request, VIEW, "place", str(place.oid))


@view_config(context=IRoot, name=VIEW, permission=PERMISSION, renderer=TEMPLATES + "roles_index.pt")
def roles_view(context, request):
    sub = request.subpath
    if not sub:
        if request.method != "GET":
            raise HTTPMethodNotAllowed()
        return index(context, request)
    if sub[0] in CHANGES and len(sub) == 1:
        if request.method != "POST":
            raise HTTPMethodNotAllowed()
        return CHANGES[sub[0]](context, request)
    if len(sub) == 2 and sub[0] == "user":
        return user_page(context, request, sub[1])
    if len(sub) == 2 and sub[0] == "place":
        return place_page(context, request, sub[1])
    raise HTTPNotFound()


def index(context, request):
    private(request)
    query = (request.GET.get("q") or "")[:MAX_QUERY]
    users = search_users(context, query) if query else []
    return {
        "query": query,
        "users": [
            {
                "login": u.__name__,
                "fullname": getattr(u, "fullname", "") or "",
                "department": department_title(context, department_of(u, context)),
                "url": _user_url(request, u),
            }
            for u in users
        ],
        "places": [(p, _place_url(request, p)) for p in places(context)],
        "list_url": admin_url(request, VIEW),
    }


def _holding_rows(request, holdings):
    rows = []
    for h in holdings:
        rows.append(
            {
                "place": place_label(h.place),
                "place_oid": get_oid(h.place),
                "role": h.role,
                "role_title": role_title(request.registry, h.role),
                "via": h.via.__name__ if h.via is not None else "",
                "direct": h.via is None,
            }
        )
    return rows


def user_page(context, request, oid, errors=None, status=200):
    if request.method != "GET" and errors is None:
        raise HTTPMethodNotAllowed()
    private(request)
    user = principal_by_oid(context, oid)
    if user is None:
        raise HTTPNotFound()
    mine = set(user.groupids)
    values = {
        "user": user,
        "fullname": getattr(user, "fullname", "") or "",
        "department": department_title(context, department_of(user, context)),
        "duties": [
            role_title(request.registry, r) for r in duty_roles_of(user, context, request.registry)
        ],
        "rows": _holding_rows(request, roles_of_user(user, context)),
        "role_options": _role_options(request),
        "place_options": _place_options(context),
        "groups": [
            {
                "oid": get_oid(g),
                "name": g.__name__,
                "member": get_oid(g) in mine,
                "description": getattr(g, "description", "") or "",
            }
            for g in editable_groups(context)
        ],
        "action": lambda name: admin_url(request, VIEW, name),
        "security_url": admin_url(request, "admin-security", str(get_oid(user))),
        "may_security": request.has_permission("manage_security", context),
        "index_url": admin_url(request, VIEW),
    }
    if errors:
        return refuse(request, status, errors, "roles_user.pt", values)
    request.override_renderer = TEMPLATES + "roles_user.pt"
    return values


def place_page(context, request, oid, errors=None, status=200):
    if request.method != "GET" and errors is None:
        raise HTTPMethodNotAllowed()
    private(request)
    place = place_by_oid(context, oid)
    if place is None:
        raise HTTPNotFound()
    rows = []
    for h in holders_at(place.resource, request.registry):
        is_user = not hasattr(h.principal, "memberids")
        rows.append(
            {
                "name": h.principal.__name__,
                "fullname": getattr(h.principal, "fullname", "") or "",
                "kind": "用户" if is_user else "用户组",
                "url": _user_url(request, h.principal) if is_user else "",
                "user_oid": get_oid(h.principal) if is_user else None,
                "role": h.role,
                "role_title": role_title(request.registry, h.role),
                "granted_at": place_label(h.granted_at),
                "inherited": h.inherited,
                "via": h.via.__name__ if h.via is not None else "",
                "direct": h.direct and is_user,
            }
        )
    values = {
        "place": place,
        "rows": rows,
        "blocks": bool(getattr(place.resource, "__local_roles_block__", False)),
        "role_options": _role_options(request),
        "action": lambda name: admin_url(request, VIEW, name),
        "index_url": admin_url(request, VIEW),
    }
    if errors:
        return refuse(request, status, errors, "roles_place.pt", values)
    request.override_renderer = TEMPLATES + "roles_place.pt"
    return values


def _target_user(context, values):
    if values["user"]:
        return principal_by_oid(context, values["user"])
    if values["login"]:
        return find_user(context, values["login"])
    return None


def _change(context, request, operation):
    try:
        values = ChangeSchema().deserialize(dict(request.POST.items()))
    except colander.Invalid:
        return refuse(request, 400, [BAD_FORM])
    user = _target_user(context, values)
    place = place_by_oid(context, values["place"])
    back = values["back"]
    if user is None or place is None:
        if back == "place" and place is not None:
            return place_page(context, request, place.oid, [NO_USER], 400)
        status = 404 if user is None and values["user"] else 400
        return refuse(request, status, [NO_USER if user is None else NO_PLACE])
    try:
        changed = operation(request, user, place, values["role"])
    except RoleRefused as e:
        request.tm.doom()
        if back == "place":
            return place_page(context, request, place.oid, e.messages, e.status)
        return user_page(context, request, get_oid(user), e.messages, e.status)
    mapping = {
        "login": user.__name__,
        "role": role_title(request.registry, values["role"]),
        "place": place.label,
    }
    if operation is roles_ops.grant and changed:
        message = _("admin-granted", default=GRANTED, mapping=mapping)
    elif operation is roles_ops.grant:
        message = _(
            "admin-grant-exists", default="“${login}”在${place}已有${role}角色。", mapping=mapping
        )
    else:
        message = _("admin-revoked", default=REVOKED, mapping=mapping)
    url = _place_url(request, place) if back == "place" else _user_url(request, user)
    return done(request, message, url, changed=changed)


def grant_view(context, request):
    return _change(context, request, roles_ops.grant)


def revoke_view(context, request):
    return _change(context, request, roles_ops.revoke)


def groups_view(context, request):
    user = principal_by_oid(context, request.POST.get("user", ""))
    if user is None:
        return refuse(request, 404, [NO_USER])
    wanted = request.POST.getall("groups")
    if len(wanted) > 1000:
        return refuse(request, 400, [BAD_FORM])
    try:
        added, removed = roles_ops.set_groups(request, user, wanted)
    except RoleRefused as e:
        request.tm.doom()
        return user_page(context, request, get_oid(user), e.messages, e.status)
    if added or removed:
        message = _(
            "admin-groups-saved",
            default=GROUPS_SAVED,
            mapping={
                "login": user.__name__,
                "added": "、".join(added) or "无",
                "removed": "、".join(removed) or "无",
            },
        )
    else:
        message = _("admin-groups-unchanged", default="用户组没有变化。")
    return done(request, message, _user_url(request, user), added=added, removed=removed)


CHANGES = {"grant": grant_view, "revoke": revoke_view, "groups": groups_view}
