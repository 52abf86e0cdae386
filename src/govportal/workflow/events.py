"""Events fired by govportal's workflow engine.

Substance D fires ``AfterTransition`` with no actor or comment; every
govportal transition additionally fires :class:`ContentTransitioned`, which
carries the history record, so notifications, audit trails and caches hang
off one event.
"""

from zope.interface import Attribute, Interface, implementer


class IContentTransitioned(Interface):
    content = Attribute("the item that changed state")
    record = Attribute("the TransitionRecord written for this step")
    request = Attribute("the request, or None outside a request")


@implementer(IContentTransitioned)
class ContentTransitioned:
    def __init__(self, content, record, workflow, request=None):
        self.content = content
        self.object = content  # substanced subscriber convention
        self.record = record
        self.workflow = workflow
        self.request = request
