"""Comments on consultations and questions to interviews, moderated before
they show (``workflows/contribution.yaml``).  Model in :mod:`.model`; the
API (submit, moderate, shown/pending/counts) in :mod:`.actions`; the
per-address limits held in the database in
:mod:`govportal.interaction.limits`; the moderation
page ``<item>/@@moderate`` in :mod:`.views`."""

from .model import CONTRIBUTION_TYPE, Contribution


def includeme(config):
    from ..consultations.model import IConsultation
    from ..interviews.model import IInterview
    from .views import add_moderation_view

    # No add_view: contributions come from the public forms only.
    config.add_content_type(CONTRIBUTION_TYPE, Contribution)
    add_moderation_view(config, IConsultation)
    add_moderation_view(config, IInterview)
