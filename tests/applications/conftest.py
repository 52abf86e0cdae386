"""Clients and helpers for the application tests: everything goes through HTTP."""

import re
from datetime import date

import pytest
from pyramid_mailer import get_mailer

from govportal.applications import clock

from ..conftest import csrf_token

#: GB 11643's own example number and a valid unified social credit code.
RESIDENT_ID = "11010519491231002X"
CREDIT_CODE = "91350100M000100Y43"


class Today:
    """Sets the date the application code takes as today."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch
        self.set(date(2026, 9, 28))

    def set(self, day):
        self.day = day
        self.monkeypatch.setattr(clock, "today", lambda: self.day)


@pytest.fixture
def today(monkeypatch):
    return Today(monkeypatch)


@pytest.fixture
def outbox(wsgi_app):
    return get_mailer(wsgi_app.registry).outbox


def person_fields(**overrides):
    fields = {
        "applicant_kind": "person",
        "org_type": "",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": RESIDENT_ID,
        "org_name": "",
        "credit_code": "",
        "phone": "13800138000",
        "email": "zhangsan@example.com",
        "address": "四川省南充市营山县朗池镇1号",
        "description": "2025年全县义务教育学校布局调整方案",
        "doc_number": "",
        "purpose": "学习研究",
        "delivery_form": "electronic",
        "delivery_channel": "email",
        "homepage": "",
    }
    fields.update(overrides)
    return fields


def org_fields(**overrides):
    fields = person_fields(
        applicant_kind="org",
        org_type="org_legal",
        org_name="四川某某律师事务所",
        credit_code=CREDIT_CODE,
        name="李四",
        email="",
        delivery_form="paper",
        delivery_channel="post",
        description="",
        doc_number="营教发〔2025〕12号",
    )
    fields.update(overrides)
    return fields


def submission_token(html):
    """The form's one-time submission token (govportal.submissions)."""
    match = re.search(r'name="submission_token" value="([^"]+)"', html)
    assert match, "no submission token on the page"
    return match.group(1)


def apply(client, site="", status=200, remote="192.0.2.1", **fields):
    """Post the form at ``/<site>/@@apply`` from address ``remote``."""
    path = f"/{site}/@@apply" if site else "/@@apply"
    page = client.get(path, status=200)
    data = dict(
        fields, csrf_token=csrf_token(page.text), submission_token=submission_token(page.text)
    )
    return client.post(path, data, status=status, extra_environ={"REMOTE_ADDR": remote})


CODE = re.compile(r'id="tracking-code"><strong>([0-9A-Z-]+)</strong>')
#: An application number of the online form: ``{organ}-{year}-{seq}``.
NUMBER = re.compile(r"编号 ([0-9A-Za-z]+-\d{4}-\d{4})")


def submit(client, site="jyj", remote="192.0.2.1", **fields):
    """Submit a valid application; returns (number, tracking code)."""
    res = apply(client, site, remote=remote, **(fields or person_fields()))
    code = CODE.search(res.text).group(1)
    number = NUMBER.search(res.text).group(1)
    return number, code


def track(client, code, site="", status=200):
    path = f"/{site}/@@track" if site else "/@@track"
    page = client.get(path, status=200)
    return client.post(path, {"code": code, "csrf_token": csrf_token(page.text)}, status=status)


def app_url(site, number):
    return f"/{site}/@@applications/{number}" if site else f"/@@applications/{number}"


def step(client, site, number, name, status=303, **fields):
    """Run a step on the application page as ``client``."""
    url = app_url(site, number)
    token = csrf_token(client.get(f"/{site}/@@apply" if site else "/@@apply").text)
    data = dict(fields, step=name, csrf_token=token)
    return client.post(url, data, status=status)


def cell(html, ident):
    """Text of the element with id ``ident`` (tags stripped, spaces squeezed)."""
    match = re.search(rf'<(\w+)[^>]*\bid="{ident}"[^>]*>(.*?)</\1>', html, re.S)
    assert match, f"no #{ident} on the page"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(2)).split())
