"""Certificates of concluded cases: the PDF (Chinese text), the hashed
verification code and the public /@@verify-certificate page."""

import io
import re

from pypdf import PdfReader

from govportal.applications.model import code_hash
from govportal.applications.views_public import RateLimiter
from govportal.services.certificate import CERTIFICATES_ATTR, VERIFY_VIEW

from ..conftest import read_root
from .staff_helpers import SLJTRX, case_url, file_case, post_step, read_case, text_of


def concluded(wsgi_app, browser, certificate="1"):
    number = file_case(wsgi_app, guide=SLJTRX)
    staff = browser("jyj_editor")
    post_step(staff, case_url("jyj", number), "accept")
    fields = {"result_text": "准予入学"}
    if certificate:
        fields["certificate"] = certificate
    post_step(staff, case_url("jyj", number), "conclude", **fields)
    return number, staff


def pdf_text(body):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def code_in(text):
    return re.search(r"验证码：([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})", text).group(1)


def test_certificate_pdf_carries_the_case_and_a_code_whose_hash_is_stored(wsgi_app, browser):
    number, staff = concluded(wsgi_app, browser)
    page = staff.get(case_url("jyj", number), status=200)
    link = re.search(r'href="([^"]+)" id="certificate-link"', page.text).group(1)
    res = staff.get(link, status=200)
    assert res.content_type == "application/pdf"
    assert "no-store" in res.headers["Cache-Control"]
    text = pdf_text(res.body)
    for expected in (number, "王晓明", "营山县教育局", "义务教育入学通知书", "2026-01-01"):
        assert expected in text
    code = code_in(text)
    assert "https://www.yingshan.gov.cn/@@verify-certificate" in text  # the public URL
    cert = read_case(wsgi_app, "jyj", number, lambda c: dict(c.certificate))
    assert cert["code_hash"] == code_hash(code)
    assert code not in repr(cert) and code.replace("-", "") not in repr(cert)
    assert read_root(wsgi_app, lambda root: code_hash(code) in getattr(root, CERTIFICATES_ATTR))
    # printed again: the same code
    assert code_in(pdf_text(staff.get(link).body)) == code


def test_verify_page_says_valid_or_invalid(wsgi_app, browser, testapp):
    number, staff = concluded(wsgi_app, browser)
    body = staff.get(case_url("jyj", number) + "/certificate").body
    code = code_in(pdf_text(body))
    page = testapp.get(f"/@@{VERIFY_VIEW}", status=200)
    assert 'for="f-code"' in page.text
    valid = testapp.get(f"/@@{VERIFY_VIEW}", {"code": code.lower()}, status=200)
    assert number in text_of(valid.text, "verify-number")
    assert "王**" in valid.text and "王晓明" not in valid.text  # the holder, masked
    assert "真实有效" in valid.text
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    invalid = testapp.get(f"/@@{VERIFY_VIEW}", {"code": wrong}, status=404)
    assert 'id="verify-invalid"' in invalid.text and number not in invalid.text
    testapp.get(f"/@@{VERIFY_VIEW}", {"code": "<script>"}, status=404)


def test_verify_is_rate_limited_per_address(wsgi_app, testapp):
    wsgi_app.registry.__dict__.setdefault("govportal_service_limiters", {})[VERIFY_VIEW] = (
        RateLimiter(2, 600)
    )
    env = {"REMOTE_ADDR": "198.51.100.7"}
    for _ in range(2):
        testapp.get(f"/@@{VERIFY_VIEW}", {"code": "AAAA"}, extra_environ=env, status=404)
    res = testapp.get(f"/@@{VERIFY_VIEW}", {"code": "AAAA"}, extra_environ=env, status=429)
    assert 'id="verify-limited"' in res.text
    other = {"REMOTE_ADDR": "198.51.100.8"}
    testapp.get(f"/@@{VERIFY_VIEW}", {"code": "AAAA"}, extra_environ=other, status=404)


def test_no_certificate_without_the_tick(wsgi_app, browser):
    number = file_case(wsgi_app, guide=SLJTRX)
    staff = browser("jyj_editor")
    post_step(staff, case_url("jyj", number), "accept")
    post_step(staff, case_url("jyj", number), "conclude", result_text="准予入学", certificate="")
    assert read_case(wsgi_app, "jyj", number, lambda c: c.certificate) is None
    staff.get(case_url("jyj", number) + "/certificate", status=404)
