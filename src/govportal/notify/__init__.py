"""Mail notifications on workflow steps (审核通知).

A subscriber to :class:`~govportal.workflow.events.ContentTransitioned`
mails, when the transaction commits (:func:`govportal.mail.send_to_users`):

- on ``submit`` (送审) — the reviewers of the item's department (the users
  of every group or user holding the ``reviewer`` role there, e.g.
  教育局审核; portal reviewers for the portal's own columns), topic
  :data:`REVIEW_REQUEST`;
- on ``approve``, ``schedule`` and ``reject`` — the item's editors (its last
  editor and whoever submitted it), with the reviewer's comment, topic
  :data:`REVIEW_RESULT`.

Documents and their working copies (修改稿, also ``IDocument``) only; other
workflows (columns, 依申请公开 applications) mail through their own packages.  Nobody is mailed
about their own step.  Subjects and bodies are Chinese and carry the item's
workspace URL.  Each user switches topics off on ``/@@ws-notifications``
(:func:`govportal.mail.set_optout`).
"""

from ..workflow.events import IContentTransitioned
from .messages import REVIEW_REQUEST, REVIEW_RESULT, TOPICS  # noqa: F401
from .subscribers import notify_transition


def includeme(config):
    config.add_subscriber(notify_transition, IContentTransitioned)
    config.scan(".views")
    config.include(".sms")  # the text-message sender (govportal.sms.backend)
