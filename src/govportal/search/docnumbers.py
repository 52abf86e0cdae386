"""文号 as citizens type them, brought to the printed form.

A 文号 is printed 国办发〔2021〕3号; the splitter's :func:`~.splitter.fold`
already turns every bracket (``[] () （） 【】``) into 〔〕.  People also type it

* with 年 instead of brackets: 国办发2021年3号, 国办发2021年第3号;
* with nothing at all, the year's four digits glued to the number:
  国办发20213号 (year 2021, number 3);
* with a space: 国办发2021 3号;
* with 第 inside: 国办发〔2021〕第3号.

:func:`normalise` rewrites those, in folded query text, to 国办发〔2021〕3号 so
that the query is one segment of tokens 国办发 · 2021 · 3 · 号 (see
:mod:`.query`).  Only a year 1949–2099 after a CJK prefix and before a number
ending with 号 is taken for a 文号, so dates (2021年3月) stay as they are.
"""

import re

from .splitter import CJK_CLASS

_YEAR = r"(?P<year>19[4-9]\d|20\d\d)"
_NUM = r"(?P<num>[1-9]\d{0,3}|0\d{1,3})"

#: organ + year + (年 [第] | space | nothing) + number + 号
_LOOSE = re.compile(
    rf"(?P<organ>[{CJK_CLASS}])[ ]?{_YEAR}(?:[ ]?年[ ]?(?:第[ ]?)?|[ ]+|(?=\d))[ ]?{_NUM}[ ]?号"
)
#: 〔2021〕第3号 → 〔2021〕3号
_BRACKET_DI = re.compile(r"〕[ ]?第[ ]?(?=\d+[ ]?号)")


def _printed(match):
    return f"{match.group('organ')}〔{match.group('year')}〕{int(match.group('num'))}号"


def normalise(folded):
    """``folded`` (query text after :func:`~.splitter.fold`) with every
    文号 written the printed way."""
    if "号" not in folded:
        return folded
    folded = _BRACKET_DI.sub("〕", folded)
    return _LOOSE.sub(_printed, folded)
