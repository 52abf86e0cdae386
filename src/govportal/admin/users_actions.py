"""用户: actions on an account (permission ``manage_accounts``), by POST to
``/@@admin-user/<oid>/<action>``:

``disable`` / ``enable``
    through :func:`govportal.accounts.disable` / ``enable`` (which end the
    sessions and record the action); an administrator cannot disable
    their own account;
``reset-link``
    a new one-time link (:func:`govportal.accounts.issue_reset_link`, any
    earlier one stops working), mailed to the user and shown once.

Scripts (``Accept: application/json``) get ``{"ok": ...}``; people a flash
and a redirect to the user's page.
"""

from pyramid.httpexceptions import HTTPMethodNotAllowed, HTTPNotFound

from .. import accounts
from ..i18n import _, translate
from ..mail import send
from ..siteurl import public_url
from ..workflow.views import wants_json
from .roles_model import duty_roles_of
from .users_web import TEMPLATES, admin_url, done, private, refuse, subpath_user


def mail_link(request, user, url, created):
    """Mail the one-time link to the user (on commit); False when the user
    has no address."""
    if not getattr(user, "email", ""):
        return False
    site = getattr(request.root, "legal_name", "") or "政府网站群"
    body = translate(
        request,
        _(
            "admin-reset-mail",
            default=(
                "${name}，您好：\n\n管理员为您在${site}网站群管理系统中${what}。"
                "请在 ${hours} 小时内打开下面的链接设置密码（链接只能使用一次）：\n\n"
                "${url}\n\n登录名：${login}\n登录地址：${login_url}\n\n"
                "如果您没有申请，请联系网站管理员。"
            ),
            mapping={
                "name": getattr(user, "fullname", "") or user.__name__,
                "site": site,
                "what": "创建了账号"
                if getattr(user, "_admin_new", False)
                else "发出了重置密码的链接",
                "hours": accounts.get_rules(request.registry, request.root).reset_link_hours,
                "url": url,
                "login": user.__name__,
                "login_url": public_url(request.registry, request.root) + "/@@login",
            },
        ),
    )
    subject = translate(request, _("admin-reset-subject", default="设置您的网站群账号密码"))
    send(request, [user.email], subject, body)
    return True


def link_page(request, user, url, created, mailed, shown=True):
    """The values of the page showing the one-time link, once (never cached);
    ``shown=False``: the page says where it was mailed, without the link."""
    private(request)
    request.response.headers["Referrer-Policy"] = "no-referrer"
    request.override_renderer = TEMPLATES + "users_link.pt"
    return {
        "user": user,
        "fullname": getattr(user, "fullname", "") or "",
        "url": url if shown else "",
        "mailed": mailed,
        "created": created,
        "hours": accounts.get_rules(request.registry, request.root).reset_link_hours,
        "edit_url": admin_url(request, "admin-user", str(user.__oid__)),
        "list_url": admin_url(request, "admin-users"),
    }


def is_duty_account(request, user):
    """True when ``user`` holds one of the three administrators' roles."""
    return bool(duty_roles_of(user, request.root, request.registry))


def issue_link(request, user, created):
    """Issue a one-time link for ``user``, mail it and answer: the page with
    the link for people, ``{"ok": true, "mailed": ...}`` for scripts (which
    never receive the link itself).

    The link of an administrator of 三员分立 is only mailed to the account's
    own address, never shown: the system administrator must not be able to
    sign in as the security or audit administrator."""
    duty = is_duty_account(request, user)
    if duty and not getattr(user, "email", ""):
        return refuse(request, 409, [DUTY_NO_MAIL])
    url = accounts.issue_reset_link(user, request)
    mailed = mail_link(request, user, url, created)
    if wants_json(request):
        request.override_renderer = "json"
        return {"ok": True, "login": user.__name__, "oid": user.__oid__, "mailed": mailed}
    return link_page(request, user, url, created, mailed, shown=not duty)


DISABLE_SELF = _("admin-disable-self", default="不能停用自己的账号。")
ALREADY_DISABLED = _("admin-already-disabled", default="该账号已是停用状态。")
ALREADY_ENABLED = _("admin-already-enabled", default="该账号已是正常状态。")
DUTY_NO_MAIL = _(
    "admin-duty-no-mail",
    default="三员账号没有邮箱地址，无法发送设置密码的链接；请在服务器上用命令处理。",
)
LINK_DISABLED = _("admin-link-disabled", default="账号已停用，请先启用再发送设置密码的链接。")


def _disable(request, user):
    if str(user.__oid__) == str(request.authenticated_userid):
        return refuse(request, 409, [DISABLE_SELF])
    if getattr(user, "disabled", False):
        return done(request, ALREADY_DISABLED, _back(request, user))
    accounts.disable(user, request)
    message = _(
        "admin-disabled",
        default="已停用账号“${login}”，其登录会话已全部失效。",
        mapping={"login": user.__name__},
    )
    return done(request, message, _back(request, user))


def _enable(request, user):
    if not getattr(user, "disabled", False):
        return done(request, ALREADY_ENABLED, _back(request, user))
    accounts.enable(user, request)
    message = _("admin-enabled", default="已启用账号“${login}”。", mapping={"login": user.__name__})
    return done(request, message, _back(request, user))


def _reset_link(request, user):
    if getattr(user, "disabled", False):
        return refuse(request, 409, [LINK_DISABLED])
    return issue_link(request, user, created=False)


ACTIONS = {"disable": _disable, "enable": _enable, "reset-link": _reset_link}


def _back(request, user):
    return admin_url(request, "admin-user", str(user.__oid__))


def user_action(context, request):
    """Dispatch ``/@@admin-user/<oid>/<action>`` (POST only)."""
    if len(request.subpath) != 2 or request.subpath[1] not in ACTIONS:
        raise HTTPNotFound()
    if request.method != "POST":
        raise HTTPMethodNotAllowed()
    user = subpath_user(request)
    return ACTIONS[request.subpath[1]](request, user)
