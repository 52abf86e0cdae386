"""意见征集: a draft decision open for comment (:class:`Consultation`) and the
department's 采纳情况 after it closes (:class:`AdoptionReport`), both in a
column and reviewed like documents (``workflows/participation.yaml``)."""

from substanced.content import content
from substanced.folder import Folder
from zope.interface import Interface, implementer


class IConsultation(Interface):
    """A public consultation on a draft (意见征集)."""


class IAdoptionReport(Interface):
    """What a consultation's comments led to (采纳情况)."""


@content("Consultation", icon="glyphicon glyphicon-comment", catalog=True)
@implementer(IConsultation)
class Consultation(Folder):
    """A draft open for comment between ``opens_on`` and ``closes_on``;
    children are the draft's files."""

    title = ""


@content("AdoptionReport", icon="glyphicon glyphicon-check", catalog=True)
@implementer(IAdoptionReport)
class AdoptionReport(Folder):
    """The adoption report of one consultation (linked both ways)."""

    title = ""
