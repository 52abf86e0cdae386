"""在线调查: a questionnaire as data (:class:`Survey`), in a column and
reviewed like documents (``workflows/participation.yaml``)."""

from substanced.content import content
from substanced.folder import Folder
from zope.interface import Interface, implementer


class ISurvey(Interface):
    """An online survey (在线调查)."""


@content("Survey", icon="glyphicon glyphicon-stats", catalog=True)
@implementer(ISurvey)
class Survey(Folder):
    """Questions as data, open between ``opens_on`` and ``closes_on``."""

    title = ""
