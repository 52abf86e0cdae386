"""Content types: portal settings, departments, columns, documents, attachments."""

from .attachment import Attachment, IAttachment  # noqa: F401
from .containers import (  # noqa: F401
    Column,
    Department,
    IColumn,
    IDepartment,
    find_department,
    site_group,
)
from .document import Document, IDocument  # noqa: F401


def includeme(config):
    config.include(".portal")
    config.include(".subscribers")


def scan(config):
    config.scan(".containers")
    config.scan(".document")
    config.scan(".attachment")
    config.scan(".subscribers")
    config.scan(".views")
