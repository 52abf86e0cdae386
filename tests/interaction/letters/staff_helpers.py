"""Helpers of the staff letter tests: letters written with the intake (as
the public form does), steps run as demo users, the staff forms posted over
HTTP (CSRF and one-time token read from the page)."""

import re
from contextlib import contextmanager

from substanced.util import get_oid

from govportal.bootstrap import request_as, site_session
from govportal.interaction.letters import intake
from govportal.interaction.letters.model import find_box
from govportal.workflow import get_state

from ...conftest import csrf_token, read_root

WRITER = {"name": "王小明", "phone": "13912345678", "email": "wxm@example.com", "address": ""}
VALUES = {
    "channel": "mailbox",
    "category": "education",
    "subject": "城南小学放学时段交通拥堵",
    "body": "每天下午放学时城南小学门口车辆拥堵，建议增派交警疏导。我是王小明，电话13912345678。",
    "may_publish": True,
    "writer": WRITER,
}


def write_letter(wsgi_app, site="", **changes):
    """A letter written to ``site`` (a department name, '' for the portal): its number."""
    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        letter, _code = intake.submit_letter(
            request, root[site] if site else root, dict(VALUES, **changes)
        )
        return letter.__name__


@contextmanager
def as_user(wsgi_app, login):
    """``(root, request)`` signed in as ``login``, committed at the end."""
    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        user = root["principals"]["users"][login]
        yield root, request_as(request, get_oid(user))


def letter_in(root, site, number):
    return find_box(root[site] if site else root).get(number)


def read_letter(wsgi_app, site, number, fn=lambda letter: letter):
    return read_root(wsgi_app, lambda root: fn(letter_in(root, site, number)))


def state(wsgi_app, site, number):
    return read_letter(wsgi_app, site, number, lambda lt: get_state(lt, wsgi_app.registry))


def admin_url(site, number=""):
    base = f"/{site}/@@letters-admin" if site else "/@@letters-admin"
    return f"{base}/{number}" if number else base


TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')


def form_tokens(html):
    match = TOKEN.search(html)
    return (csrf_token(html), match.group(1)) if match else None


def tokens_for(client, url):
    """The page's CSRF and one-time tokens.  A page without a form (the user
    may take no step) gives a spare pair kept from an earlier page (a forged
    POST must carry a valid unused token to reach the permission checks)."""
    found = form_tokens(client.get(url, status=200).text)
    if found is None:
        return client.__dict__.pop("spare")
    if "spare" not in client.__dict__:
        client.spare = form_tokens(client.get(url, status=200).text)
    return found


def post_step(client, site, number, step, status=303, **fields):
    """GET the letter page and POST ``step`` with its tokens; returns the
    response (``.tokens`` for a replay)."""
    url = admin_url(site, number)
    csrf, token = tokens_for(client, url)
    data = dict(fields, step=step, csrf_token=csrf, submission_token=token)
    res = client.post(url, data, status=status)
    res.data = data
    return res
