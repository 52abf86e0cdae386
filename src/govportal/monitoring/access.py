"""Who may see which site on the monitoring staff pages.

Shared by the dashboard (:mod:`.freshness.views`), the self-check
(:mod:`govportal.selfcheck.views`) and the scorecards
(:mod:`govportal.scorecards.views`): a user sees the sites where they hold
``view_monitoring``; anonymous visitors are sent to the sign-in form, a
user without the permission gets 403, and every page is private
(``no_store``).  A portal-level page seen by a user who monitors one
department only sends them to that department's page.
"""

from pyramid.httpexceptions import HTTPForbidden, HTTPFound

from ..content import site_group
from ..workspace.dashboard import no_store
from ..workspace.helpers import require_login
from .alarms import VIEW_PERMISSION


def monitored_sites(request):
    """The sites where the user holds ``view_monitoring``, in site order."""
    return [s for s in site_group(request.root) if request.has_permission(VIEW_PERMISSION, s)]


def guard(request, site=None):
    """A redirect to sign in, or None (the page then sent ``no_store``).

    Raises 403 when ``site`` is given and the user may not monitor it.
    """
    redirect = require_login(request)
    if redirect is not None:
        return redirect
    if site is not None and not request.has_permission(VIEW_PERMISSION, site):
        raise HTTPForbidden()
    no_store(request)
    return None


def county_sites(request, single_url=None):
    """``(response, sites)`` for a portal-level page.

    ``response`` is a redirect to return as is (to sign in, or — when
    ``single_url(site)`` is given and the user monitors one site only, not
    the portal — to that site's page), else None and ``sites`` are the
    sites the user monitors.  Raises 403 when there are none.
    """
    redirect = guard(request)
    if redirect is not None:
        return redirect, []
    sites = monitored_sites(request)
    if not sites:
        raise HTTPForbidden()
    if single_url is not None and request.context not in sites and len(sites) == 1:
        return HTTPFound(single_url(sites[0])), sites
    return None, sites


def site_path(site):
    """The stored key of a site: ``/`` for the portal, ``/<name>`` otherwise."""
    return "/" + site.__name__ if site.__parent__ is not None else "/"
