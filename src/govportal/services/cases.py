"""Where cases (办件) live: a private box per lead site, the co-handling
departments' inboxes and the query-code index.

A case is an online application for a service (:class:`ServiceCase`, workflow
``servicecase``).  It is stored in the :class:`CaseBox` of the site that
handles it (the guide's 办理机构, else the guide's own site), an attribute of
the site, never a folder item: it cannot be traversed to, and Substance D's
folder views, the catalogs, the search index, listings and the sitemap never
see it.  Pages reach cases only through the views of this package, which
check the case's own permissions (each state's ACL, never inherited).

Co-handling (并联审批): each co-handling department gets a :class:`CaseTask`
(workflow ``casetask``) in ``case.tasks``; :func:`grant_co_handlers` grants the
roles that hold ``co_handle`` in that workflow, **on the case**, to the
principals that hold a department-group role on the co-handling department,
and the department's inbox (:func:`task_inbox`) lists the case.

Query codes are random; only their SHA-256 hash is stored, in one index per
portal (:func:`find_case_by_code`), with the helpers of the disclosure
applications (same alphabet, same folding of what a visitor types).
"""

from datetime import UTC, datetime

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from substanced.util import find_objectmap  # noqa: F401  (re-exported for views)

from ..applications.model import (
    CODE_LENGTH,
    new_tracking_code,
    normalise_tracking_code,
    tracking_code_from,
)
from ..private_stores import PrivateBox, attached
from ..security.localroles import get_local_roles, grant_roles
from ..submissions.ledger import WideTree
from ..workflow import facts
from .casecodes import (  # noqa: F401  (re-exported: the case API)
    CODES_ATTR,
    assign_case_code,
    codes_index,
    find_case_by_code,
)

#: The site attribute holding its :class:`CaseBox`.
BOX_ATTR = "govportal_service_cases"
#: The site attribute holding a co-handling department's inbox (number -> case).
INBOX_ATTR = "govportal_service_tasks"

CASE_TYPE = "ServiceCase"
TASK_TYPE = "CaseTask"

__all__ = [
    "CODE_LENGTH",
    "tracking_code_from",
    "new_tracking_code",
    "normalise_tracking_code",
]


class CaseItems(OOBTree):
    """Cases by number in buckets of up to 500 (numbers grow: every insert
    lands in the last bucket, and a split fails every concurrent insert)."""

    max_leaf_size = 500
    max_internal_size = 500


class CaseBox(PrivateBox):
    """A site's cases by number; never public, never traversable."""

    __name__ = "cases"
    items_class = CaseItems

    def add(self, case, name):
        if name in self.items:
            raise KeyError(f"case {name} exists")
        return self._put(case, name)


def find_case_box(site, create=False):
    """The :class:`CaseBox` of ``site`` (created when ``create``)."""
    return attached(site, BOX_ATTR, lambda: CaseBox(site), create)


def lead_site(case):
    """The site (portal root or department) handling ``case``."""
    return case.__parent__.__parent__


class CaseFile(Persistent):
    """One uploaded material (or a result document): name, type and a blob."""

    def __init__(self, filename, mimetype, data, field="", title=""):
        from ZODB.blob import Blob

        self.filename = filename
        self.mimetype = mimetype
        self.field = field  # the form field (or "result", "supplement")
        self.title = title or filename
        self.size = len(data)
        self.uploaded_at = datetime.now(UTC)
        self.blob = Blob()
        with self.blob.open("w") as f:
            f.write(data)

    def open(self):
        return self.blob.open("r")


class ServiceCase(Persistent):
    """One online application for a service (办件).

    Values are plain dicts and tuples, replaced and never mutated in place.
    ``applicant`` holds the personal data (shown only to holders of
    ``view_applicant``: the lead's and the co-handling departments' staff).
    ``steps`` are the public records shown on the tracking page (never
    personal data).  The clock: ``accepted_on`` (date, site time zone) starts
    ``promised_days`` working days; ``pauses`` are ``{"kind", "start", "end",
    "note"}`` (``end`` None while open); ``due`` is recomputed by
    :mod:`.clock`.
    """

    __name__ = None
    __parent__ = None
    accepted_on = None
    promised_days = 0
    legal_days = 0
    pauses = ()
    due = None
    legal_due = None
    due_uncertain_years = ()
    supplement = None
    correction = None
    result_name = ""
    wants_certificate = False
    rounds = 0
    returns = ()
    result = None
    certificate = None
    rating = None
    rectification = None
    steps = ()
    reminders = ()
    code_hash = ""
    concluded_on = None

    def __init__(
        self,
        guide_path,
        guide_title,
        lead,
        co_departments=(),
        form=(),
        values=None,
        applicant=None,
        item_type="",
        promised_days=0,
        legal_days=0,
    ):
        self.guide_path = guide_path
        self.guide_title = guide_title
        self.item_type = item_type
        self.lead = lead
        self.co_departments = tuple(co_departments)
        self.form = tuple(dict(f) for f in form)
        self.values = dict(values or {})
        self.applicant = dict(applicant or {})
        self.promised_days = int(promised_days or 0)
        self.legal_days = int(legal_days or 0)
        self.materials = OOBTree()
        self.tasks = OOBTree()
        self.submitted_at = datetime.now(UTC)

    @property
    def title(self):
        """What the case is about, for lists (no personal data)."""
        return self.guide_title

    def add_step(self, title, note="", at=None):
        """Append a public step record (shown on the tracking page)."""
        record = {"at": at or datetime.now(UTC), "title": str(title), "note": str(note or "")}
        self.steps = tuple(self.steps) + (record,)


class CaseTask(Persistent):
    """A co-handling department's task in one round of a case (会签)."""

    signed_at = None
    by = None
    opinion = ""
    #: "agree", "disagree" or "cancelled" once acted on (set with the transition)
    outcome = None

    def __init__(self, department, round_):
        self.department = department
        self.round = round_
        self.created_at = datetime.now(UTC)

    @property
    def title(self):
        return f"{self.__parent__.guide_title}（会签）" if self.__parent__ else ""


def add_task(case, department, round_):
    """Create and store the task of ``department`` for ``round_``."""
    name = f"{round_}-{department}"
    task = CaseTask(department, round_)
    task.__name__ = name
    task.__parent__ = case
    case.tasks[name] = task
    return task


def tasks_of_round(case, round_=None):
    """The tasks of ``round_`` (default: the latest round), by department."""
    round_ = case.rounds if round_ is None else round_
    return [t for t in case.tasks.values() if t.round == round_]


# -- co-handling departments ---------------------------------------------------


def department_principals(department, registry):
    """Principals holding a department-group role on ``department`` itself
    (its 编辑/审核 groups and anyone granted such a role there)."""
    group_roles = set(registry.govportal_vocabulary.department_group_roles)
    return sorted(
        principal
        for principal, roles in get_local_roles(department).items()
        if group_roles & set(roles)
    )


def grant_co_handlers(case, department, registry):
    """Let ``department``'s staff handle their tasks of ``case`` (local roles
    on the case: the roles that hold ``co_handle`` on tasks)."""
    roles = facts.roles_granted(registry, "co_handle", TASK_TYPE)
    for principal in department_principals(department, registry):
        grant_roles(case, principal, *roles)
    inbox = task_inbox(department, create=True)
    inbox[case_key(case)] = case


def task_inbox(site, create=False):
    """A co-handling site's inbox: ``"{lead}/{number}"`` -> case."""
    return attached(site, INBOX_ATTR, WideTree, create)


def case_key(case):
    return f"{case.lead}/{case.__name__}"


def ensure_stores(root, sites):
    """Site set-up (idempotent): the code index and a box per site, created
    before the first submissions so concurrent first writers do not all write
    the root or the site."""
    codes_index(root, create=True)
    for site in sites:
        find_case_box(site, create=True)
