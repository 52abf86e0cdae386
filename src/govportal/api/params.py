"""Query parameters of the API, checked: a bad value is a 400 with a Chinese
message, never a silent fallback (a partner should learn its mistake)."""

from datetime import date

from ..i18n import _
from .errors import bad_request
from .schemas import PARAMETERS

MAX_PAGE = PARAMETERS["page"][0]["maximum"]


def _int(request, name, default):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise bad_request(
            "bad_" + name,
            _("api-error-integer", default="参数 ${name} 应为整数。", mapping={"name": name}),
        ) from None


def paging(request):
    """``(page, size)`` from ``page`` and ``size``."""
    settings = request.registry.settings
    default = int(settings.get("govportal.api.page_size") or 20)
    largest = int(settings.get("govportal.api.max_page_size") or 100)
    page = _int(request, "page", 1)
    size = _int(request, "size", default)
    if not 1 <= page <= MAX_PAGE:
        raise bad_request(
            "bad_page",
            _("api-error-page", default="页码应在 1 至 ${max} 之间。", mapping={"max": MAX_PAGE}),
        )
    if not 1 <= size <= largest:
        raise bad_request(
            "bad_size",
            _(
                "api-error-size",
                default="每页条数应在 1 至 ${max} 之间。",
                mapping={"max": largest},
            ),
        )
    return page, size


def text(request, name):
    """A text parameter ('' when absent), at most its schema's length."""
    value = request.GET.get(name, "")
    limit = PARAMETERS[name][0].get("maxLength", 100)
    if len(value) > limit:
        raise bad_request(
            "bad_" + name,
            _("api-error-too-long", default="参数 ${name} 过长。", mapping={"name": name}),
        )
    return value.strip()


def day(request, name):
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise bad_request(
            "bad_" + name,
            _(
                "api-error-date",
                default="参数 ${name} 应为日期，格式 YYYY-MM-DD。",
                mapping={"name": name},
            ),
        ) from None


def date_range(request):
    start, end = day(request, "from"), day(request, "to")
    if start and end and start > end:
        raise bad_request("bad_range", _("api-error-range", default="起始日期不能晚于截止日期。"))
    return start, end


def unknown(request, allowed):
    """Refuse parameters the endpoint does not take (a typo filters nothing)."""
    extra = sorted(set(request.GET) - set(allowed))
    if extra:
        raise bad_request(
            "unknown_parameter",
            _(
                "api-error-unknown-parameter",
                default="不支持的参数：${names}。",
                mapping={"names": "、".join(extra)},
            ),
        )
