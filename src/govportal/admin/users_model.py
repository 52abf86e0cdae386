"""User accounts as 管理 sees them: profile fields, state, search.

Users are Substance D users (``root["principals"]["users"]``, keyed by login).
The profile is kept as plain attributes on the user object, beside Substance
D's own ``email``: :data:`PROFILE_FIELDS`.  ``department`` holds the
``__name__`` of a department, or ``""`` for the county portal (县政府门户).
The account state (停用, 锁定, last sign-in) belongs to
:mod:`govportal.accounts`; this module only reads it.
"""

import re
import secrets
from datetime import UTC, datetime

from substanced.util import find_catalog, find_objectmap, find_service, get_oid

from ..accounts import is_locked as locked_until
from ..content import IDepartment
from ..workflow.history import DISPLAY_TZ
from .roles_model import grant_index, roles_of_user

#: profile attributes kept on the user object (besides ``email``)
PROFILE_FIELDS = ("fullname", "department", "position", "phone")

#: what new users get (Substance D's own add form offered Africa/Abidjan and ``de``)
NEW_USER_TZNAME = "Asia/Shanghai"
NEW_USER_LOCALE = "zh_CN"

#: the value of ``department`` for the county portal's own staff
PORTAL = ""
PORTAL_TITLE = "县政府门户"

#: a login: a letter or digit, then letters, digits, ``.``, ``_`` or ``-``
LOGIN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$")
#: a mainland mobile number, optionally with +86 / 86
MOBILE_RE = re.compile(r"^(?:\+?86[- ]?)?1[3-9]\d{9}$")
#: a landline with its area code (0817-1234567, 08171234567, extension -123)
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$")

#: states a user list can be filtered by
STATES = (("active", "正常"), ("disabled", "停用"), ("locked", "锁定"))


def users_folder(root):
    return find_service(root, "principals", "users")


def login_taken(root, login):
    """The existing login equal to ``login`` ignoring case, or None."""
    wanted = login.strip().casefold()
    for name in users_folder(root).keys():
        if name.casefold() == wanted:
            return name
    return None


def valid_phone(value):
    """True for a mainland mobile or landline number (spaces ignored)."""
    value = re.sub(r"\s+", "", value or "")
    return bool(MOBILE_RE.match(value) or LANDLINE_RE.match(value))


def unusable_password():
    """A password nobody knows: new users choose theirs through a reset link."""
    return secrets.token_urlsafe(48)


def departments(root):
    """Every department, by title (through the system catalog)."""
    system = find_catalog(root, "system")
    objectmap = find_objectmap(root)
    found = []
    if system is not None:
        for oid in system["content_type"].eq("Department").execute().ids:
            dept = objectmap.object_for(oid)
            if dept is not None and IDepartment.providedBy(dept):
                found.append(dept)
    if not found:  # a catalog not yet built (tests, upgrades)
        found = [v for v in root.values() if IDepartment.providedBy(v)]
    return sorted(found, key=lambda d: d.__name__)


def department_choices(root):
    """``[(value, title)]`` for the 部门 select, the county portal first."""
    return [(PORTAL, PORTAL_TITLE)] + [
        (d.__name__, d.title or d.__name__) for d in departments(root)
    ]


def department_title(root, name):
    if not name:
        return PORTAL_TITLE
    dept = root.get(name) if hasattr(root, "get") else None
    if dept is not None and IDepartment.providedBy(dept):
        return dept.title or name
    return name


def department_of(user, root, index=None):
    """The ``department`` of ``user``; for an account created before 管理
    stored one (the demo's, Substance D's), the department where it holds
    a role, else the county portal."""
    if hasattr(user, "department"):
        return user.department or PORTAL
    for holding in roles_of_user(user, root, index):
        node = holding.place
        while node is not None:
            if IDepartment.providedBy(node):
                return node.__name__
            node = getattr(node, "__parent__", None)
    return PORTAL


def profile_of(user, root):
    """The profile as a dict (``login`` and ``email`` included)."""
    values = {name: getattr(user, name, "") or "" for name in PROFILE_FIELDS}
    values["email"] = getattr(user, "email", "") or ""
    values["login"] = user.__name__
    values["department"] = department_of(user, root)
    return values


def set_profile(user, values):
    """Store the profile fields of ``values``; returns the names that changed."""
    changed = []
    for name in PROFILE_FIELDS + ("email",):
        if name not in values:
            continue
        value = values[name] or ""
        if (getattr(user, name, "") or "") != value:
            setattr(user, name, value)
            changed.append(name)
    return changed


def create_user(root, registry, values):
    """A new user with ``values`` (login, profile), an unusable password, the
    time zone Asia/Shanghai and the locale zh_CN.  The caller has checked
    that the login is free."""
    principals = find_service(root, "principals")
    # Two concurrent creations of one login in different cases ("Wang",
    # "wang") would touch different keys of the users folder and both
    # commit.  Writing the folder object itself makes them conflict: the
    # later one is retried (pyramid_retry), and its form finds the login taken.
    principals["users"]._p_changed = True
    user = principals.add_user(
        values["login"],
        unusable_password(),
        values.get("email") or "",
        tzname=NEW_USER_TZNAME,
        locale=NEW_USER_LOCALE,
        registry=registry,
    )
    set_profile(user, values)
    return user


def is_locked(user, root):
    """Until when the account is locked (UTC datetime), or None."""
    return locked_until(user.__name__, root)


def state_of(user, root):
    """``disabled``, ``locked`` or ``active``."""
    if getattr(user, "disabled", False):
        return "disabled"
    if is_locked(user, root):
        return "locked"
    return "active"


def state_title(state):
    return dict(STATES).get(state, state)


#: the user attribute holding the last successful sign-in (UTC)
LAST_LOGIN_ATTR = "last_login"


def note_sign_in(event):
    """Subscriber of :class:`~govportal.security.events.ActionRecorded`:
    keep the time of each successful sign-in on the user (the 用户 list
    shows it)."""
    if event.action != "login.success" or event.request is None:
        return
    root = getattr(event.request, "root", None)
    users = users_folder(root) if root is not None else None
    user = users.get(event.target) if users is not None else None
    if user is not None:
        setattr(user, LAST_LOGIN_ATTR, datetime.now(UTC))


def last_login(user):
    """The last sign-in as 'YYYY-MM-DD HH:MM' in China Standard Time, or ''."""
    when = getattr(user, LAST_LOGIN_ATTR, None)
    if when is None or not hasattr(when, "astimezone"):
        return ""
    return when.astimezone(DISPLAY_TZ).strftime("%Y-%m-%d %H:%M")


def search_users(root, query="", state=""):
    """Users whose login, 姓名 or 部门 contains ``query`` (ignoring case),
    in ``state`` when given; sorted by login."""
    needle = (query or "").strip().casefold()
    result = []
    index = None
    for user in users_folder(root).values():
        if needle:
            if index is None:
                index = grant_index(root)
            dept = department_title(root, department_of(user, root, index))
            haystack = " ".join(
                [user.__name__, getattr(user, "fullname", "") or "", dept]
            ).casefold()
            if needle not in haystack:
                continue
        if state and state_of(user, root) != state:
            continue
        result.append(user)
    return sorted(result, key=lambda u: u.__name__.casefold())


def user_oid(user):
    return get_oid(user)
