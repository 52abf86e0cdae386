"""The sites of the site group that handle services: the portal and its departments."""

from ..content import IDepartment
from ..content import site_group as sites  # noqa: F401  (the portal and its departments)


def site_named(root, name):
    """The department called ``name`` (its URL name), the root for ``""``, or None."""
    if not name:
        return root
    child = root.get(name) if hasattr(root, "get") else None
    return child if child is not None and IDepartment.providedBy(child) else None


def site_key(site):
    """The name a case or guide records for ``site`` ("" for the portal)."""
    return site.__name__ if IDepartment.providedBy(site) else ""


def site_title(site):
    return getattr(site, "short_title", "") or getattr(site, "title", "") or ""
