"""Events that the audit trail (and anything else) hangs off.

Code that does something an auditor must be able to see later — a sign-in,
a failed sign-in, an account or role change, a setting that affects
permissions, an export, an override of a check — announces it with
:func:`record_action`.  The audit trail (:mod:`govportal.audit`) subscribes to
:class:`ActionRecorded` and to the content events Substance D and the
workflow engine already fire; the code that acts never imports the audit.

``action`` is a dotted name (``login.failure``, ``account.disable``,
``roles.grant`` ...); :mod:`govportal.audit.actions` gives each a Chinese title.
"""


class ActionRecorded:
    """Something happened that the audit trail records.

    :param request: the request that did it (who and from where), or None for
        a background job or a command-line script;
    :param action: the dotted action name;
    :param target: what it was done to (a login, a path, a setting name);
    :param result: ``"success"`` or ``"failure"`` (``"refused"`` for a refusal);
    :param details: a dict of further facts (strings, numbers), never secrets;
    :param actor: the acting user's login when the request does not tell it
        (e.g. a failed sign-in names the login that was tried).
    """

    def __init__(self, request, action, *, target="", result="success", details=None, actor=None):
        self.request = request
        self.action = action
        self.target = target
        self.result = result
        self.details = dict(details or {})
        self.actor = actor


def record_action(request, action, *, registry=None, **kw):
    """Announce ``action`` (see :class:`ActionRecorded`) to the subscribers."""
    registry = registry if registry is not None else request.registry
    registry.notify(ActionRecorded(request, action, **kw))
