"""Query codes of cases (办件查询码): random codes, only their SHA-256 hash
stored, in one index per portal (root attribute :data:`CODES_ATTR`), with the
helpers of the disclosure applications (same alphabet, same folding of what a
visitor types)."""

from ..applications.model import index_code, look_up_code
from ..private_stores import root_tree

#: The root attribute holding the query-code index (hash -> case).
CODES_ATTR = "govportal_service_codes"


def codes_index(context, create=False):
    """The portal's index of case query codes (created when ``create``)."""
    return root_tree(context, CODES_ATTR, create)


def assign_case_code(case, code=None):
    """Give ``case`` a query code (``code`` or a new random one); returns the
    code (shown to the applicant once, never stored)."""
    return index_code(codes_index(case, create=True), case, code)


def find_case_by_code(context, code):
    """The case whose query code is ``code``, or None.  The hash is computed
    whatever was typed, so the time taken does not depend on the guess."""
    return look_up_code(codes_index(context), code)
