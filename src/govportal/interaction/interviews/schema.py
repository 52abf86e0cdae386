"""The workspace form of an interview: what it edits and how the form's
values become the stored ones (site-time day and times → UTC instants;
one guest a line → ``({"name", "position"}, …)``)."""

import re
from datetime import datetime, time

import colander
import deform.widget

from ... import sitetime
from ...i18n import _
from ..schemanodes import strip, text_node, title_node

FIELDS = ("title", "host", "guests", "starts_at", "ends_at", "place", "introduction")
_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")
_SPLIT = re.compile(r"[，,、\t]+")
MAX_GUESTS = 12


def _time_ok(node, value):
    if not _TIME.match(value or ""):
        raise colander.Invalid(
            node, _("interview-f-time-bad", default="请按“时:分”填写，如 09:30。")
        )


def parse_guests(text):
    """``"姓名，职务"`` one a line → tuple of dicts (blank lines skipped)."""
    guests = []
    for line in (text or "").splitlines():
        parts = [p.strip() for p in _SPLIT.split(line.strip(), maxsplit=1) if p.strip()]
        if parts:
            guests.append({"name": parts[0], "position": parts[1] if len(parts) > 1 else ""})
    return tuple(guests)


def guests_text(guests):
    return "\n".join(
        f"{g['name']}，{g['position']}" if g.get("position") else g["name"] for g in guests
    )


def _guests_ok(node, value):
    guests = parse_guests(value)
    if not guests:
        raise colander.Invalid(node, _("interview-f-guests-none", default="请至少填写一位嘉宾。"))
    if len(guests) > MAX_GUESTS:
        raise colander.Invalid(node, _("interview-f-guests-many", default="嘉宾不能超过 12 位。"))


def _clock(value):
    hour, minute = _TIME.match(value).groups()
    return time(int(hour), int(minute))


def _times(form, value):
    if not (
        _TIME.match(value.get("starts_time") or "") and _TIME.match(value.get("ends_time") or "")
    ):
        return
    if _clock(value["ends_time"]) <= _clock(value["starts_time"]):
        exc = colander.Invalid(form)
        exc["ends_time"] = _("interview-f-order", default="结束时间应晚于开始时间。")
        raise exc


class InterviewSchema(colander.MappingSchema):
    title = title_node(_("interview-f-title", default="访谈主题"))
    guests = colander.SchemaNode(
        colander.String(),
        title=_("interview-f-guests", default="访谈嘉宾"),
        description=_(
            "interview-f-guests-help",
            default="每行一位嘉宾：姓名，职务（如：张明，县教育局局长）。",
        ),
        widget=deform.widget.TextAreaWidget(rows=3),
        validator=_guests_ok,
        preparer=strip,
    )
    host = text_node(_("interview-f-host", default="主持人"), 50)
    day = colander.SchemaNode(colander.Date(), title=_("interview-f-day", default="访谈日期"))
    starts_time = colander.SchemaNode(
        colander.String(),
        title=_("interview-f-starts", default="开始时间"),
        description=_("interview-f-starts-help", default="北京时间，如 09:30。"),
        validator=_time_ok,
        preparer=strip,
    )
    ends_time = colander.SchemaNode(
        colander.String(),
        title=_("interview-f-ends", default="结束时间"),
        validator=_time_ok,
        preparer=strip,
    )
    place = text_node(_("interview-f-place", default="访谈地点"), 200)
    introduction = text_node(
        _("interview-f-intro", default="访谈简介"),
        5000,
        rows=6,
        description=_(
            "interview-f-intro-help",
            default="访谈的背景和主要话题，网友可据此提前提问。",
        ),
    )


def interview_schema():
    return InterviewSchema(validator=_times)


def stored_values(appstruct, registry=None):
    """The attributes of an interview from the form's values."""
    zone = sitetime.site_zone(registry)
    day = appstruct["day"]

    def instant(text):
        return sitetime.as_utc(datetime.combine(day, _clock(text), tzinfo=zone))

    return {
        "title": appstruct["title"],
        "host": appstruct["host"],
        "guests": parse_guests(appstruct["guests"]),
        "starts_at": instant(appstruct["starts_time"]),
        "ends_at": instant(appstruct["ends_time"]),
        "place": appstruct["place"],
        "introduction": appstruct["introduction"],
    }


def form_values(interview, registry=None):
    """The form's values of a stored interview."""
    starts = sitetime.local(interview.starts_at, registry)
    ends = sitetime.local(interview.ends_at, registry)
    return {
        "title": interview.title,
        "host": interview.host,
        "guests": guests_text(interview.guests),
        "day": starts.date() if starts else colander.null,
        "starts_time": starts.strftime("%H:%M") if starts else "",
        "ends_time": ends.strftime("%H:%M") if ends else "",
        "place": interview.place,
        "introduction": interview.introduction,
    }
