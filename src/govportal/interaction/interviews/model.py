"""在线访谈: an interview announced in advance (:class:`Interview`), in a
column and reviewed like documents (``workflows/participation.yaml``);
children are its photos."""

from substanced.content import content
from substanced.folder import Folder
from zope.interface import Interface, implementer


class IInterview(Interface):
    """An online interview (在线访谈)."""


@content("Interview", icon="glyphicon glyphicon-facetime-video", catalog=True)
@implementer(IInterview)
class Interview(Folder):
    """Topic, guests and time; questions, transcript and photos."""

    title = ""
