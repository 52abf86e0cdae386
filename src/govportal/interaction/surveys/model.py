"""在线调查: a questionnaire as data (:class:`Survey`), in a column and
reviewed like documents (``workflows/participation.yaml``).

``questions`` is a tuple of plain dicts (:mod:`.questions` checks them)::

    {"id": "q1", "kind": "single" | "multiple" | "scale" | "text",
     "title": "…", "help": "…", "required": True,
     "options": ("…", …),                       # single, multiple
     "scale_min": 1, "scale_max": 5,
     "min_label": "很不满意", "max_label": "很满意",  # scale
     "max_length": 500}                         # text

Answers live in a private :class:`AnswerBox` attached to the survey (an
attribute, never a folder item: not traversable, not catalogued), keyed by
the HMAC of the answerer's voter id (:mod:`.voters`): one answer per voter.
The box also keeps the counts, one :class:`BTrees.Length.Length` per
question and option (``<question id>\\0<option index | scale value |
"answered" | "sum">``) plus the number of answers, whose concurrent
increments ZODB merges instead of refusing.  Counters are created when the
questions are saved (:func:`ensure_counters`), never by the first answers.
"""

from datetime import UTC, datetime

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from substanced.content import content
from substanced.folder import Folder
from zope.interface import Interface, implementer

from ... import sitetime
from ...private_stores import PrivateBox, attached
from ...submissions.ledger import WideTree

#: The survey attribute holding its :class:`AnswerBox`.
BOX_ATTR = "govportal_survey_answers"
SURVEY_TYPE = "Survey"
#: ``results_visibility``: results shown once closed, or while it runs.
AFTER_CLOSE, LIVE = "after_close", "live"
VISIBILITIES = (AFTER_CLOSE, LIVE)
#: What :func:`status` answers.
UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"
ANSWERED, SUM = "answered", "sum"


class ISurvey(Interface):
    """An online survey (在线调查)."""


@content("Survey", icon="glyphicon glyphicon-stats", catalog=True)
@implementer(ISurvey)
class Survey(Folder):
    """Questions as data, open between ``opens_on`` and ``closes_on`` (site
    dates, both days included)."""

    title = ""
    introduction = ""
    opens_on = None
    closes_on = None
    questions = ()
    results_visibility = AFTER_CLOSE
    publish_date = None

    def __init__(
        self,
        title="",
        introduction="",
        opens_on=None,
        closes_on=None,
        results_visibility=AFTER_CLOSE,
        questions=(),
    ):
        super().__init__()
        self.title = title
        self.introduction = introduction
        self.opens_on = opens_on
        self.closes_on = closes_on
        self.results_visibility = results_visibility
        self.questions = tuple(dict(q) for q in questions)

    @property
    def description(self):
        return self.introduction


def status(survey, registry=None, today=None):
    """:data:`UPCOMING`, :data:`OPEN` or :data:`CLOSED` by the site's date."""
    today = today or sitetime.today(registry)
    if survey.opens_on is not None and today < survey.opens_on:
        return UPCOMING
    if survey.closes_on is not None and today > survey.closes_on:
        return CLOSED
    return OPEN


def published(survey, registry):
    """Whether the survey is in a public state of its workflow (answers are
    taken only then: a draft's page is a preview for staff)."""
    from ...workflow import facts, get_workflow

    state = get_workflow(survey, registry).state_of(survey)
    return facts.is_public(registry, state, SURVEY_TYPE)


def results_public(survey, registry=None):
    """Whether anyone may read the results now (closed, or live results)."""
    state = status(survey, registry)
    return state == CLOSED or (state == OPEN and survey.results_visibility == LIVE)


class CounterTree(OOBTree):
    """The counters of a survey (one bucket: a survey has few)."""


class AnswerBox(PrivateBox):
    """A survey's answers by voter hash, and its counters; never public."""

    __name__ = "answers"
    items_class = WideTree

    def __init__(self, survey):
        super().__init__(survey)
        self.counters = CounterTree()
        self.total = Length(0)

    def counter(self, key):
        found = self.counters.get(key)
        if found is None:
            found = self.counters[key] = Length(0)
        return found

    def count(self, key):
        found = self.counters.get(key)
        return found() if found is not None else 0

    def add(self, answer, name):
        if name in self.items:
            raise KeyError("answered")
        return self._put(answer, name)


def find_box(survey, create=False):
    """The :class:`AnswerBox` of ``survey`` (created when ``create``)."""
    return attached(survey, BOX_ATTR, lambda: AnswerBox(survey), create)


def answer_count(survey):
    box = find_box(survey)
    return box.total() if box is not None else 0


def counter_keys(question):
    """The counter keys one question needs."""
    qid = question["id"]
    keys = [f"{qid}\0{ANSWERED}"]
    if question["kind"] in ("single", "multiple"):
        keys += [f"{qid}\0{i}" for i in range(len(question.get("options") or ()))]
    elif question["kind"] == "scale":
        low, high = int(question["scale_min"]), int(question["scale_max"])
        keys += [f"{qid}\0{v}" for v in range(low, high + 1)] + [f"{qid}\0{SUM}"]
    return keys


def ensure_counters(survey):
    """Create the box and every counter of the survey's questions (before
    answers come, so that concurrent first answers only increment)."""
    box = find_box(survey, create=True)
    for question in survey.questions:
        for key in counter_keys(question):
            box.counter(key)
    return box


class Answer(Persistent):
    """One person's answers: ``values`` maps question ids to an option index
    (single), a tuple of indexes (multiple), an int (scale) or a text.  No
    identity is kept but the voter hash (its ``__name__``)."""

    __name__ = None
    __parent__ = None

    def __init__(self, values):
        self.values = dict(values)
        self.submitted_at = datetime.now(UTC)


def count_answer(box, questions, values):
    """Add ``values`` to the counters."""
    box.total.change(1)
    for question in questions:
        qid = question["id"]
        value = values.get(qid)
        if value is None or value == "" or value == ():
            continue
        box.counter(f"{qid}\0{ANSWERED}").change(1)
        if question["kind"] == "single":
            box.counter(f"{qid}\0{value}").change(1)
        elif question["kind"] == "multiple":
            for index in value:
                box.counter(f"{qid}\0{index}").change(1)
        elif question["kind"] == "scale":
            box.counter(f"{qid}\0{value}").change(1)
            box.counter(f"{qid}\0{SUM}").change(int(value))
