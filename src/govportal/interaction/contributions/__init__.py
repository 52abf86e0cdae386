"""Comments on consultations and questions to interviews, moderated before
they show (``workflows/contribution.yaml``).  Model in :mod:`.model`."""

from .model import CONTRIBUTION_TYPE, Contribution


def includeme(config):
    # No add_view: contributions come from the public forms only.
    config.add_content_type(CONTRIBUTION_TYPE, Contribution)
