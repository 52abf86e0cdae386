"""Steps on an interview during and after it: the live transcript, photos,
answers to citizens' questions and the time limit of the answers.

Who may take them: the staff who could moderate the interview's questions
(:func:`may_run`: ``moderate`` on a new question of this interview, i.e. the
editors and reviewers of the interview's own site); the views check it.

Answers: a question (a contribution of kind ``question``) is answered
during the interview through a transcript entry that quotes it, or
afterwards on the staff page; its ``answer`` is ``{"text", "by", "at",
"answered_on", "entry"}`` (``entry``: the transcript entry's number or
None).  Answering a question still waiting for moderation shows it first
(through the workflow engine); a question not shown cannot be answered.

Time limit: questions left open (waiting, or shown without an answer) must
be answered within ``govportal.interaction.interview_answer_days`` (default
5) working days of the interview's end date (calendar.periods.compute_due);
from ``govportal.interaction.interview_near_after`` (default 4) working
days after the end they are near due, after the due date overdue.
"""

from datetime import UTC, datetime

from ... import sitetime
from ...calendar import get_calendar
from ...calendar.periods import compute_due, counted_workdays
from ...i18n import _
from ..contributions import actions as contributions
from ..contributions.views import may_moderate
from ..hub.deadlines import NEAR, OK, OVERDUE
from .model import ROLE_TITLES, Transcript

ANSWER_DAYS_SETTING = "govportal.interaction.interview_answer_days"
DEFAULT_ANSWER_DAYS = 5
NEAR_SETTING = "govportal.interaction.interview_near_after"
DEFAULT_NEAR_AFTER = 4
MAX_TEXT = 5000
QUESTION = "question"


class InterviewRefused(Exception):
    """Bad input: nothing stored (400)."""

    status = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def may_run(interview, request):
    """Whether the user may write the transcript and answer the questions."""
    return request.authenticated_userid is not None and may_moderate(interview, request)


def may_follow(interview, request):
    """Whether the user may see the interview's questions in the staff's
    lists (``view_letter`` on a new question: its moderators, auditors and
    supervisors), as a probe in the contributions' initial state."""
    from ...workflow import get_workflow
    from ..contributions.model import Contribution, ContributionBox, find_box

    if request.authenticated_userid is None:
        return False
    probe = Contribution(QUESTION, "")
    probe.__parent__ = find_box(interview) or ContributionBox(interview)
    get_workflow(probe, request.registry).initialize(probe, request)
    return request.has_permission("view_letter", probe)


def transcript_of(interview):
    if getattr(interview, "transcript", None) is None:
        interview.transcript = Transcript()
    return interview.transcript


def _text(text, message):
    text = (text or "").strip()
    if not text:
        raise InterviewRefused(message)
    if len(text) > MAX_TEXT:
        raise InterviewRefused(
            _(
                "interview-text-long",
                default="内容不能超过 ${limit} 字。",
                mapping={"limit": MAX_TEXT},
            )
        )
    return text


def speakers(interview):
    """``[(value, label)]`` of who may speak: the host, each guest, 网友."""
    host = interview.host or ROLE_TITLES["host"]
    rows = [("host", f"主持人 {host}" if interview.host else host)]
    for i, guest in enumerate(interview.guests):
        label = f"{guest.get('position', '')} {guest.get('name', '')}".strip()
        rows.append((f"guest-{i}", label))
    rows.append(("netizen", ROLE_TITLES["netizen"]))
    return rows


def _speaker(interview, value):
    if value == "host":
        return "host", interview.host or ROLE_TITLES["host"]
    if value == "netizen":
        return "netizen", ROLE_TITLES["netizen"]
    if value.startswith("guest-") and value[6:].isdigit():
        index = int(value[6:])
        if index < len(interview.guests):
            guest = interview.guests[index]
            return "guest", f"{guest.get('position', '')}{guest.get('name', '')}"
    raise InterviewRefused(_("interview-speaker", default="请选择发言人。"))


def find_question(interview, number):
    question = contributions.find_box(interview)
    question = question.get(number) if question is not None and number else None
    if question is None or question.kind != QUESTION:
        raise InterviewRefused(_("interview-no-question", default="未找到该网友提问。"))
    return question


def _answerable(request, question):
    """Show a waiting question (moderation through the workflow), or refuse
    one that is not shown."""
    registry = request.registry
    if question in contributions.pending(question.__parent__.__parent__, registry):
        contributions.moderate(request, question, "show")
    from ...workflow import get_workflow

    if not get_workflow(question, registry).is_public(question):
        raise InterviewRefused(
            _("interview-question-hidden", default="该提问未公开显示，不能答复。")
        )


def _set_answer(request, question, text, entry=None):
    now = datetime.now(UTC)
    question.answer = {
        "text": text,
        "by": request.authenticated_userid,
        "at": now,
        "answered_on": sitetime.local_date(now, request.registry),
        "entry": entry,
    }


def add_entry(request, interview, speaker, text, photo="", question=""):
    """A transcript entry (``photo``: the name of one of its photos;
    ``question``: the number of the question it answers).  Returns it."""
    role, name = _speaker(interview, speaker)
    text = _text(text, _("interview-entry-empty", default="请填写发言内容。"))
    if photo and photo not in {p.__name__ for p in interview.photos()}:
        raise InterviewRefused(_("interview-no-photo", default="未找到所选图片。"))
    entry = {
        "speaker": name,
        "role": role,
        "text": text,
        "photo": photo or "",
        "question": "",
        "question_text": "",
        "at": datetime.now(UTC),
        "by": request.authenticated_userid,
    }
    found = None
    if question:
        found = find_question(interview, question)
        _answerable(request, found)
        entry["question"] = found.__name__
        entry["question_text"] = contributions.public_text(found)
    entry = transcript_of(interview).add(entry)
    if found is not None and role != "netizen":
        _set_answer(request, found, text, entry["seq"])
    return entry


def edit_entry(request, interview, seq, text):
    """Correct the text of transcript entry ``seq`` (the answer it gave a
    question follows); the public pages pick the correction up."""
    transcript = transcript_of(interview)
    try:
        entry = transcript.entries.get(int(seq))
    except (TypeError, ValueError):
        entry = None
    if entry is None:
        raise InterviewRefused(_("interview-no-entry", default="未找到该条直播内容。"))
    text = _text(text, _("interview-entry-empty", default="请填写发言内容。"))
    entry = dict(
        entry, text=text, edited_at=datetime.now(UTC), edited_by=request.authenticated_userid
    )
    transcript.replace(entry["seq"], entry)
    if entry.get("question") and entry["role"] != "netizen":
        question = find_question(interview, entry["question"])
        if (question.answer or {}).get("entry") == entry["seq"]:
            question.answer = dict(question.answer, text=text)
    return entry


def answer_question(request, interview, number, text):
    """Answer the question ``number`` (after the interview, or beside the
    transcript); an earlier answer is replaced."""
    question = find_question(interview, number)
    text = _text(text, _("interview-answer-empty", default="请填写答复内容。"))
    _answerable(request, question)
    entry = (question.answer or {}).get("entry")
    _set_answer(request, question, text, entry)
    return question


def questions(interview, registry):
    """The questions the public sees (shown), oldest first."""
    return contributions.shown(interview, registry, kind=QUESTION)


def open_questions(interview, registry):
    """Questions still owing an answer: waiting for moderation, or shown
    without an answer."""
    waiting = contributions.pending(interview, registry, kind=QUESTION)
    unanswered = [q for q in questions(interview, registry) if not q.answer]
    return waiting + unanswered


def answer_days(registry):
    return int(registry.settings.get(ANSWER_DAYS_SETTING) or DEFAULT_ANSWER_DAYS)


def near_after(registry):
    return int(registry.settings.get(NEAR_SETTING) or DEFAULT_NEAR_AFTER)


def answers_due(interview, registry):
    """The date open questions must be answered by (None before the end)."""
    end = interview.end_date(registry)
    if end is None:
        return None
    return compute_due(get_calendar(interview), end, answer_days(registry)).value


def answers_level(interview, registry, today=None):
    """OK, NEAR or OVERDUE for the interview's open questions (OK before
    its end or with none open)."""
    today = today or sitetime.today(registry)
    end = interview.end_date(registry)
    if end is None or today <= end:
        return OK
    due = answers_due(interview, registry)
    if today > due:
        return OVERDUE
    used = counted_workdays(get_calendar(interview), end, today).value
    return NEAR if used >= near_after(registry) else OK
