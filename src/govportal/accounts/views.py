"""Sign-in views on the portal root: ``/@@login``, ``/@@login-totp``,
``/@@logout``.

Fields: ``/@@login`` POST ``login``, ``password``, ``came_from`` (optional,
a path on this site), ``csrf_token``; ``/@@login-totp`` POST ``code``,
``csrf_token``; ``/@@logout`` POST ``csrf_token``.
"""

from pyramid.httpexceptions import HTTPFound
from pyramid.renderers import render_to_response
from pyramid.response import Response
from pyramid.security import NO_PERMISSION_REQUIRED, forget
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..security.events import record_action
from . import lockout, signin, totp
from .rules import get_rules
from .state import is_disabled, login_of
from .text import LOGIN_REFUSED, THROTTLED, text

TEMPLATES = "govportal.accounts:templates/"


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def page(request, template, values, status=200):
    """Render an accounts page (or the JSON error answer)."""
    errors = values.get("errors") or []
    if errors and status >= 400 and wants_json(request):
        response = Response(json_body={"ok": False, "errors": list(errors)}, status=status)
        return response
    values.setdefault("csrf", request.session.get_csrf_token())
    values.setdefault("rules", get_rules(request.registry, request.root))
    values.setdefault("errors", [])
    response = render_to_response(TEMPLATES + template, values, request=request)
    response.status_int = status
    response.headers["Cache-Control"] = "no-store"
    return response


def _login_form(request, login="", came_from="", errors=(), status=200):
    user = request.user if request.authenticated_userid is not None else None
    return page(
        request,
        "login.pt",
        {
            "login": login,
            "came_from": signin.safe_came_from(came_from),
            "errors": list(errors),
            "current_user": user,
        },
        status,
    )


@view_config(
    context=IRoot, name="login", permission=NO_PERMISSION_REQUIRED, request_method=("GET", "HEAD")
)
def login_form(context, request):
    return _login_form(request, came_from=request.params.get("came_from", ""))


@view_config(context=IRoot, name="login", permission=NO_PERMISSION_REQUIRED, request_method="POST")
def login_submit(context, request):
    login = request.POST.get("login", "")
    password = request.POST.get("password", "")
    came_from = request.POST.get("came_from", "")
    if not login.strip() or not password:
        return _login_form(request, login, came_from, [text(LOGIN_REFUSED, request)], status=400)
    user, refusal = signin.attempt(request, login, password)
    if user is None:
        if refusal == signin.THROTTLED:
            return _login_form(request, login, came_from, [text(THROTTLED, request)], status=429)
        return _login_form(request, login, came_from, [text(LOGIN_REFUSED, request)], status=401)
    return signin.begin(request, user, came_from)


def _pending_or_restart(request):
    user = signin.pending_user(request)
    if user is None:
        signin.drop_pending(request)
    return user


def _restart(request):
    request.session.flash("登录已超时，请重新登录。")
    return HTTPFound(request.application_url + "/@@login")


@view_config(context=IRoot, name="login-totp", permission=NO_PERMISSION_REQUIRED)
def login_totp(context, request):
    user = _pending_or_restart(request)
    if user is None or not getattr(user, "totp_secret", None):
        return _restart(request)
    if request.method != "POST":
        return page(request, "login_totp.pt", {})
    login = login_of(user)
    if lockout.check(request, login, signin.client_address(request)).locked or is_disabled(user):
        signin.drop_pending(request)
        request.session.flash(text(LOGIN_REFUSED, request))
        return HTTPFound(request.application_url + "/@@login")
    if totp.verify(user, request.POST.get("code", "")):
        lockout.clear(request, login)
        return signin.complete(request, user)
    record_action(request, "totp.failure", target=login, result="failure", actor=login)
    signin.fail(request, login, "totp")
    return page(
        request,
        "login_totp.pt",
        {"errors": ["动态验证码错误或已使用过，请输入应用当前显示的数字。"]},
        status=401,
    )


@view_config(context=IRoot, name="logout", permission=NO_PERMISSION_REQUIRED, request_method="POST")
def logout(context, request):
    """Sign out: every ticket of the user stops working (version bump)."""
    user = request.user if request.authenticated_userid is not None else None
    if user is not None:
        from .state import bump_ticket_version

        bump_ticket_version(user)
        record_action(request, "logout", target=login_of(user))
    headers = forget(request)
    request.session.invalidate()
    request.session.flash("您已安全退出。")
    return HTTPFound(request.application_url + "/@@login", headers=headers)


@view_config(
    context=IRoot, name="logout", permission=NO_PERMISSION_REQUIRED, request_method=("GET", "HEAD")
)
def logout_confirm(context, request):
    """A link cannot sign anyone out (state changes only by POST): a button."""
    return page(
        request,
        "message.pt",
        {"heading": "退出登录", "lines": ["请点击下面的按钮退出登录。"], "logout_form": True},
    )
