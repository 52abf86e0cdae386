"""Storing one person's answers to a survey (:func:`submit_answer`).

Run inside the ``create`` of :func:`govportal.submissions.once` (the
one-time token of the form): a replay of the same post finds the ledger
entry and stores nothing.  In the same transaction: the survey must be published and open,
the voter must not have answered (the answer is keyed by the voter hash, so
two concurrent posts of one voter insert the same key and ZODB lets only one
commit; the retried other finds it), the address must be under the limit
(``govportal.interaction.survey_rate``, default ``30/3600`` per survey,
counted in the database across processes), then the answer is stored and
the counters (:class:`BTrees.Length.Length`) increased.  Any refusal raises
:class:`Refused` and nothing is written.
"""

from pyramid.traversal import resource_path
from substanced.util import get_oid

from ...i18n import _
from .. import limits
from .model import OPEN, Answer, count_answer, ensure_counters, find_box, published, status

SUBMISSION_KIND = "survey-answer"
RATE_SETTING = "govportal.interaction.survey_rate"
DEFAULT_RATE = "30/3600"

ALREADY = _(
    "survey-already",
    default="您已参加过本次调查，每人只能提交一次答卷。感谢您的参与！",
)
NOT_OPEN = _("survey-not-open", default="本次调查不在征集时间内，答卷未被接受。")
NOT_PUBLISHED = _(
    "survey-not-published",
    default="本调查尚未发布，此页面仅供预览，答卷未被接受。",
)
RATE = _("survey-rate", default="来自您所在网络的答卷过于频繁，请稍后再试。")


class Refused(Exception):
    """Nothing was stored: ``status`` (409, 403, 429) and a message id."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


def rate_scope(survey):
    """The limit's scope: per survey (no ``:``, see the limits' keys)."""
    return "survey" + str(get_oid(survey, None) or abs(hash(resource_path(survey))))


def has_answered(survey, voter_hash):
    box = find_box(survey)
    return box is not None and box.get(voter_hash) is not None


def submit_answer(request, survey, values, voter_hash):
    """Store ``values`` (from :func:`.questions.parse_answers`) as the
    answer of ``voter_hash``; returns the ledger's small result dict."""
    if not published(survey, request.registry):
        raise Refused(403, NOT_PUBLISHED)
    if status(survey, request.registry) != OPEN:
        raise Refused(403, NOT_OPEN)
    if has_answered(survey, voter_hash):
        raise Refused(409, ALREADY)
    if not limits.allowed(request, rate_scope(survey), RATE_SETTING, DEFAULT_RATE):
        raise Refused(429, RATE)
    box = find_box(survey) or ensure_counters(survey)
    stored = {k: v for k, v in values.items() if v is not None}
    box.add(Answer(stored), voter_hash)
    count_answer(box, survey.questions, stored)
    return {"survey": resource_path(survey)}
