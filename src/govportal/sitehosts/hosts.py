"""Which site a host name or a resource belongs to (第九条: each site of the
group may have its own ``.gov.cn`` host name, served by this installation).

A department's own host name is its ``domain`` setting (网站域名, validated by
:func:`govportal.content.validators.site_domain_validator`); a department
without one is served under the portal's host and path.
"""

import re
from urllib.parse import urlsplit

from pyramid.traversal import resource_path_tuple

from ..content.containers import find_department, site_group
from ..content.portal import site_setting

#: environ key: the ``__name__`` of the department this request's host serves
SITE_KEY = "govportal.sitehosts.department"
#: attribute of the portal root: {host name: department __name__} (.domains)
RECORD_ATTR = "_govportal_site_domains"
#: environ key of Pyramid's virtual root (``X-Vhm-Root``)
VHM_KEY = "HTTP_X_VHM_ROOT"


#: a host name (letters, digits, hyphens, dots; IDNA form) and an optional port
_HOST_RE = re.compile(r"([a-z0-9.-]+?)\.?(?::[0-9]{1,5})?")


def host_name(host):
    """``Host`` header → a lower-case host name without port or final dot;
    "" for anything that is not a plain host name (an IPv6 literal, a port
    that is no number, ``@``, ``/``, ``\\``...): never a site's host."""
    match = _HOST_RE.fullmatch((host or "").strip().lower())
    return match.group(1) if match else ""


def domain_of(site):
    """The own host name of a department (or "")."""
    return (getattr(site, "domain", "") or "").strip().lower()


def portal_names(root):
    """The portal's own host names: its 网站域名 and the host of the
    configured public URL (``govportal.public_url``).  Never a department's,
    even if one were given it: the portal's host would serve that
    department, and its staff pages (redirected to the public URL) would
    loop."""
    from pyramid.threadlocal import get_current_registry

    names = {(site_setting(root, "domain") or "").strip().lower()}
    settings = getattr(get_current_registry(), "settings", None) or {}
    configured = settings.get("govportal.public_url") or ""
    names.add((urlsplit(configured.strip()).hostname or "").rstrip("."))
    names.discard("")
    return names


def department_for_host(root, host):
    """The department whose own host name is ``host``, or None."""
    name = host_name(host)
    # only .gov.cn names can be a department's (the validator's rule): the
    # departments are not read for localhost, addresses or foreign names
    if root is None or not name.endswith(".gov.cn"):
        return None
    if name in portal_names(root):
        return None
    # every request asks: the root's record of host names (kept by
    # .domains) answers without loading the site group; a department given
    # its host without the record knowing (a script) is found by the scan
    recorded = (getattr(root, RECORD_ATTR, None) or {}).get(name)
    site = root.get(recorded) if recorded else None
    if site is not None and domain_of(site) == name:
        return site
    for site in site_group(root)[1:]:
        if domain_of(site) == name:
            return site
    return None


def hosted_department(resource):
    """The department of ``resource`` when that department has its own host
    name, else None (the portal's content, or a department served under the
    portal's path)."""
    department = find_department(resource)
    if department is not None and domain_of(department):
        return department
    return None


def known_host(root, host):
    """True if ``host`` is the portal's domain or a department's own host."""
    name = host_name(host)
    if root is not None and name in portal_names(root):
        return True
    return department_for_host(root, name) is not None


def path_within(resource, department):
    """The path segments of ``resource`` below ``department`` (a tuple)."""
    full = resource_path_tuple(resource)
    return full[len(resource_path_tuple(department)) :]
