"""The personal-data detector and its G7 masks (pure functions)."""

import pytest

from govportal.checks.findings import BANK_CARD, ID_NUMBER, MOBILE
from govportal.checks.personal import (
    find_personal_data,
    id_check_char,
    is_bank_card,
    is_resident_id,
    luhn_ok,
    mask,
    mask_text,
)
from govportal.sitetime import today

#: Valid resident ID numbers (the second is GB 11643's own example).
VALID_IDS = ["510123198506121237", "11010519491231002X", "510123200002290010"]
#: Cards passing Luhn: UnionPay 19 digits, UnionPay 19, Visa 16, a 95… domestic card.
VALID_CARDS = ["6222020200001234562", "6217001234567890122", "4111111111111111"]


def kinds(text):
    return [(kind, text[start:end]) for kind, start, end in find_personal_data(text)]


# -- resident ID numbers ---------------------------------------------------------


@pytest.mark.parametrize("number", VALID_IDS)
def test_valid_ids(number):
    assert is_resident_id(number)
    assert kinds(f"身份证号：{number}。") == [(ID_NUMBER, number)]


def test_check_character_x_lower_case_too():
    assert id_check_char("11010519491231002") == "X"
    assert kinds("号码11010519491231002x") == [(ID_NUMBER, "11010519491231002x")]


@pytest.mark.parametrize(
    "number, why",
    [
        ("510123198506121238", "bad check digit"),
        ("11010519491231002 ", "too short"),
        ("110105194912310021", "check digit should be X"),
        ("510123198502301230", "30 February"),
        ("510123198513011234", "month 13"),
        ("440524188001010014", "born before 1900 (GB 11643's 1880 example)"),
        ("991234198506121230", "no such province code"),
    ],
)
def test_invalid_ids(number, why):
    assert not is_resident_id(number.strip()), why
    assert not [k for k, _t in kinds(number) if k == ID_NUMBER], why


def test_id_born_in_the_future_is_not_an_id():
    year = today().year + 1  # the site's date (China), not the host's
    first = f"510123{year}0101123"
    assert not is_resident_id(first + id_check_char(first))


def test_id_inside_a_longer_number_is_not_an_id():
    assert kinds("9510123198506121237") == []
    assert kinds("5101231985061212370") == []


def test_id_found_among_chinese_and_letters():
    assert kinds("张三ID510123198506121237住址") == [(ID_NUMBER, "510123198506121237")]


# -- mobile numbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, number",
    [
        ("电话13812345678。", "13812345678"),
        ("联系19912345678", "19912345678"),
        ("手机：138 1234 5678", "138 1234 5678"),
        ("手机：138-1234-5678", "138-1234-5678"),
        ("+8613812345678", "13812345678"),
    ],
)
def test_mobiles(text, number):
    assert kinds(text) == [(MOBILE, number)]


@pytest.mark.parametrize(
    "text",
    [
        "12812345678",  # second digit 2
        "138123456789",  # twelve digits: too long
        "编号2013812345678",  # inside a longer number
        "138123456",  # too short
        "138 1234-5678",  # mixed separators
        "0838-1234567",  # a landline
    ],
)
def test_not_mobiles(text):
    assert kinds(text) == []


# -- bank cards ----------------------------------------------------------------------


def test_luhn():
    assert luhn_ok("79927398713")
    assert not luhn_ok("79927398710")


@pytest.mark.parametrize("number", VALID_CARDS + ["9558801234567890128"])
def test_valid_cards(number):
    assert is_bank_card(number)
    assert kinds(f"卡号{number}") == [(BANK_CARD, number)]


def test_card_in_groups_of_four():
    assert kinds("账号 6222 0202 0000 1234 562") == [(BANK_CARD, "6222 0202 0000 1234 562")]
    assert kinds("4111-1111-1111-1111") == [(BANK_CARD, "4111-1111-1111-1111")]


@pytest.mark.parametrize(
    "number, why",
    [
        ("6222020200001234563", "fails Luhn"),
        ("4111111111111112", "fails Luhn"),
        ("411111111111111", "15 digits"),
        ("11111111111111111111", "20 digits"),
        ("1234567812345670", "passes Luhn but does not start like a card"),
    ],
)
def test_not_cards(number, why):
    assert kinds(number) == [], why


def test_an_id_is_not_also_reported_as_a_card():
    # This ID number happens to pass Luhn as well; it is reported once, as an ID.
    number = "610123199912304985"
    assert is_resident_id(number) and is_bank_card(number)
    assert kinds(number) == [(ID_NUMBER, number)]


def test_several_kinds_in_order():
    text = "张三，身份证510123198506121237，电话13812345678，卡号6222020200001234562。"
    assert [k for k, _t in kinds(text)] == [ID_NUMBER, MOBILE, BANK_CARD]


# -- masks (G7) ---------------------------------------------------------------------------


def test_masks_keep_the_checklist_format():
    assert mask(ID_NUMBER, "510123198506121237") == "510123********1237"
    assert mask(ID_NUMBER, "11010519491231002X") == "110105********002X"
    assert mask(MOBILE, "13812345678") == "138****5678"
    assert mask(MOBILE, "138-1234-5678") == "138-****-5678"
    assert mask(BANK_CARD, "6222020200001234562") == "622202*********4562"
    assert mask(BANK_CARD, "4111 1111 1111 1111") == "4111 11** **** 1111"
    with pytest.raises(ValueError):
        mask("typo", "按排")


def test_mask_text_masks_everything_and_counts():
    text = "身份证510123198506121237，电话13812345678，卡号6222020200001234562，编号2024001。"
    masked, count = mask_text(text)
    assert count == 3
    assert masked == (
        "身份证510123********1237，电话138****5678，卡号622202*********4562，编号2024001。"
    )
    assert find_personal_data(masked) == []
    assert mask_text(masked) == (masked, 0)
