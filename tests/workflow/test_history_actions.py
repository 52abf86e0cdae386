"""History records of actions that are not transitions have titles too."""

from pyramid.testing import DummyRequest

from govportal.workflow.history import action_title


class Workflow:
    class definition:
        transitions = {"approve": None}

    @staticmethod
    def transition_title(name):
        return {"approve": "审核通过并发布"}.get(name, name)


def test_registered_titles_name_non_transition_actions(wsgi_app):
    request = DummyRequest()
    request.registry = wsgi_app.registry
    assert action_title(request, Workflow, "override_checks") == "放行个人信息检查"
    assert action_title(request, Workflow, "mask_personal_data") == "遮盖个人信息"
    assert action_title(request, Workflow, "approve") == "审核通过并发布"
    assert action_title(request, Workflow, "unknown_action") == "unknown_action"
    assert action_title(request, None, "override_checks") == "放行个人信息检查"
