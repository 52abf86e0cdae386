"""意见征集: a draft decision open for comment (:class:`Consultation`) and the
department's 采纳情况 after it closes (:class:`AdoptionReport`), both in a
column and reviewed like documents (``workflows/participation.yaml``).

A consultation is open for comments between ``opens_on`` and ``closes_on``
(both days included, site time zone), whatever its workflow state allows
visitors to see: only a consultation visitors can see takes comments.  Its
children are the draft's files (``Attachment``).  Comments are
contributions (:mod:`..contributions`) kept in its private box.
``show_comments``: ``moderated`` (shown once a moderator lets them) or
``hidden`` (never shown; still counted and answered in the report).

The report and its consultation point at each other by object id
(``adoption_report_oid`` / ``consultation_oid``); :func:`report_of` and
:func:`consultation_of` resolve them.  A report's ``rows`` are dicts
``{"numbers": (comment numbers…), "text": what the comments said (masked),
"decision": adopted|partly|not_adopted, "reason": why}``.
"""

from substanced.content import content
from substanced.folder import Folder
from substanced.util import find_objectmap, get_oid
from zope.interface import Interface, implementer

from ... import sitetime
from ...i18n import _

#: show_comments values
SHOW_MODES = (("moderated", "审核后公开显示"), ("hidden", "不公开显示"))
#: status of a consultation by its dates
UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"
STATUS_TITLES = {UPCOMING: "即将开始", OPEN: "征集中", CLOSED: "已结束"}
#: a report item's decision
DECISIONS = (("adopted", "采纳"), ("partly", "部分采纳"), ("not_adopted", "未采纳"))
DECISION_TITLES = dict(DECISIONS)


class IConsultation(Interface):
    """A public consultation on a draft (意见征集)."""


class IAdoptionReport(Interface):
    """What a consultation's comments led to (采纳情况)."""


def _resolve(context, oid):
    if oid is None:
        return None
    objectmap = find_objectmap(context)
    return objectmap.object_for(oid) if objectmap is not None else None


@content("Consultation", icon="glyphicon glyphicon-comment", catalog=True)
@implementer(IConsultation)
class Consultation(Folder):
    """A draft open for comment between ``opens_on`` and ``closes_on``;
    children are the draft's files."""

    title = ""
    summary = ""
    body = ""
    opens_on = None
    closes_on = None
    contact = ""
    show_comments = "moderated"
    adoption_report_oid = None
    publish_date = None

    def status(self, today=None):
        today = today or sitetime.today()
        if self.opens_on is not None and today < self.opens_on:
            return UPCOMING
        if self.closes_on is not None and today > self.closes_on:
            return CLOSED
        return OPEN

    def status_title(self, today=None):
        return STATUS_TITLES[self.status(today)]

    def attachments(self):
        return [v for v in self.values() if getattr(v, "filename", None) is not None]

    def contribution_refusal(self, kind, request):
        """Why a comment cannot be taken now (None: it can)."""
        from ...workflow import get_workflow

        if kind != "comment":
            return _("consultation-kind", default="意见征集只接收意见。")
        if not get_workflow(self, request.registry).is_public(self):
            return _("consultation-not-public", default="该意见征集尚未发布，不能提交意见。")
        status = self.status()
        if status == UPCOMING:
            return _(
                "consultation-upcoming",
                default="意见征集尚未开始（${date} 开始），请届时再提交。",
                mapping={"date": self.opens_on.isoformat()},
            )
        if status == CLOSED:
            return _(
                "consultation-closed",
                default="意见征集已于 ${date} 结束，不再接收意见。",
                mapping={"date": self.closes_on.isoformat()},
            )
        return None


@content("AdoptionReport", icon="glyphicon glyphicon-check", catalog=True)
@implementer(IAdoptionReport)
class AdoptionReport(Folder):
    """The adoption report of one consultation (linked both ways)."""

    title = ""
    summary = ""
    consultation_oid = None
    rows = ()
    publish_date = None

    def counts(self, received):
        """``{"received", "adopted", "partly", "not_adopted"}``: comments
        received (``received``) and comments by decision."""
        result = {"received": received, "adopted": 0, "partly": 0, "not_adopted": 0}
        for item in self.rows:
            n = len(item.get("numbers") or ()) or 1
            result[item.get("decision", "not_adopted")] = result.get(item.get("decision"), 0) + n
        return result


def report_of(consultation):
    """The consultation's :class:`AdoptionReport`, or None."""
    return _resolve(consultation, consultation.adoption_report_oid)


def consultation_of(report):
    """The report's :class:`Consultation`, or None."""
    return _resolve(report, report.consultation_oid)


def link(consultation, report):
    """Point ``consultation`` and ``report`` at each other (both stored)."""
    consultation.adoption_report_oid = get_oid(report)
    report.consultation_oid = get_oid(consultation)
