"""``/@@password`` (change one's own password; forced when it must change)
and ``/@@reset-password`` (through a one-time link).

Fields: ``current_password`` (``/@@password`` only), ``new_password``,
``confirm_password``, ``csrf_token``; ``token`` on ``/@@reset-password``.
"""

from urllib.parse import urlencode

from pyramid.httpexceptions import HTTPFound
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config
from substanced.interfaces import IRoot

from . import lockout, signin
from .passwords import PasswordRejected, set_password
from .resets import consume_reset, user_for_token
from .rules import get_rules
from .state import login_of, must_change_password
from .text import LOGIN_REFUSED, text
from .tickets import remember_user
from .views import page

CAME_FROM = "govportal.accounts.came_from"


def _new_password_errors(request):
    new = request.POST.get("new_password", "")
    if not new:
        return new, ["请输入新密码。"]
    if new != request.POST.get("confirm_password", ""):
        return new, ["两次输入的新密码不一致。"]
    return new, []


def _password_page(request, user, errors=(), status=200):
    rules = get_rules(request.registry, request.root)
    forced = ""
    if must_change_password(user, rules):
        forced = "您的密码已过期或须在首次登录时修改，请先设置新密码后再继续。"
    return page(
        request,
        "password.pt",
        {
            "errors": list(errors),
            "forced": forced,
            "login": login_of(user),
            "ask_current": True,
            "action": request.application_url + "/@@password",
        },
        status,
    )


@view_config(context=IRoot, name="password", permission=NO_PERMISSION_REQUIRED)
def change_password(context, request):
    if request.authenticated_userid is None:
        query = urlencode({"came_from": "/@@password"})
        return HTTPFound(request.application_url + "/@@login?" + query)
    user = request.user
    if request.method != "POST":
        return _password_page(request, user)
    login = login_of(user)
    current = request.POST.get("current_password", "")
    if lockout.check(request, login, signin.client_address(request)).locked:
        lockout.equal_delay()
        return _password_page(request, user, [text(LOGIN_REFUSED, request)], 401)
    if not current or not lockout.timed_check(user, current):
        signin.fail(request, login, "current-password")
        return _password_page(request, user, ["当前密码不正确。"], 400)
    new, errors = _new_password_errors(request)
    if not errors:
        try:
            set_password(user, new, request)
        except PasswordRejected as e:
            errors = e.errors
    if errors:
        return _password_page(request, user, errors, 400)
    # the change revoked every ticket, this one too: a new one, a new session
    came_from = request.session.get(CAME_FROM, "")
    request.session.invalidate()
    request.session.new_csrf_token()
    headers = remember_user(request, user)
    request.session.flash("密码已修改。其他设备上的登录已失效。")
    return HTTPFound(signin.landing(request, user, came_from), headers=headers)


def _reset_page(request, user, token, errors=(), status=200):
    response = page(
        request,
        "password.pt",
        {
            "errors": list(errors),
            "forced": "请为账号设置新密码。此链接只能使用一次。",
            "login": login_of(user),
            "ask_current": False,
            "token": token,
            "action": request.application_url + "/@@reset-password",
        },
        status,
    )
    # the token is in this page's URL: never send it on in a Referer
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _invalid_link(request, status):
    response = page(
        request,
        "message.pt",
        {
            "heading": "链接无效",
            "lines": ["此重置密码链接无效、已使用或已过期。请联系系统管理员重新发送。"],
            "errors": ["重置密码链接无效或已过期。"],
        },
        status,
    )
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@view_config(context=IRoot, name="reset-password", permission=NO_PERMISSION_REQUIRED)
def reset_password(context, request):
    token = (request.POST if request.method == "POST" else request.GET).get("token", "")
    user = user_for_token(request.root, token)
    if user is None:
        return _invalid_link(request, 400 if request.method == "POST" else 404)
    if request.method != "POST":
        return _reset_page(request, user, token)
    new, errors = _new_password_errors(request)
    if not errors:
        try:
            consume_reset(user, new, request)
        except PasswordRejected as e:
            errors = e.errors
    if errors:
        return _reset_page(request, user, token, errors, 400)
    lockout.clear(request, login_of(user))
    request.session.invalidate()
    request.session.flash("密码已重置，请用新密码登录。")
    return HTTPFound(request.application_url + "/@@login")
