"""What can be done to a case (办件): one function per step, views stay thin.

Every step after submission is a transition of ``workflows/servicecase.yaml``
(or, for a co-handling department's task, ``casetask.yaml``) run through the
workflow engine: permission, required comment and guards are checked there,
the history records who and when, ``ContentTransitioned`` is fired.  A step
first asks the engine whether it may run (403 or 409 before any input
error), then checks its input, then transitions and only then writes its
data, so a refused step changes nothing.  Each step records a public step
(``case.add_step``, the tracking page) and notifies (:mod:`.notify`).
Refusals raise :class:`~govportal.workflow.errors.TransitionRefused`
(Chinese messages, ``status``).

Submission and intake (:mod:`.actions_intake`)
    ``submit(request, guide, applicant, values, files, token) -> (case, code)``,
    ``submit_once(request, guide, applicant, values, files)``, ``accept``,
    ``request_supplement(request, case, items, respond_by)``,
    ``supplement(request, case, files, note)`` (the applicant),
    ``refuse_intake(request, case, reason)``, ``close_unsupplemented``.
Handling (:mod:`.actions_handling`)
    ``send_co_handling(request, case)``, ``sign_task(request, task, opinion)``,
    ``refuse_task(request, task, reason)``,
    ``request_correction(request, case, items)``,
    ``correction_done(request, case, files, note)`` (the applicant),
    ``suspend(request, case, kind, note)``, ``resume(request, case, note)``,
    ``conclude(request, case, result_text, result_file, certificate)``,
    ``deny(request, case, reason)``.
"""

from .actions_common import state_of, today, workflow_of  # noqa: F401
from .actions_handling import (  # noqa: F401
    SUSPEND_KINDS,
    conclude,
    correction_done,
    deny,
    open_tasks,
    refuse_task,
    request_correction,
    resume,
    send_co_handling,
    sign_task,
    suspend,
)
from .actions_intake import (  # noqa: F401
    DEFAULT_SUPPLEMENT_DAYS,
    SUBMISSION_KIND,
    accept,
    case_code_of,
    close_unsupplemented,
    lead_site_of,
    refuse_intake,
    request_supplement,
    submit,
    submit_once,
    supplement,
)

#: The lead's steps on a case, by transition name (the staff page's forms).
CASE_STEPS = {
    "accept": accept,
    "request_supplement": request_supplement,
    "refuse_intake": refuse_intake,
    "close_unsupplemented": close_unsupplemented,
    "send_co_handling": send_co_handling,
    "request_correction": request_correction,
    "suspend": suspend,
    "resume": resume,
    "conclude": conclude,
    "deny": deny,
}
#: The applicant's steps (public page, with the query code).
APPLICANT_STEPS = {"supplement_done": supplement, "correction_done": correction_done}
#: A co-handling department's steps on its task.
TASK_STEPS = {"sign": sign_task, "refuse": refuse_task}
