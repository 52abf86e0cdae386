"""``/@@totp`` (enrol the second factor) and ``/@@account`` (one's account).

``/@@totp`` serves a pending sign-in (a user who must have a second factor
and has none yet, before any ticket) and signed-in users who choose one.
The candidate secret is not stored anywhere before it is confirmed: it is
derived from the server secret, the user and a random nonce kept in the
session, so showing the form writes nothing.  Field: ``code``.
"""

import base64
import hashlib
import hmac
import secrets

from pyramid.httpexceptions import HTTPFound
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config
from substanced.interfaces import IRoot
from substanced.util import get_oid

from ..security.events import record_action
from ..workflow.history import DISPLAY_TZ
from . import lockout, signin, totp
from .rules import get_rules
from .state import has_totp, login_of, password_expires_at
from .views import page

NONCE = "govportal.accounts.totp_nonce"


def candidate_secret(request, user):
    nonce = request.session.get(NONCE)
    if not nonce:
        nonce = request.session[NONCE] = secrets.token_hex(16)
    key = request.registry.settings["substanced.secret"].encode("utf-8")
    digest = hmac.new(key, f"totp-enrol|{get_oid(user)}|{nonce}".encode(), hashlib.sha256)
    return base64.b32encode(digest.digest()[:20]).decode("ascii")


def _enrol_page(request, user, required, errors=(), status=200):
    rules = get_rules(request.registry, request.root)
    secret = candidate_secret(request, user)
    uri = totp.provisioning_uri(secret, login_of(user), rules)
    response = page(
        request,
        "totp.pt",
        {
            "errors": list(errors),
            "required": required,
            "login": login_of(user),
            "qr": totp.qr_svg(uri),
            "secret_display": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        },
        status,
    )
    return response


@view_config(context=IRoot, name="totp", permission=NO_PERMISSION_REQUIRED)
def enrol(context, request):
    pending = request.authenticated_userid is None
    user = signin.pending_user(request) if pending else request.user
    if user is None:
        request.session.flash("请先登录。")
        return HTTPFound(request.application_url + "/@@login")
    required = totp.requires_totp(user, request)
    if request.method != "POST":
        return _enrol_page(request, user, required)
    login = login_of(user)
    if pending and lockout.check(request, login, signin.client_address(request)).locked:
        signin.drop_pending(request)
        return HTTPFound(request.application_url + "/@@login")
    secret = candidate_secret(request, user)
    step = totp.matching_step(secret, request.POST.get("code", ""))
    if step is None:
        record_action(request, "totp.failure", target=login, result="failure", actor=login)
        signin.fail(request, login, "totp-enrol")
        errors = ["验证码不正确，请确认手机时间准确后输入应用当前显示的数字。"]
        return _enrol_page(request, user, required, errors, 401)
    user.totp_last_step = step  # a new secret: its first code is used now
    totp.enrol(user, secret, request)
    request.session.pop(NONCE, None)
    lockout.clear(request, login)
    if pending:
        return signin.complete(request, user)
    request.session.flash("动态验证码已设置，今后登录时需要输入。")
    return HTTPFound(request.application_url + "/@@account")


def _local(when):
    return when.astimezone(DISPLAY_TZ).strftime("%Y-%m-%d %H:%M") if when else ""


@view_config(
    context=IRoot, name="account", permission=NO_PERMISSION_REQUIRED, request_method=("GET", "HEAD")
)
def account(context, request):
    if request.authenticated_userid is None:
        return HTTPFound(request.application_url + "/@@login?came_from=/@@account")
    user = request.user
    rules = get_rules(request.registry, request.root)
    expires = password_expires_at(user, rules)
    return page(
        request,
        "account.pt",
        {
            "login": login_of(user),
            "changed": _local(getattr(user, "password_changed_at", None)),
            "expires": _local(expires) if expires and expires.year > 1 else "",
            "enrolled": has_totp(user),
            "required": totp.requires_totp(user, request),
        },
    )
