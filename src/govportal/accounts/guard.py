"""A signed-in user whose password must change (set by an administrator,
or expired) reaches nothing but the password form until it is changed."""

from urllib.parse import urlencode

from pyramid.events import ContextFound
from pyramid.httpexceptions import HTTPFound

from .rules import get_rules
from .state import must_change_password

#: views of the portal root such a user may still use
ALLOWED_VIEWS = frozenset({"password", "logout", "login"})


def require_password_change(event):
    request = event.request
    if request.authenticated_userid is None:
        return
    route = getattr(request.matched_route, "name", "") or ""
    if route.startswith("__"):  # static assets
        return
    if request.view_name in ALLOWED_VIEWS and getattr(request.context, "__parent__", 1) is None:
        return
    user = request.user
    if user is None or not must_change_password(user, get_rules(request.registry, request.root)):
        return
    came_from = request.path_qs if request.method == "GET" else ""
    if came_from:
        request.session["govportal.accounts.came_from"] = came_from
    raise HTTPFound(request.application_url + "/@@password?" + urlencode({"next": "1"}))


def includeme(config):
    config.add_subscriber(require_password_change, ContextFound)
