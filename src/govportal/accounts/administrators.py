"""The three administrators of 三员分立, created by ``govportal-init``.

No default accounts (等保 F5): each of ``sysadmin``, ``secadmin`` and
``auditadmin`` gets a new random password, shown once, that must be changed
at the first sign-in, and a group of its own holding its duty role at the
portal root (and no other role).
"""

import secrets

from substanced.util import get_oid

from ..security import get_vocabulary
from ..security.localroles import grant_roles
from .passwords import store_password
from .rules import get_rules

#: (login, group and title, duty role)
ADMINISTRATORS = (
    ("sysadmin", "系统管理员", "system_admin"),
    ("secadmin", "安全管理员", "security_admin"),
    ("auditadmin", "审计管理员", "audit_admin"),
)


def new_password():
    """A random password that meets the policy (four character classes)."""
    while True:
        candidate = secrets.token_urlsafe(15) + "-" + secrets.choice("abcdefghjk") + "7Q"
        if any(c.isupper() for c in candidate) and any(c.islower() for c in candidate):
            return candidate


def duty_group(root, registry, title, role):
    principals = root["principals"]
    group = principals["groups"].get(title)
    if group is None:
        group = principals.add_group(title, registry=registry)
        group.description = f"{title}（三员分立）"
    grant_roles(root, get_oid(group), role)
    return group


def create_administrators(root, registry, initial=None):
    """Create the three administrators (those absent).  ``initial`` is the
    user Substance D created with the root (``substanced.initial_login``):
    it leaves the ``admins`` group.  Returns [(login, password, title)]."""
    principals = root["principals"]
    users = principals["users"]
    rules = get_rules(registry, root)
    duty_roles = get_vocabulary(registry).duty_roles
    created = []
    for login, title, role in ADMINISTRATORS:
        if role not in duty_roles:
            continue
        group = duty_group(root, registry, title, role)
        user = users.get(login)
        if user is not None and user is not initial:
            continue
        password = new_password()
        if user is None:
            user = principals.add_user(login, password, f"{login}@localhost", registry=registry)
        for other in list(user.groups):
            other.memberids.disconnect([user])
        group.memberids.connect([user])
        user.tzname = "Asia/Shanghai"
        user.locale = "zh_CN"
        store_password(user, password, rules, must_change=True)
        created.append((login, password, title))
    return created
