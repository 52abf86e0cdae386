"""The interviews' deadline source (``config.add_interaction_deadlines``):
an ended interview of the site with questions still owing an answer, due
:func:`.actions.answers_due`, to the staff who may see its questions
(:func:`.actions.may_follow`: moderators, auditors, supervisors)."""

from substanced.util import find_catalog

from ... import sitetime
from ...workspace.queries import site_of
from ..hub.deadlines import DeadlineRow
from . import actions
from .model import CLOSED

KIND = "在线访谈提问"


def interviews_of(site):
    """Every interview held by ``site`` (not those of its departments)."""
    system = find_catalog(site, "system")
    if system is None:
        return []
    query = system["content_type"].eq("Interview") & system["path"].eq(site, include_origin=False)
    return [i for i in query.execute() if i is not None and site_of(i) is site]


def interview_rows(site, request, today=None):
    registry = request.registry
    today = today or sitetime.today(registry)
    rows = []
    for interview in interviews_of(site):
        if interview.status() != CLOSED:
            continue
        owing = actions.open_questions(interview, registry)
        if not owing or not actions.may_follow(interview, request):
            continue
        rows.append(
            DeadlineRow(
                kind=KIND,
                title=f"{interview.title}（{len(owing)} 个提问待答复）",
                url=request.resource_url(interview, "@@live"),
                due=actions.answers_due(interview, registry),
                level=actions.answers_level(interview, registry, today),
                state="待答复",
                number=interview.__name__,
            )
        )
    return rows
