"""The SDI (``/manage``) is the 系统管理员's alone.

Substance D checks its ``sdi.*`` permissions view by view, and some of its
views need none at all (password reset, image preview, the login page's
forbidden view).  One gate in front of every SDI request is easier to trust:
after traversal, before any view, a request routed to the SDI goes on only
if its user holds ``sdi.view`` on the portal root (the system
administrator, workflows/site.yaml).  Anyone else signed in gets a 403 page
in Chinese that leads to the workspace; an anonymous visitor is sent to the
sign-in page.  Sign-in and sign-out stay open (they are the accounts
package's business).  The SDI's static files are served outside ``/manage``
(``/sdistatic``, ``/deformstatic``) and stay public.
"""

from urllib.parse import urlencode

from pyramid.httpexceptions import HTTPFound

from ..i18n import _
from .answers import LINK_LOGIN, LINK_WORKSPACE, in_sdi, is_system_admin, refuse

#: SDI view names open to everybody: signing in and out.
OPEN_VIEWS = frozenset({"login", "logout"})

MSG_SYSADMIN_ONLY = _(
    "sdi-sysadmin-only",
    default="管理界面仅供系统管理员使用。编辑、审核和管理工作请在编辑工作台和“管理”中进行。",
)


def login_redirect(request):
    """Send an anonymous visitor to the sign-in page (then back here, for a
    GET), as govportal.accounts does for its own pages."""
    query = "?" + urlencode({"came_from": request.path_qs}) if request.method == "GET" else ""
    return HTTPFound(f"{request.application_url}/@@login{query}")


def sdi_gate(event):
    """ContextFound subscriber: refuse SDI requests of anyone but the system
    administrator (see the module docstring)."""
    request = event.request
    if not in_sdi(request) or request.view_name in OPEN_VIEWS:
        return
    if is_system_admin(request):
        return
    if request.authenticated_userid is None:
        raise login_redirect(request)
    refuse(request, MSG_SYSADMIN_ONLY, links=(LINK_WORKSPACE, LINK_LOGIN), reason="not-sysadmin")
