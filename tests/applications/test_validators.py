"""Check characters of identity numbers and credit codes, and contact formats."""

import pytest

from govportal.applications.validators import (
    gb11643_ok,
    is_credit_code,
    is_email,
    is_id_document,
    is_phone,
    is_resident_id,
    normalise_code,
    normalise_phone,
)


@pytest.mark.parametrize(
    "number, ok",
    [
        ("11010519491231002X", True),  # GB 11643's example
        ("110105194912310021", False),  # wrong check character
        ("11010519491331002X", False),  # month 13, check recomputed below
        ("1101051949123100", False),  # too short
        ("11010519491231002x", False),  # not normalised
    ],
)
def test_resident_id(number, ok):
    assert is_resident_id(number) is ok


def test_a_valid_check_does_not_make_an_impossible_birth_date():
    body = "11010519491331002"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    assert gb11643_ok(body + check) and not is_resident_id(body + check)


@pytest.mark.parametrize(
    "code, ok",
    [
        ("91350100M000100Y43", True),
        ("91110000600037341L", True),
        ("91350100M000100Y44", False),
        ("91350100M000100Y4", False),
        ("9135010OM000100Y43", False),  # O is not used
    ],
)
def test_credit_code(code, ok):
    assert is_credit_code(code) is ok


@pytest.mark.parametrize(
    "id_type, number, ok",
    [
        ("passport", "E12345678", True),
        ("passport", "E12", False),
        ("hk_macao_permit", "H12345678", True),
        ("hk_macao_permit", "X12345678", False),
        ("taiwan_permit", "12345678", True),
        ("foreign_permanent", "ABC123456789012", True),
        ("residence_permit", "11010519491231002X", False),  # not 81/82/83
        ("unknown", "12345678", False),
    ],
)
def test_other_documents(id_type, number, ok):
    assert is_id_document(id_type, number) is ok


def test_normalising_and_contacts():
    assert normalise_code(" １１０１０５ 19491231002x ") == "11010519491231002X"
    assert normalise_phone("+86 138 0013 8000") == "13800138000"
    assert is_phone("13800138000") and is_phone("0817-8221234") and is_phone("08178221234")
    assert not is_phone("12800138000") and not is_phone("8221234")
    assert is_email("a.b@example.gov.cn") and not is_email("a@b") and not is_email("a b@c.cn")
