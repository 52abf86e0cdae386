"""Offers of 信息报送: one record per (document, target column).

The records live in one :class:`SyndicationStore` on the portal root
(:func:`govportal.siteobjects.site_object`), an ``OOBTree`` keyed by
``(document oid, target column oid)``: the key makes a second offer of the
same item to the same column impossible (a replayed POST finds the first),
and the offers of one document are a key range (the placement source reads
them on every reindex).  The reviewers' queue and the statistics walk the
tree: a county's offers number hundreds a year.

States and who may take each step are data (``workflows/syndication.yaml``):
code names only the transitions it serves (:data:`ACCEPT` …) and asks the
file for their states, as :mod:`govportal.workspace.withdraw` does.
"""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from persistent.list import PersistentList
from pyramid.threadlocal import get_current_registry
from substanced.util import find_objectmap, get_oid

from ..content import find_department
from ..i18n import _
from ..security.events import record_action
from ..siteobjects import site_object
from ..sitetime import now_utc
from ..workflow import facts
from ..workflow.errors import TransitionRefused
from ..workflow.history import TransitionRecord

WORKFLOW = "syndication"
STORE_ATTR = "govportal_syndication"
#: the transitions of workflows/syndication.yaml this package serves
ACCEPT, RETURN, RETIRE, REOFFER = "accept", "return", "retire", "reoffer"
#: the history record of an offer's creation (not a transition of the file)
OFFER = "offer"
#: permissions: offering (on the source document), deciding (on the target)
OFFER_PERMISSION = "offer_syndication"
REVIEW_PERMISSION = "review_syndication"
STATS_PERMISSION = "view_syndication_stats"
#: the column kinds (govportal.content.containers.COLUMN_KINDS) that take offers
ACCEPTING_KINDS = ("news", "notice")


def definition(registry=None):
    return facts.definitions(registry or get_current_registry())[WORKFLOW]


def offered_state(registry=None):
    return definition(registry).initial


def placed_states(registry=None):
    """States whose offers show their item in the target (``public: true``)."""
    return tuple(n for n, s in definition(registry).states.items() if s.public)


def state_title(state, registry=None):
    found = definition(registry).states.get(state)
    return found.title if found is not None else state


class SyndicationStore(Persistent):
    def __init__(self):
        self.offers = OOBTree()


class Offer(Persistent):
    """An offer of ``document_oid`` to the column ``target_oid``."""

    def __init__(self, document_oid, target_oid, source, target_site, state):
        self.document_oid = document_oid
        self.target_oid = target_oid
        self.source = source  # the offering department's name ("" the portal)
        self.target_site = target_site  # the target column's site name
        self.state = state
        self.history = PersistentList()

    @property
    def key(self):
        return f"{self.document_oid}_{self.target_oid}"

    @property
    def offered(self):
        """The record of the latest offer (or re-offer)."""
        return next(r for r in reversed(self.history) if r.to_state == self.history[0].to_state)

    @property
    def decision(self):
        """The latest decision (accepted, returned, retired), None while pending."""
        last = self.history[-1]
        return None if last.to_state == self.history[0].to_state else last

    @property
    def last(self):
        return self.history[-1]

    def was_accepted(self, registry=None):
        placed = placed_states(registry)
        return any(r.to_state in placed for r in self.history)


def get_store(context, create=False):
    return site_object(context, STORE_ATTR, SyndicationStore if create else None)


def all_offers(context):
    store = get_store(context)
    return list(store.offers.values()) if store is not None else []


def offers_of_document(document):
    store = get_store(document)
    oid = get_oid(document, None)
    if store is None or oid is None:
        return []
    return list(store.offers.values(min=(oid,), max=(oid + 1,), excludemax=True))


def find_offer(context, key):
    """The offer named ``key`` (``"<document oid>_<target oid>"``, oids may
    be negative) or None."""
    store = get_store(context)
    try:
        document_oid, target_oid = (int(p) for p in str(key).split("_"))
    except ValueError:
        return None
    return store.offers.get((document_oid, target_oid)) if store is not None else None


def resolve(context, oid):
    objectmap = find_objectmap(context)
    return objectmap.object_for(oid) if objectmap is not None else None


def site_name(resource):
    dept = find_department(resource)
    return dept.__name__ if dept is not None else ""


def _record(request, name, from_state, to_state, comment=""):
    user = getattr(request, "user", None)
    return TransitionRecord(
        name,
        from_state,
        to_state,
        request.authenticated_userid,
        getattr(user, "__name__", "") or "",
        comment=comment,
        when=now_utc(),
        workflow=WORKFLOW,
    )


#: the audit trail's action name (govportal.audit.actions titles it)
AUDIT_ACTION = "syndication"


def _audit(request, offer, document, target, step, comment=""):
    """Announce a step to the audit trail (written if the transaction commits)."""
    from pyramid.traversal import resource_path

    record_action(
        request,
        AUDIT_ACTION,
        target=resource_path(document) if document is not None else str(offer.document_oid),
        details={
            "step": step,
            "column": resource_path(target) if target is not None else str(offer.target_oid),
            "state": offer.state,
            "comment": comment,
        },
    )


def refused(message, status=409):
    return TransitionRefused([message], status=status)


#: the longest note or reason (the forms' ``maxlength``)
MAX_TEXT = 500


def check_text(text, too_long):
    """Refuse (400) a note or reason that is too long or was not UTF-8 (WebOb
    decodes such bytes as U+FFFD): nothing is written."""
    if "\ufffd" in text:
        raise refused(
            _("syndication-bad-encoding", default="提交的文字包含无效的字符编码，请重新输入。"),
            status=400,
        )
    if len(text) > MAX_TEXT:
        raise refused(too_long, status=400)


def create_offer(document, target, request, comment=""):
    """Offer ``document`` to the column ``target``; returns ``(offer, created)``.

    An offer that is pending or accepted is returned as it is (a replay);
    a returned one is offered again (``reoffer``); anything else refused."""
    from .targets import check_target

    check_target(document, target, request)
    store = get_store(document, create=True)
    key = (get_oid(document), get_oid(target))
    offer = store.offers.get(key)
    registry = request.registry
    if offer is not None:
        reoffer = definition(registry).transitions.get(REOFFER)
        if reoffer is not None and offer.state == reoffer.from_state:
            transition(offer, request, REOFFER, comment)
            return offer, True
        if offer.state == offered_state(registry) or offer.state in placed_states(registry):
            return offer, False
        raise refused(
            _("syndication-closed", default="该稿件报送到此栏目的记录已被撤下，不能再次报送。")
        )
    state = offered_state(registry)
    offer = Offer(key[0], key[1], site_name(document), site_name(target), state)
    offer.history.append(_record(request, OFFER, "", offer.state, comment))
    store.offers[key] = offer
    _audit(request, offer, document, target, OFFER, comment)
    return offer, True


def transition(offer, request, name, comment=""):
    """Take step ``name`` of workflows/syndication.yaml on ``offer``."""
    from ..catalog.placements import reindex_placements

    wf = definition(request.registry)
    step = wf.transitions[name]
    if offer.state != step.from_state:
        raise refused(
            _(
                "syndication-already",
                default="该报送已是“${state}”状态（${who} 于 ${when} 处理），无法${step}。",
                mapping={
                    "state": state_title(offer.state, request.registry),
                    "who": offer.last.actor_name,
                    "when": offer.last.local_when.strftime("%Y-%m-%d %H:%M"),
                    "step": step.title,
                },
            )
        )
    comment = (comment or "").strip()
    if step.comment_required and not comment:
        raise refused(
            _("syndication-reason", default="请填写${step}的理由。", mapping={"step": step.title}),
            status=400,
        )
    check_text(comment, _("syndication-too-long", default="理由不能超过 500 字。"))
    document = resolve(request.root, offer.document_oid)
    if step.to_state in placed_states(request.registry):
        from .standing import refusal

        why = refusal(offer, document, request.registry)
        if why is not None:
            raise refused(why)
    context = (
        document if step.permission == OFFER_PERMISSION else resolve(request.root, offer.target_oid)
    )
    if context is None or not request.has_permission(step.permission, context):
        raise refused(_("syndication-forbidden", default="您无权处理这条报送。"), status=403)
    offer.history.append(_record(request, name, offer.state, step.to_state, comment))
    offer.state = step.to_state
    if document is not None:
        reindex_placements(document)
    _audit(request, offer, document, resolve(request.root, offer.target_oid), name, comment)
    return offer
