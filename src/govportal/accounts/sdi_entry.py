"""Substance D's own sign-in, sign-out and password views are no entry points.

Substance D's ``login`` view (also its page for every refusal under
``/manage`` to anonymous users) checks the password itself: it would bypass
the lockout, the throttling, the equal timing, the ticket version and the
second factor.  Its ``logout`` signs out by GET, its ``resetpassword`` form
tells which logins exist and mails a link built from the request's ``Host``,
its reset objects set any password, and ``change_password`` skips the
password policy.  Rather than registering competing views (Substance D's are
route views; an override would have to out-rank each one's predicates), a
``ContextFound`` subscriber answers every request for them before any of
them runs: to ``/@@login`` (or ``/@@password``).  Anonymous requests for any
other SDI page go to ``/@@login`` too, never to Substance D's form.
"""

from urllib.parse import urlencode

from pyramid.events import ContextFound
from pyramid.httpexceptions import HTTPFound
from substanced.interfaces import IPasswordReset
from substanced.sdi import MANAGE_ROUTE_NAME

from .signin import safe_came_from

#: Substance D view names that must never run (view name -> our page)
REPLACED = {
    "login": "/@@login",
    "logout": "/@@logout",
    "resetpassword": "/@@login",
    "change_password": "/@@password",
}
#: where Substance D (and the workspace) keep "came from" in the session
SDI_CAME_FROM = "sdi.came_from"


def _login_url(request, came_from=""):
    came_from = safe_came_from(came_from)
    query = "?" + urlencode({"came_from": came_from}) if came_from else ""
    return request.application_url + "/@@login" + query


def replace_sdi_entry_points(event):
    request = event.request
    if getattr(request.matched_route, "name", None) != MANAGE_ROUTE_NAME:
        return
    view = request.view_name
    if IPasswordReset.providedBy(request.context):
        raise HTTPFound(request.application_url + "/@@login")
    if view in REPLACED:
        if view == "login":
            came_from = request.session.pop(SDI_CAME_FROM, "")
            came_from = came_from.replace(request.host_url, "", 1) if came_from else ""
            raise HTTPFound(_login_url(request, came_from))
        raise HTTPFound(request.application_url + REPLACED[view])
    if request.authenticated_userid is None:
        raise HTTPFound(_login_url(request, request.path_qs if request.method == "GET" else ""))


def includeme(config):
    config.add_subscriber(replace_sdi_entry_points, ContextFound)
