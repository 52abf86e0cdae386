"""权力清单事项 (an administrative power item): the content type and where
items are found.

A :class:`PowerItem` lives in a column (the departments' 权责清单 ``qlqd``, or
any column) and is reviewed like a guide (``workflows/guide.yaml``: its
publication is refused while a required element of
:func:`.power_schema.missing_power_elements` is empty).  ``flow`` is data,
``({"title", "description", "role"}, ...)``, drawn by :mod:`.flowchart`;
``guide_names`` are the paths (or oids) of the guides that serve the power.
"""

from pyramid.traversal import find_resource, resource_path
from substanced.content import content
from substanced.folder import Folder
from substanced.property import PropertySheet
from substanced.util import find_objectmap
from zope.interface import Interface, implementer

from ..content import IColumn
from .guide import IServiceGuide
from .power_schema import clean, missing_power_elements, power_schema


class IPowerItem(Interface):
    """An item of a department's 权力清单."""


class PowerSheet(PropertySheet):
    """Every element of a power item (the SDI's property sheet, permission ``edit``)."""

    schema = power_schema()
    permissions = (("view", "sdi.view"), ("change", "edit"))

    def get(self):
        values = super().get()
        values["flow"] = [dict(step) for step in values.get("flow") or ()]
        values["guide_names"] = list(values.get("guide_names") or ())
        return values

    def set(self, struct, omit=()):
        return super().set(clean(struct), omit)


@content(
    "PowerItem",
    icon="glyphicon glyphicon-tower",
    propertysheets=(("权力清单事项", PowerSheet),),
    catalog=True,
)
@implementer(IPowerItem)
class PowerItem(Folder):
    """One 行政权力事项: type, basis, responsible unit, flow, 追责情形."""

    title = ""
    power_type = ""
    item_code = ""
    basis = ""
    unit = ""
    flow = ()
    accountability = ""
    guide_names = ()
    last_editor = None

    def __init__(self, **kw):
        super().__init__()
        for key, value in kw.items():
            setattr(self, key, value)

    def __sdi_addable__(self, context, introspectable):
        return False


#: the columns the workspace offers for new items (the departments' 权责清单)
POWER_COLUMN_NAMES = ("qlqd",)


def is_power_column(column):
    """Where a power item may be added: any column (design: usually 权责清单)."""
    return column is not None and IColumn.providedBy(column)


def offered_column(column):
    """A column the workspace's 新建权力清单事项 picker lists."""
    return is_power_column(column) and column.__name__ in POWER_COLUMN_NAMES


def columns_of(site):
    """The columns directly in ``site`` (portal root or department)."""
    return [child for _name, child in site.items() if IColumn.providedBy(child)]


def power_items(site):
    """Every power item in the columns of ``site``."""
    return [
        item
        for column in columns_of(site)
        for _name, item in column.items()
        if IPowerItem.providedBy(item)
    ]


def site_guides(site):
    """Every service guide in the columns of ``site`` (by path)."""
    return [
        guide
        for column in columns_of(site)
        for _name, guide in column.items()
        if IServiceGuide.providedBy(guide)
    ]


def resolve_guide(context, name):
    """The guide a ``guide_names`` entry names (a path or an oid), or None."""
    name = str(name or "").strip()
    if not name:
        return None
    guide = None
    if name.isdigit():
        objectmap = find_objectmap(context)
        guide = objectmap.object_for(int(name)) if objectmap is not None else None
    else:
        try:
            guide = find_resource(context, name if name.startswith("/") else "/" + name)
        except KeyError:
            guide = None
    return guide if IServiceGuide.providedBy(guide) else None


def linked_guides(item):
    """The guides ``item`` names that exist, in its order."""
    found = []
    for name in item.guide_names or ():
        guide = resolve_guide(item, name)
        if guide is not None and guide not in found:
            found.append(guide)
    return found


def guide_path(guide):
    return resource_path(guide)


def includeme(config):
    # The class is registered by the package's scan; here only its checker.
    config.add_required_elements("PowerItem", missing_power_elements)
