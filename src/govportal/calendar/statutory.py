"""The statutory holidays of 《全国年节及纪念日放假办法》, computed for any year.

The State Council's yearly notice adds the adjusted working days (调休) and
the bridging days around the holidays; the statutory days themselves follow
from the 办法 alone, so a year whose notice is not yet known still has its
statutory holidays (元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆) right:

* 2008 revision (2008–2013): 元旦 1, 春节 3 (除夕, 初一, 初二), 清明 1, 劳动节 1,
  端午 1, 中秋 1, 国庆 3;
* 2013 revision (2014–2024): 春节 初一 to 初三;
* 2024 revision (from 2025): 春节 4 (除夕 to 初三), 劳动节 2 (1–2 May).

Lunar dates and the 清明 solar term come from ``lunar_python``.
"""

from datetime import date, timedelta
from functools import lru_cache

#: Holiday keys (as chinesecalendar names them) and their Chinese names.
NAMES = {
    "new_year": "元旦",
    "spring_festival": "春节",
    "tomb_sweeping": "清明",
    "labour": "劳动节",
    "dragon_boat": "端午",
    "mid_autumn": "中秋",
    "national": "国庆节",
}

#: First year each revision of the 办法 applies to.
_REVISION_2013 = 2014
_REVISION_2024 = 2025
#: Years the computation covers (lunar_python's range is wider).
FIRST_YEAR, LAST_YEAR = 1950, 2199


def _lunar_new_year(year):
    from lunar_python import Lunar

    solar = Lunar.fromYmd(year, 1, 1).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _lunar(year, month, day):
    from lunar_python import Lunar

    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year):
    from lunar_python import Solar

    term = Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()["清明"]
    return date(term.getYear(), term.getMonth(), term.getDay())


@lru_cache(maxsize=64)
def statutory_holidays(year):
    """``{date: holiday key}`` of the statutory days off of ``year``."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"no statutory holiday rules for {year}")
    days = {date(year, 1, 1): "new_year"}
    new_year = _lunar_new_year(year)
    if year >= _REVISION_2024:
        spring = [new_year + timedelta(days=n) for n in (-1, 0, 1, 2)]
    elif year >= _REVISION_2013:
        spring = [new_year + timedelta(days=n) for n in (0, 1, 2)]
    else:
        spring = [new_year + timedelta(days=n) for n in (-1, 0, 1)]
    for day in spring:
        days[day] = "spring_festival"
    days[_qingming(year)] = "tomb_sweeping"
    days[date(year, 5, 1)] = "labour"
    if year >= _REVISION_2024:
        days[date(year, 5, 2)] = "labour"
    days[_lunar(year, 5, 5)] = "dragon_boat"
    days[_lunar(year, 8, 15)] = "mid_autumn"
    for n in (1, 2, 3):
        days[date(year, 10, n)] = "national"
    return days


def holiday_name(day):
    """The Chinese name of the statutory holiday ``day`` is, or ``""``."""
    try:
        key = statutory_holidays(day.year).get(day)
    except ValueError:
        return ""
    return NAMES[key] if key else ""
