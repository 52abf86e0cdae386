"""Chinese messages of the accounts package, translated for the request."""

from pyramid.threadlocal import get_current_request

from ..i18n import _, translate

#: the one message for every refused sign-in (unknown login, wrong password,
#: locked or disabled account): it must not tell which
LOGIN_REFUSED = _(
    "accounts-login-refused",
    default="用户名或密码错误，或账号已被锁定。连续输错多次后账号将被锁定一段时间，请稍后再试或联系系统管理员。",
)
THROTTLED = _(
    "accounts-throttled",
    default="来自您所在网络地址的登录失败次数过多，请稍后再试。",
)


def text(message, request=None):
    """``message`` as a plain string for ``request`` (or the current one)."""
    request = request if request is not None else get_current_request()
    if request is not None and getattr(request, "localizer", None) is not None:
        return translate(request, message)
    interpolate = getattr(message, "interpolate", None)
    return interpolate() if interpolate is not None else str(message)
