"""Query codes of cases (办件查询码): random codes, only their SHA-256 hash
stored, in one index per portal (root attribute :data:`CODES_ATTR`), with the
helpers of the disclosure applications (same alphabet, same folding of what a
visitor types)."""

from pyramid.traversal import find_root

from ..applications.model import (
    CODE_LENGTH,
    code_hash,
    new_tracking_code,
    normalise_tracking_code,
)
from ..submissions.ledger import WideTree

#: The root attribute holding the query-code index (hash -> case).
CODES_ATTR = "govportal_service_codes"


def codes_index(context, create=False):
    """The portal's index of case query codes (created when ``create``)."""
    root = find_root(context)
    index = getattr(root, CODES_ATTR, None)
    if index is None and create:
        index = WideTree()
        setattr(root, CODES_ATTR, index)
    return index


def assign_case_code(case, code=None):
    """Give ``case`` a query code (``code`` or a new random one); returns the
    code (shown to the applicant once, never stored)."""
    index = codes_index(case, create=True)
    while True:
        if code is None:
            code = new_tracking_code()
        digest = code_hash(code)
        if digest not in index:
            break
        code = None
    index[digest] = case
    case.code_hash = digest
    return code


def find_case_by_code(context, code):
    """The case whose query code is ``code``, or None.  The hash is computed
    whatever was typed, so the time taken does not depend on the guess."""
    digest = code_hash(code)
    index = codes_index(context)
    if index is None or len(normalise_tracking_code(code)) != CODE_LENGTH:
        return None
    return index.get(digest)
