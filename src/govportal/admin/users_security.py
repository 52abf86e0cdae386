"""安全: an account's security state and the password policy (permission
``manage_security``, the 安全管理员).

``GET /@@admin-security``
    find a user, the accounts locked now, and the account rules in force
    (password, lockout, throttling, reset links, second factor) with a form
    that changes them at run time (:func:`govportal.accounts.set_rule`,
    recorded as ``settings.change``);
``GET /@@admin-security/<oid>``
    one account: locked until, must change its password, second factor,
    with buttons for
``POST /@@admin-security/<oid>/unlock|force-change|revoke-sessions|reset-totp``
    through the accounts API (each records its own action).

Rules are bounded so that the page cannot weaken them below 等保 level 3
(at least 10 characters, lockout after at most 10 failures for at least
15 minutes …).
"""

from dataclasses import dataclass

from pyramid.httpexceptions import HTTPMethodNotAllowed, HTTPNotFound
from pyramid.threadlocal import get_current_registry
from pyramid.view import view_config
from substanced.interfaces import IRoot
from substanced.util import get_oid

from .. import accounts
from ..accounts.state import must_change_password, password_expires_at
from ..i18n import _
from ..security import get_vocabulary
from ..security.events import record_action
from ..workflow.history import DISPLAY_TZ
from .roles_model import principal_by_oid
from .roles_ops import role_title
from .users_model import department_of, department_title, is_locked, search_users, users_folder
from .users_web import MAX_QUERY, TEMPLATES, admin_url, done, private, refuse

PERMISSION = "manage_security"
VIEW = "admin-security"


@dataclass(frozen=True)
class RuleSpec:
    name: str
    title: str
    low: int
    high: int
    unit: str = ""


#: The rules this page edits, with the range it accepts.
RULES = (
    RuleSpec("password_min_length", "口令最短长度", 10, 64, "个字符"),
    RuleSpec("password_history", "不得与最近几次口令相同", 5, 24, "次"),
    RuleSpec("password_max_age_days", "口令有效期（0 表示不过期）", 0, 365, "天"),
    RuleSpec("password_min_score", "口令强度下限（zxcvbn 0–4）", 2, 4),
    RuleSpec("lockout_failures", "连续登录失败多少次后锁定账号", 3, 10, "次"),
    RuleSpec("lockout_minutes", "账号锁定时长", 15, 1440, "分钟"),
    RuleSpec("address_failures", "同一地址登录失败多少次后限制", 5, 1000, "次"),
    RuleSpec("address_window_minutes", "同一地址的限制时间窗", 5, 1440, "分钟"),
    RuleSpec("reset_link_hours", "设置密码链接的有效期", 1, 72, "小时"),
)


def totp_choices(registry):
    """Roles whose second factor this page may require besides the three
    administrators (always required): the roles 管理 grants (roles.yaml)."""
    return get_vocabulary(registry).offered_roles


def _local(when):
    return when.astimezone(DISPLAY_TZ).strftime("%Y-%m-%d %H:%M") if when else ""


def _rules_values(request):
    rules = accounts.get_rules(request.registry, request.root)
    return {
        "rules": [(spec, getattr(rules, spec.name)) for spec in RULES],
        "totp_roles": set(rules.totp_roles),
        "totp_choices": [
            (r, role_title(request.registry, r)) for r in totp_choices(request.registry)
        ],
    }


@view_config(
    context=IRoot, name=VIEW, permission=PERMISSION, renderer=TEMPLATES + "users_security.pt"
)
def security_view(context, request):
    sub = request.subpath
    if not sub:
        if request.method != "GET":
            raise HTTPMethodNotAllowed()
        return index(context, request)
    if sub == ("policy",):
        if request.method != "POST":
            raise HTTPMethodNotAllowed()
        return save_policy(context, request)
    if len(sub) == 1:
        if request.method != "GET":
            raise HTTPMethodNotAllowed()
        return account_page(context, request, sub[0])
    if len(sub) == 2 and sub[1] in ACTIONS:
        if request.method != "POST":
            raise HTTPMethodNotAllowed()
        user = principal_by_oid(context, sub[0])
        if user is None:
            raise HTTPNotFound()
        return ACTIONS[sub[1]](request, user)
    raise HTTPNotFound()


def index(context, request, errors=None):
    private(request)
    query = (request.GET.get("q") or "")[:MAX_QUERY]
    found = search_users(context, query) if query else []
    locked = []
    for user in users_folder(context).values():
        until = is_locked(user, context)
        if until:
            locked.append((user, _local(until)))
    values = dict(
        _rules_values(request),
        query=query,
        found=[(u, admin_url(request, VIEW, str(get_oid(u)))) for u in found],
        locked=[(u, until, admin_url(request, VIEW, str(get_oid(u)))) for u, until in locked],
        list_url=admin_url(request, VIEW),
        policy_url=admin_url(request, VIEW, "policy"),
    )
    if errors:
        return refuse(request, 400, errors, "users_security.pt", values)
    return values


def account_page(context, request, oid):
    private(request)
    user = principal_by_oid(context, oid)
    if user is None:
        raise HTTPNotFound()
    rules = accounts.get_rules(request.registry, context)
    request.override_renderer = TEMPLATES + "users_security_user.pt"
    return {
        "user": user,
        "fullname": getattr(user, "fullname", "") or "",
        "department": department_title(context, department_of(user, context)),
        "disabled": bool(getattr(user, "disabled", False)),
        "locked_until": _local(is_locked(user, context)),
        "must_change": must_change_password(user, rules),
        "expires": _local(password_expires_at(user, rules)),
        "has_totp": bool(getattr(user, "totp_secret", None)),
        "requires_totp": accounts.requires_totp(user, request),
        "action": lambda name: admin_url(request, VIEW, str(get_oid(user)), name),
        "roles_url": admin_url(request, "admin-roles", "user", str(get_oid(user))),
        "may_roles": request.has_permission("manage_roles", context),
        "index_url": admin_url(request, VIEW),
    }


def _back(request, user):
    return admin_url(request, VIEW, str(get_oid(user)))


def _unlock(request, user):
    if not is_locked(user, request.root):
        return done(
            request, _("admin-not-locked", default="该账号没有被锁定。"), _back(request, user)
        )
    accounts.unlock(user, request)
    message = _(
        "admin-unlocked", default="已解锁账号“${login}”。", mapping={"login": user.__name__}
    )
    return done(request, message, _back(request, user))


def _force_change(request, user):
    accounts.force_password_change(user, request)
    message = _(
        "admin-forced",
        default="“${login}”下次登录时必须修改口令。",
        mapping={"login": user.__name__},
    )
    return done(request, message, _back(request, user))


def _revoke(request, user):
    accounts.revoke_sessions(user, request, "admin")
    message = _(
        "admin-sessions-revoked",
        default="已注销“${login}”的全部登录会话。",
        mapping={"login": user.__name__},
    )
    return done(request, message, _back(request, user))


def _reset_totp(request, user):
    if not getattr(user, "totp_secret", None):
        message = _("admin-no-totp", default="该账号没有绑定动态口令。")
        return done(request, message, _back(request, user))
    accounts.reset_totp(user, request)
    accounts.revoke_sessions(user, request, "totp.reset")
    message = _(
        "admin-totp-reset",
        default="已重置“${login}”的动态口令，其登录会话已失效；下次登录时重新绑定。",
        mapping={"login": user.__name__},
    )
    return done(request, message, _back(request, user))


ACTIONS = {
    "unlock": _unlock,
    "force-change": _force_change,
    "revoke-sessions": _revoke,
    "reset-totp": _reset_totp,
}


def _parse_rules(post):
    """``({name: int}, [errors])`` of the posted rule values."""
    values, errors = {}, []
    for spec in RULES:
        raw = (post.get(spec.name) or "").strip()
        try:
            value = int(raw)
        except ValueError:
            errors.append(
                _(
                    "admin-rule-integer",
                    default="“${title}”须为整数。",
                    mapping={"title": spec.title},
                )
            )
            continue
        if not spec.low <= value <= spec.high:
            errors.append(
                _(
                    "admin-rule-range",
                    default="“${title}”须在 ${low} 至 ${high} 之间。",
                    mapping={"title": spec.title, "low": spec.low, "high": spec.high},
                )
            )
            continue
        values[spec.name] = value
    roles = post.getall("totp_roles")
    choices = totp_choices(get_current_registry())
    if not set(roles) <= set(choices):
        errors.append(_("admin-rule-totp", default="请从列表中选择需要动态口令的角色。"))
    return values, tuple(r for r in choices if r in roles), errors


def save_policy(context, request):
    values, totp_roles, errors = _parse_rules(request.POST)
    if errors:
        return index(context, request, errors)
    current = accounts.get_rules(request.registry, context)
    changed = []
    for name, value in values.items():
        old = getattr(current, name)
        if old != value:
            accounts.set_rule(context, name, value)
            record_action(
                request,
                "settings.change",
                target=f"accounts.{name}",
                details={"old": old, "new": value},
            )
            changed.append(name)
    # the three administrators always need the second factor (accounts.totp)
    choices = totp_choices(request.registry)
    old_totp = tuple(r for r in choices if r in current.totp_roles)
    if old_totp != totp_roles:
        kept = tuple(r for r in current.totp_roles if r not in choices)
        accounts.set_rule(context, "totp_roles", kept + totp_roles)
        record_action(
            request,
            "settings.change",
            target="accounts.totp_roles",
            details={"old": " ".join(old_totp), "new": " ".join(totp_roles)},
        )
        changed.append("totp_roles")
    if changed:
        message = _(
            "admin-policy-saved",
            default="已保存账号安全策略（${count} 项有变化）。",
            mapping={"count": len(changed)},
        )
    else:
        message = _("admin-policy-unchanged", default="账号安全策略没有变化。")
    return done(request, message, admin_url(request, VIEW), changed=changed)
