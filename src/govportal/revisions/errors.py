"""Refusals of revision and working-copy operations.

:class:`RevisionRefused` subclasses the workflow's
:class:`~govportal.workflow.errors.TransitionRefused`, so the workflow's
exception view answers it the same way: a 4xx status and the Chinese
messages (JSON when the client asks for JSON), never a 500.
"""

from ..workflow.errors import TransitionRefused


class RevisionRefused(TransitionRefused):
    """A checkout, restore or comparison that cannot be done; ``messages``
    say why and ``status`` is the HTTP status it maps to."""

    status = 409
