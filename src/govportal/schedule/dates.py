"""Dates of scheduled publication (定时发布) and expiry (定时下线).

Both are aware datetimes stored in China Standard Time (what editors type
and read); comparisons are by instant, so they work against UTC clocks.
The scheduler may run with a clock of its own (``request.govportal_now``),
which the guards use, so tests and catch-up runs judge "due" consistently.
"""

from datetime import UTC, datetime

from ..content.document import CHINA_TZ

#: Attribute names on documents (and DocumentSchema field names).
EFFECTIVE = "effective_date"
EXPIRY = "expiry_date"
#: Request attribute holding the scheduler's clock (an aware datetime).
NOW_ATTR = "govportal_now"


def utcnow():
    return datetime.now(UTC)


def now_for(request):
    """The time ``request`` acts at: the scheduler's clock, or now."""
    value = getattr(request, NOW_ATTR, None) if request is not None else None
    return value or utcnow()


def to_local(value):
    """``value`` (a datetime; naive means China Standard Time) in China Standard Time."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=CHINA_TZ)
    return value.astimezone(CHINA_TZ)


def effective_date(content):
    return getattr(content, EFFECTIVE, None)


def expiry_date(content):
    return getattr(content, EXPIRY, None)


def is_future(value, now):
    return value is not None and to_local(value) > now


def has_passed(value, now):
    return value is not None and to_local(value) <= now


def show(value):
    """``value`` as ``YYYY-MM-DD HH:MM`` in China Standard Time ('' for None)."""
    return to_local(value).strftime("%Y-%m-%d %H:%M") if value is not None else ""


def check_schedule_dates(node, value):
    """Schema validator: 定时下线时间 must come after 定时发布时间 (and after
    发布日期 when no 定时发布时间 is set).  Raises ``colander.Invalid`` with the
    message on the ``expiry_date`` field."""
    import colander

    from ..i18n import _

    expiry = value.get(EXPIRY)
    if expiry is None or expiry is colander.null:
        return
    expiry = to_local(expiry)
    effective = value.get(EFFECTIVE)
    published = value.get("publish_date")
    message = None
    if effective not in (None, colander.null) and expiry <= to_local(effective):
        message = _(
            "schedule-expiry-before-effective", default="定时下线时间必须晚于定时发布时间。"
        )
    elif effective in (None, colander.null) and published not in (None, colander.null):
        if expiry.date() <= published:
            message = _("schedule-expiry-before-publish", default="定时下线时间必须晚于发布日期。")
    if message is not None:
        error = colander.Invalid(node)
        error[EXPIRY] = message
        raise error
