"""用户: the list of user accounts (permission ``manage_accounts``).

``GET /@@admin-users`` lists every account with its login, 姓名, 部门, 职务,
a summary of its roles, its state (正常/停用/锁定) and its last sign-in;
``q`` searches login, 姓名 and 部门, ``state`` filters.  The forms are in
:mod:`.users_edit`, the actions (停用, 启用, 重置链接) in :mod:`.users_actions`.
"""

from pyramid.view import view_config
from substanced.interfaces import IRoot
from substanced.util import get_oid

from ..security import get_vocabulary
from .roles_model import grant_index, place_label, roles_of_user
from .users_model import (
    STATES,
    department_of,
    department_title,
    last_login,
    search_users,
    state_of,
    state_title,
)
from .users_web import MAX_QUERY, TEMPLATES, admin_url, private

PERMISSION = "manage_accounts"


def roles_summary(user, root, registry, index=None):
    """``编辑（营山县教育局）、审核员（县政府门户）`` — each role with where."""
    vocab = get_vocabulary(registry)
    parts = []
    for holding in roles_of_user(user, root, index):
        role = vocab.roles.get(holding.role)
        title = role.title if role is not None else holding.role
        text = f"{title}（{place_label(holding.place)}）"
        if text not in parts:
            parts.append(text)
    return "、".join(parts)


def user_rows(request, users):
    root = request.root
    rows = []
    index = grant_index(root)
    for user in users:
        state = state_of(user, root)
        rows.append(
            {
                "login": user.__name__,
                "fullname": getattr(user, "fullname", "") or "",
                "department": department_title(root, department_of(user, root, index)),
                "position": getattr(user, "position", "") or "",
                "roles": roles_summary(user, root, request.registry, index),
                "state": state,
                "state_title": state_title(state),
                "last_login": last_login(user),
                "oid": get_oid(user),
            }
        )
    return rows


def list_params(request):
    """``(query, state)`` from the request, bounded and checked."""
    query = (request.GET.get("q") or "")[:MAX_QUERY]
    state = request.GET.get("state") or ""
    if state not in dict(STATES):
        state = ""
    return query, state


@view_config(
    context=IRoot,
    name="admin-users",
    permission=PERMISSION,
    request_method="GET",
    renderer=TEMPLATES + "users_list.pt",
)
def users_view(context, request):
    private(request)
    query, state = list_params(request)
    users = search_users(context, query, state)
    return {
        "rows": user_rows(request, users),
        "query": query,
        "state": state,
        "states": STATES,
        "edit_url": lambda oid: admin_url(request, "admin-user", str(oid)),
        "add_url": admin_url(request, "admin-users-new"),
        "list_url": admin_url(request, "admin-users"),
    }
