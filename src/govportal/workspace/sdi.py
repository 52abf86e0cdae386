"""The ways from Substance D's management interface into the workspace.

Everyone signs in through the SDI's login form, which then sends the user
to the page they came from or to the SDI (``/manage``).  Department editors
and reviewers may not use the SDI's root, so a login that would land there
lands in the workspace instead (:func:`land_in_workspace`); users who may
use the SDI keep it, and find the workspace in a tab 编辑工作台.
"""

from urllib.parse import urlsplit

from pyramid.events import NewResponse
from pyramid.httpexceptions import HTTPFound
from pyramid.interfaces import IAuthorizationPolicy
from pyramid.security import Authenticated, Everyone
from substanced.event import LoggedIn
from substanced.interfaces import IFolder
from substanced.sdi import RIGHT, mgmt_view
from substanced.util import get_oid

#: environ key: the user who signed in with this request
LOGGED_IN = "govportal.workspace.logged_in"


@mgmt_view(
    context=IFolder,
    name="workspace",
    tab_title="编辑工作台",
    tab_near=RIGHT,
    permission="sdi.view",
)
def to_workspace(context, request):
    return HTTPFound(request.application_url + "/@@workspace")


def note_login(event):
    event.request.environ[LOGGED_IN] = event.user


def land_in_workspace(event):
    """After signing in, send users who may not use the SDI root to the
    workspace instead of a refusal."""
    request, response = event.request, event.response
    user = request.environ.get(LOGGED_IN)
    if user is None or response.status_int != 302 or not response.location:
        return
    # the SDI root, or the login form itself (Substance D takes the form's
    # own URL as "came from" when the form was opened directly)
    manage = urlsplit(request.application_url).path.rstrip("/") + "/manage"
    landing = {manage, manage + "/@@login", manage + "/login"}
    if urlsplit(response.location).path.rstrip("/") not in landing:
        return
    principals = [Everyone, Authenticated, get_oid(user), *user.groupids]
    policy = request.registry.queryUtility(IAuthorizationPolicy)
    if policy is not None and policy.permits(request.root, principals, "sdi.view"):
        return
    response.location = request.application_url + "/@@workspace"


def includeme(config):
    config.add_subscriber(note_login, LoggedIn)
    config.add_subscriber(land_in_workspace, NewResponse)
