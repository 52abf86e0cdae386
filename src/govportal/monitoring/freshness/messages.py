"""The answers a site owes: letters (领导信箱, 咨询投诉) and 依申请公开 applications.

互动交流 columns are not judged by date but by what is left unanswered
(checklist B5, B10, B18; regulation 第二十五条, 第三十三条):

* letters past their time limit (:mod:`govportal.interaction.letters.clock`);
* letters unanswered more than ``veto_unanswered_days`` after receipt
  (three months: a single veto, B5; 开普云 warns on it, B18);
* no letter answered for ``reply_gap_days`` while some wait (B10);
* applications past their reply date (their clock's ``due``, running).

Each site's own boxes are read (letters and applications are few beside
documents); nothing here writes.
"""

from dataclasses import dataclass
from datetime import timedelta

from ...applications.clock import RUNNING_STATES
from ...applications.queries import site_applications
from ...i18n import _
from ...interaction.letters import clock as letter_clock
from ...interaction.letters.queries import is_open, letters_of
from ...workflow import get_workflow


@dataclass
class MessageFacts:
    open_letters: int = 0
    overdue_letters: int = 0
    long_unanswered: int = 0
    last_answer: object = None  # date of the newest answer, or None
    waiting_since: object = None  # receipt date of the oldest open letter
    #: days nothing was answered while a letter waited (None: none waits)
    reply_gap: int | None = None
    overdue_applications: int = 0


def _letters(site, registry, today, rules, found):
    limit = today - timedelta(days=rules.veto_unanswered_days)
    for letter in letters_of(site):
        answered = getattr(letter, "answered_on", None)
        if answered is not None and (found.last_answer is None or answered > found.last_answer):
            found.last_answer = answered
        if not is_open(letter, registry):
            continue
        found.open_letters += 1
        received = getattr(letter, "received_on", None)
        if received is not None:
            if received < limit:
                found.long_unanswered += 1
            if found.waiting_since is None or received < found.waiting_since:
                found.waiting_since = received
        due = getattr(letter, "due", None)
        if (due is not None and today > due) or letter_clock.verification_missing(letter, today):
            found.overdue_letters += 1


def _applications(site, registry, today, found):
    for application in site_applications(site):
        due = getattr(application, "due", None)
        if due is None or today <= due:
            continue
        state = get_workflow(application, registry).state_of(application)
        if state in RUNNING_STATES:
            found.overdue_applications += 1


def site_messages(site, registry, today, rules):
    """The :class:`MessageFacts` of ``site`` on ``today`` (site date)."""
    found = MessageFacts()
    _letters(site, registry, today, rules, found)
    if found.waiting_since is not None:
        since = max(found.waiting_since, found.last_answer or found.waiting_since)
        found.reply_gap = (today - since).days
    _applications(site, registry, today, found)
    return found


def problems(found, rules):
    """The :class:`~.compute.Problem` list of ``found``."""
    from .compute import Problem

    result = []
    texts, level = [], "ok"
    if found.long_unanswered:
        level = "veto"
        texts.append(
            _(
                "freshness-long-unanswered",
                default="超过${days}天未答复的留言 ${n} 件",
                mapping={"days": rules.veto_unanswered_days, "n": found.long_unanswered},
            )
        )
    if found.overdue_letters and rules.warn_overdue:
        level = level if level == "veto" else "warning"
        texts.append(
            _(
                "freshness-overdue-letters",
                default="超期未办结的留言 ${n} 件",
                mapping={"n": found.overdue_letters},
            )
        )
    if found.reply_gap is not None and found.reply_gap > rules.reply_gap_days:
        level = level if level == "veto" else "warning"
        texts.append(
            _(
                "freshness-reply-gap",
                default="有待办留言且 ${days} 天无答复",
                mapping={"days": found.reply_gap},
            )
        )
    if texts:
        result.append(Problem("messages", level, texts))
    if found.overdue_applications and rules.warn_applications_overdue:
        text = _(
            "freshness-overdue-applications",
            default="超过答复期限的依申请公开 ${n} 件",
            mapping={"n": found.overdue_applications},
        )
        result.append(Problem("applications", "warning", [text]))
    return result
