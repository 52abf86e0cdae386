"""Who may see a case and its applicant (the real policies, real grants).

The lead's staff see everything; a co-handling department sees the case and
the applicant only once it is sent to it, and signs only its own task; a
department not named sees nothing; the supervisor (电子监察) and the auditor
see the case and its clock, never the applicant's personal data.
"""

from govportal.services import actions

from . import case_helpers
from .case_helpers import APPLICANT, Token, pdf

world = case_helpers.world


def seen(w, login, item):
    request = w.as_(login) if login != "supervisor" else w.supervisor()
    return (
        request.has_permission("view_case", item),
        request.has_permission("view_applicant", item),
    )


def test_who_sees_a_case_and_its_applicant(world):
    w = world
    guide = w.guide(co=("wjj",))
    case, _code = actions.submit(
        w.as_(None), guide, dict(APPLICANT), {}, {"licence": [pdf()]}, Token()
    )
    everyone = ("jyj_editor", "jyj_reviewer", "wjj_editor", "czj_editor", "auditor", "supervisor")
    before = {login: seen(w, login, case) for login in everyone}
    assert before == {
        "jyj_editor": (True, True),
        "jyj_reviewer": (True, True),
        "wjj_editor": (False, False),  # not sent to 卫健局 yet
        "czj_editor": (False, False),
        "auditor": (True, False),
        "supervisor": (True, False),
    }
    assert seen(w, None, case) == (False, False)
    actions.accept(w.as_("jyj_editor"), case)
    actions.send_co_handling(w.as_("jyj_editor"), case)
    after = {login: seen(w, login, case) for login in everyone}
    assert after == dict(before, wjj_editor=(True, True))
    task = case.tasks["1-wjj"]
    assert w.as_("wjj_editor").has_permission("co_handle", task)
    assert w.as_("wjj_reviewer").has_permission("co_handle", task)
    for login in ("czj_editor", "auditor", "jyj_editor"):
        assert not w.as_(login).has_permission("co_handle", task), login
    assert not w.supervisor().has_permission("co_handle", task)
    # the lead may not sign in the co-handling department's place
    assert not w.as_("jyj_editor").has_permission("co_handle", case)
