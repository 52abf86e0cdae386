"""Personal data in plain text (checklist G3, G5) and its masking (G7).

Three detectors, all pure functions of a string:

- resident ID numbers (居民身份证号码, GB 11643): 18 characters, a known
  province code, a real birth date not in the future, and the ISO 7064
  MOD 11-2 check character (``X`` for 10);
- mobile numbers ``1[3-9]\\d{9}``, optionally written ``138 1234 5678`` or
  ``138-1234-5678`` (spaces, no-break spaces or hyphens) or after ``+86``,
  never inside a longer run of digits;
- bank card numbers: 16 to 19 digits (or groups of four) passing the Luhn
  check and starting like a card (3–6, or ``95`` for 19-digit domestic cards).

:func:`find_personal_data` runs all three and never reports one span twice:
an 18-digit number that is a valid ID is an ID, not a card; a mobile number
inside a card number is part of the card.  Masks keep the length of the
match: ID ``510123********1234``, mobile ``138****1234``, card first six and
last four digits.
"""

import re
from datetime import date

from .findings import BANK_CARD, ID_NUMBER, MOBILE

# -- resident ID numbers -------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
#: Province-level codes of GB/T 2260 (and 71 台湾, 81 香港, 82 澳门; 83 is
#: the prefix of Taiwan residents' residence permits, 830000).
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)
_ID_RE = re.compile(r"(?<!\d)\d{17}[\dXx](?![\dXx])")


def id_check_char(first17):
    """The GB 11643 check character of the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def birth_date(number):
    """The birth date encoded in an 18-digit ID number, or None if impossible."""
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    if born.year < 1900 or born > date.today():
        return None
    return born


def is_resident_id(number):
    """True if ``number`` is a well-formed 18-character resident ID number."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    if number[:2] not in _PROVINCES or birth_date(number) is None:
        return False
    return id_check_char(number[:17]) == number[17].upper()


# -- bank cards ------------------------------------------------------------------------

_CARD_RE = re.compile(
    r"(?<!\d)(?:\d{16,19}(?!\d)|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?(?![ -]?\d))"
)


def luhn_ok(digits):
    """True if the digit string passes the Luhn (mod 10) check."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        n = int(c)
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def is_bank_card(digits):
    """True for 16–19 digits that start like a payment card and pass Luhn."""
    if not (16 <= len(digits) <= 19 and digits.isdigit()):
        return False
    if digits[0] not in "3456" and not (len(digits) == 19 and digits.startswith("95")):
        return False
    return luhn_ok(digits)


# -- mobile numbers ------------------------------------------------------------------------

_MOBILE_RE = re.compile(r"(?:(?<!\d)|(?<=\+86))1[3-9]\d[ \xa0-]?\d{4}[ \xa0-]?\d{4}(?!\d)")


def _digits(text):
    return "".join(c for c in text if c.isdigit())


def _is_mobile(text):
    # The same separator (or none) on both sides: "138 1234-5678" is no number.
    separators = [c for c in text if not c.isdigit()]
    return len(separators) in (0, 2) and len(set(separators)) <= 1


# -- masking ----------------------------------------------------------------------------------


def _mask_digits(text, keep_first, keep_last):
    """Replace the digits of ``text`` by ``*`` except the first and last few;
    separators are kept, so the result has the length of ``text``."""
    positions = [i for i, c in enumerate(text) if c.isdigit() or c in "Xx"]
    masked = set(positions[keep_first : len(positions) - keep_last])
    return "".join("*" if i in masked else c for i, c in enumerate(text))


def mask(kind, text):
    """The G7 masked form of personal data ``text`` of ``kind``."""
    if kind == ID_NUMBER:
        return _mask_digits(text, 6, 4)
    if kind == MOBILE:
        return _mask_digits(text, 3, 4)
    if kind == BANK_CARD:
        return _mask_digits(text, 6, 4)
    raise ValueError(f"not a kind of personal data: {kind!r}")


# -- the detector ------------------------------------------------------------------------------


def find_personal_data(text):
    """Personal data in ``text``: a sorted list of ``(kind, start, end)``.

    IDs are looked for first, then cards, then mobile numbers; a span that
    overlaps one already found is not reported again.
    """
    found = []

    def free(start, end):
        return all(end <= s or start >= e for _k, s, e in found)

    for m in _ID_RE.finditer(text):
        if is_resident_id(m.group()):
            found.append((ID_NUMBER, m.start(), m.end()))
    for m in _CARD_RE.finditer(text):
        if is_bank_card(_digits(m.group())) and free(m.start(), m.end()):
            found.append((BANK_CARD, m.start(), m.end()))
    for m in _MOBILE_RE.finditer(text):
        if _is_mobile(m.group()) and free(m.start(), m.end()):
            found.append((MOBILE, m.start(), m.end()))
    found.sort(key=lambda item: item[1])
    return found


def mask_text(text):
    """``(masked_text, count)``: every piece of personal data in ``text`` masked."""
    spans = find_personal_data(text)
    if not spans:
        return text, 0
    parts = []
    last = 0
    for kind, start, end in spans:
        parts.append(text[last:start])
        parts.append(mask(kind, text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts), len(spans)
