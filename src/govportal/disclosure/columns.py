"""The statutory disclosure columns of every site (checklist C, issue 5).

The portal and every department sub-site carry five columns of the
政府信息公开 platform: 政府信息公开指南, 政府信息公开制度, 法定主动公开内容,
政府信息公开年报 and 依申请公开 (:data:`DISCLOSURE_COLUMNS`, by URL name).
A new department gets them when it is created (a subscriber of its
``ObjectAdded``, next to the one creating its groups); the demo site lists
them for the portal; :func:`ensure_disclosure_columns` creates any that are
missing in a site (existing columns of the same name are left as they are).
"""

from substanced.event import IObjectAdded
from substanced.interfaces import IRoot
from zope.interface import Interface

from ..content.containers import IDepartment

#: (url name, title, kind) of the disclosure columns, in display order.
DISCLOSURE_COLUMNS = (
    ("xxgkzn", "政府信息公开指南", "disclosure"),
    ("xxgkzd", "政府信息公开制度", "disclosure"),
    ("fdzdgk", "法定主动公开内容", "disclosure"),
    ("xxgknb", "政府信息公开年报", "disclosure"),
    ("ysqgk", "依申请公开", "disclosure"),
)

COLUMN_NAMES = tuple(name for name, _title, _kind in DISCLOSURE_COLUMNS)

#: The disclosure column whose page leads to its site's 依申请公开 form and
#: tracking page (the only place that names it).
APPLICATIONS_COLUMN = "ysqgk"

#: Positions of the disclosure columns after a site's other columns.
FIRST_POSITION = 200


def disclosure_column(site, name):
    """The disclosure column ``name`` (e.g. ``ysqgk``) of ``site``, or None."""
    return site.get(name) if name in COLUMN_NAMES else None


def is_applications_column(column):
    """Whether ``column`` is the 依申请公开 column of a site (the portal or a
    department), not merely a column of that name deeper down."""
    site = getattr(column, "__parent__", None)
    if site is None or not (IRoot.providedBy(site) or IDepartment.providedBy(site)):
        return False
    return disclosure_column(site, APPLICATIONS_COLUMN) is column


def ensure_disclosure_columns(site, registry):
    """Create the disclosure columns missing in ``site`` (the root or a
    department); returns the names created."""
    created = []
    for i, (name, title, kind) in enumerate(DISCLOSURE_COLUMNS):
        if name in site:
            continue
        site[name] = registry.content.create(
            "Column", title=title, kind=kind, position=FIRST_POSITION + i
        )
        created.append(name)
    return created


def department_added(event):
    if event.moving is not None or event.loading or event.duplicating is not None:
        return
    ensure_disclosure_columns(event.object, event.registry)


def includeme(config):
    config.add_content_subscriber(department_added, [IObjectAdded, IDepartment, Interface])
