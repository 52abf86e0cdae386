"""Checks of identity documents, credit codes and contact details.

The check characters follow the national standards: GB 11643-1999 (citizen
identity number, ISO 7064 MOD 11-2) and GB 32100-2015 (unified social credit
code, MOD 31).  Each ``is_*`` function takes text already normalised by
:func:`normalise_code` and answers True or False.
"""

import re

# One implementation of GB 11643 for the detector and the forms.
from ..checks import personal
from ..checks.personal import id_check_char

#: GB 32100: the 31 characters a credit code may use (no I, O, S, V, Z).
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_FORM = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")

#: Document formats other than the resident identity card.
_ID_FORMATS = {
    # Chinese passports (E12345678, EA1234567, G12345678) and foreign ones
    "passport": re.compile(r"^[A-Z0-9]{5,17}$"),
    "hk_macao_permit": re.compile(r"^[HM]\d{8}(\d{2})?$"),
    "taiwan_permit": re.compile(r"^\d{8}(\d{2})?$"),
    # the 2017 model: 15 characters (3 letters, 12 digits)
    "foreign_permanent_old": re.compile(r"^[A-Z]{3}\d{12}$"),
}


def normalise_code(value):
    """Upper-case ``value`` without spaces (full-width characters folded)."""
    text = (value or "").strip()
    text = text.translate({c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)})
    return re.sub(r"\s+", "", text).upper()


def gb11643_ok(number):
    """True if an 18-character number has a valid GB 11643 check character
    (no region or birth-date check: foreign permanent residence cards)."""
    return bool(re.fullmatch(r"\d{17}[\dX]", number or "")) and (
        id_check_char(number[:17]) == number[17]
    )


def is_resident_id(number):
    """A mainland resident identity card number, normalised (upper-case X)."""
    return bool(number) and number == number.upper() and personal.is_resident_id(number)


def is_id_document(id_type, number):
    """True if ``number`` is well formed for the document type ``id_type``."""
    if id_type == "resident_id":
        return is_resident_id(number)
    if id_type == "residence_permit":  # 港澳台居民居住证: 810000/820000/830000 + GB 11643
        return number[:2] in ("81", "82", "83") and is_resident_id(number)
    if id_type == "foreign_permanent":  # 2023 model: 18 digits starting with 9
        if _ID_FORMATS["foreign_permanent_old"].fullmatch(number):
            return True
        return number.startswith("9") and gb11643_ok(number)
    pattern = _ID_FORMATS.get(id_type)
    return bool(pattern and pattern.fullmatch(number))


def is_credit_code(code):
    """A unified social credit code (统一社会信用代码) with a valid GB 32100 check."""
    if not _USCC_FORM.fullmatch(code or ""):
        return False
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(code[:17], _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31] == code[17]


def normalise_phone(value):
    """``value`` without spaces, full-width digits folded, a +86 prefix dropped."""
    text = normalise_code(value).replace("(", "").replace(")", "")
    if text.startswith("+86"):
        text = text[3:]
    return text


def is_phone(value):
    """A mainland mobile number or a landline with its area code (0817-1234567)."""
    return bool(_MOBILE.fullmatch(value) or _LANDLINE.fullmatch(value))


def is_email(value):
    return bool(_EMAIL.fullmatch(value or "")) and len(value) <= 120
