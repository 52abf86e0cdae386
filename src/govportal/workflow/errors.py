"""Errors raised when a user asks for a transition that cannot happen."""

from substanced.workflow import WorkflowError


class TransitionRefused(WorkflowError):
    """A transition was refused; ``messages`` say why, in Chinese.

    Subclasses Substance D's ``WorkflowError`` so that its own callers (the
    SDI's workflow tab) see the error type they expect.  ``status`` is the
    HTTP status the refusal maps to.
    """

    status = 409

    def __init__(self, messages, status=None):
        if isinstance(messages, str):
            messages = [messages]
        self.messages = list(messages)
        if status is not None:
            self.status = status
        super().__init__("; ".join(str(m) for m in self.messages))
