"""HTTP helpers of the exactly-once tests."""

import re

from govportal.applications import site_applications
from govportal.applications.model import find_box
from tests.applications.conftest import CODE, NUMBER, person_fields, submission_token
from tests.conftest import csrf_token, read_root

JSON = {"Accept": "application/json"}


def apply_form(client, site="jyj"):
    """GET the form: ``(path, fields with both tokens)``."""
    path = f"/{site}/@@apply" if site else "/@@apply"
    page = client.get(path, status=200)
    return path, dict(
        person_fields(),
        csrf_token=csrf_token(page.text),
        submission_token=submission_token(page.text),
    )


def shown(res):
    """``(number, code)`` shown on the done page."""
    return NUMBER.search(res.text).group(1), CODE.search(res.text).group(1)


def applications(app, site="jyj"):
    """``[(number, code_hash, description)]`` of the site's applications."""

    def read(root):
        box = find_box(root[site] if site else root)
        if box is None:
            return []
        return [(a.__name__, a.code_hash, a.request.get("description")) for a in box.values()]

    return read_root(app, read)


def count(app, site="jyj"):
    return read_root(app, lambda root: len(site_applications(root[site] if site else root)))


def ledger_size(app):
    return read_root(app, lambda root: len(getattr(root, "govportal_submissions", None) or ()))


def refused_text(res):
    return re.sub(r"\s+", " ", res.text)
