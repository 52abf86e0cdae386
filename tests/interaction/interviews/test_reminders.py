"""Mails about open questions after an interview: once near due (4 working
days after the end), once overdue, to the site's moderators; nothing for
an interview whose questions are answered."""

from datetime import date, datetime, time

import transaction

from govportal import sitetime
from govportal.interaction.contributions import actions as contributions
from govportal.interaction.interviews import reminders

from ...services.case_helpers import world  # noqa: F401  (fixture)
from .helpers import PAST, resource


def _end(item, day):
    zone = sitetime.site_zone()
    item.starts_at = sitetime.as_utc(datetime.combine(day, time(9, 30), tzinfo=zone))
    item.ends_at = sitetime.as_utc(datetime.combine(day, time(11, 0), tzinfo=zone))


def test_reminders_once_each(world):  # noqa: F811
    w = world
    item = resource(w.root, PAST)
    # ended 2025-12-29: due 2026-01-06 (12-30, 12-31, 1-4 调休, 1-5, 1-6)
    _end(item, date(2025, 12, 29))
    editor = w.as_("portal_editor")
    question = contributions.add_contribution(editor, item, "question", "还有问题？", {})
    contributions.moderate(editor, question, "show")
    transaction.commit()

    def run(day):
        sent = reminders.send_reminders(w.root, w.base, today=day)
        transaction.commit()
        return [level for name, level in sent if name == item.__name__]

    def last():
        return w.outbox()[-1]

    assert run(date(2026, 1, 4)) == []  # 3 working days
    assert run(date(2026, 1, 5)) == ["near"]
    mail = last()
    assert "即将到期" in mail.subject and "2026-01-06" in mail.body
    assert any(r.startswith("portal_editor") for r in mail.recipients)
    assert "https://www.yingshan.gov.cn/hdjl/zxft/" in mail.body  # the public URL
    assert run(date(2026, 1, 6)) == []  # once
    assert run(date(2026, 1, 7)) == ["overdue"]
    assert "已超期" in last().subject
    assert run(date(2026, 1, 8)) == []
    # answered: nothing more, whatever the day
    question.answer = {"text": "答复", "by": None, "at": None, "answered_on": None}
    item.answer_reminders = ()
    transaction.commit()
    assert run(date(2026, 1, 9)) == []
