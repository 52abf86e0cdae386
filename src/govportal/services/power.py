"""权力清单事项 (an administrative power item): the content type.  (H6 completes it.)"""

from substanced.content import content
from substanced.folder import Folder
from zope.interface import Interface, implementer


class IPowerItem(Interface):
    """An item of a department's 权力清单."""


@content("PowerItem", icon="glyphicon glyphicon-tower", catalog=True)
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
