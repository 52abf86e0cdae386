"""Concurrent changes of host names conflict.

The form validator (:func:`govportal.content.validators.site_domain_validator`)
refuses a host name another site has, but two administrators saving the same
host name for two departments at once each see the other's department
unchanged.  So every change of a department's host name also rewrites the
portal root's record of the group's host names: of two such transactions
ZODB commits one and raises a conflict in the other, which pyramid_retry
runs again — and then its validator sees the host name taken (400).
"""

from substanced.event import subscribe_added, subscribe_modified, subscribe_removed
from substanced.interfaces import IRoot

from ..content.containers import IDepartment, site_group
from .hosts import RECORD_ATTR, domain_of


def site_domains(root):
    """{host name: department __name__} of the departments with their own host."""
    return {domain_of(s): s.__name__ for s in site_group(root)[1:] if domain_of(s)}


def record_domains(root):
    """Rewrite the root's record if the departments' host names changed."""
    if root is None or not IRoot.providedBy(root):
        return
    current = site_domains(root)
    if getattr(root, RECORD_ATTR, None) != current:
        setattr(root, RECORD_ATTR, current)


@subscribe_added(IDepartment)
@subscribe_modified(IDepartment)
@subscribe_removed(IDepartment)
def department_changed(event):
    department = event.object
    root = getattr(event, "parent", None) or getattr(department, "__parent__", None)
    record_domains(root)


def includeme(config):
    config.scan(".domains")
