"""A Substance D workflow built from a :class:`WorkflowDefinition`.

:class:`DefinedWorkflow` is a ``substanced.workflow.Workflow`` whose states
set the item's ACL from the definition's role → permission map, and whose
transitions additionally require a comment where the file says so, run the
named guards, keep the item's history and fire
:class:`~govportal.workflow.events.ContentTransitioned`.  Because the checks
live in the workflow itself, every path — our forms, the SDI's workflow tab,
scripts — is held to them.
"""

from pyramid.security import DENY_ALL, Allow
from substanced.util import get_oid, set_acl
from substanced.workflow import Workflow

from ..i18n import _
from .errors import TransitionRefused
from .events import ContentTransitioned
from .history import TransitionRecord, append_history

#: Every bound workflow uses this Substance D workflow "type".
WORKFLOW_TYPE = "main"


def state_acl(state_def, vocabulary):
    """The ACL that an item in ``state_def`` carries."""
    acl = []
    for role_name, permissions in sorted(state_def.permissions.items()):
        role = vocabulary.roles[role_name]
        acl.append((Allow, role.acl_principal, permissions))
    if not state_def.inherit:
        acl.append(DENY_ALL)
    return acl


class DefinedWorkflow(Workflow):
    """A workflow whose states and transitions come from a YAML definition."""

    def __init__(self, definition, vocabulary, guards):
        super().__init__(
            initial_state=definition.initial,
            type=WORKFLOW_TYPE,
            name=definition.name,
            description=definition.description,
        )
        self.definition = definition
        self.title = definition.title
        self.guards = guards  # name -> callable, shared with the registry
        for state in definition.states.values():
            self.add_state(
                state.name,
                callback=self._enter_state,
                title=state.title,
                acl=state_acl(state, vocabulary),
                public=state.public,
                listed=state.listed,
            )
        for t in definition.transitions.values():
            self.add_transition(
                t.name,
                t.from_state,
                t.to_state,
                permission=t.permission,
                title=t.title,
                comment=t.comment,
                guards=t.guards,
            )

    # -- states ---------------------------------------------------------
    def _enter_state(self, content, request=None, transition=None, workflow=None):
        acl = self._states[transition["to_state"]]["acl"]
        if get_oid(content, None) is None:
            # Records kept outside the object map (cases, tasks, applications
            # in their private boxes): Substance D's ACLModified subscribers
            # would write the object map's path_to_acl and the SDI audit ring
            # for them, shared objects where concurrent submissions conflict,
            # for nothing (no catalog ever reads those paths).
            if getattr(content, "__acl__", None) != acl:
                content.__acl__ = acl
            return
        set_acl(content, acl)

    def state_title(self, state):
        return self.definition.states[state].title if state in self.definition.states else state

    def transition_title(self, name):
        tdef = self.definition.transitions.get(name)
        return tdef.title if tdef is not None else name

    def is_public(self, content):
        state = self.definition.states.get(self.state_of(content))
        return bool(state and state.public)

    def is_listed(self, content):
        state = self.definition.states.get(self.state_of(content))
        return bool(state and state.public and state.listed)

    def _set_state(self, content, state, request, transition=None):
        # Substance D calls the state callback before storing the new state;
        # pass the target state along so the callback sets the right ACL.
        transition = dict(transition or {}, to_state=state)
        return super()._set_state(content, state, request, transition)

    # -- transitions ----------------------------------------------------
    def problems(self, content, request, transition_name, comment=None, expected_state=None):
        """Reasons (Chinese messages, with an HTTP status) why a transition cannot run.

        Returns ``(status, [messages])``; an empty list means it may run.
        """
        state = self.state_of(content)
        tdef = self.definition.transitions.get(transition_name)
        if tdef is None:
            return 400, [_("workflow-unknown-transition", default="不存在此流程操作。")]
        if expected_state is not None and expected_state != state:
            return 409, [
                _(
                    "workflow-stale",
                    default="该稿件的状态已变为“${state}”，可能已被他人处理，请刷新后重试。",
                    mapping={"state": self.state_title(state)},
                )
            ]
        if tdef.from_state != state:
            return 409, [
                _(
                    "workflow-wrong-state",
                    default="当前状态为“${state}”，不能执行“${action}”。",
                    mapping={"state": self.state_title(state), "action": tdef.title},
                )
            ]
        if request is None or not request.has_permission(tdef.permission, content):
            return 403, [
                _(
                    "workflow-forbidden",
                    default="您没有权限执行“${action}”。",
                    mapping={"action": tdef.title},
                )
            ]
        messages = []
        if tdef.comment_required and not (comment or "").strip():
            messages.append(
                _(
                    "workflow-comment-required",
                    default="执行“${action}”必须填写意见。",
                    mapping={"action": tdef.title},
                )
            )
        for guard_name in tdef.guards:
            message = self.guards[guard_name](content, request, tdef)
            if message:
                messages.append(message)
        return (400 if messages else 200), messages

    def transition(self, content, request, transition_name, comment=None, expected_state=None):
        """Run ``transition_name`` on ``content`` or raise :class:`TransitionRefused`.

        ``comment`` defaults to the request's ``comment`` form field so that
        Substance D's own workflow tab works unchanged.
        """
        if comment is None and request is not None:
            comment = request.POST.get("comment", "") if hasattr(request, "POST") else ""
        comment = (comment or "").strip()
        status, messages = self.problems(content, request, transition_name, comment, expected_state)
        if messages:
            raise TransitionRefused(messages, status=status)
        from_state = self.state_of(content)
        self._transition(content, transition_name, request=request)
        user = getattr(request, "user", None)
        record = TransitionRecord(
            transition=transition_name,
            from_state=from_state,
            to_state=self.state_of(content),
            actor_id=getattr(request, "authenticated_userid", None),
            actor_name=getattr(user, "__name__", None) or "",
            comment=comment,
            workflow=self.name,
        )
        append_history(content, record)
        request.registry.notify(ContentTransitioned(content, record, self, request))
        return record
