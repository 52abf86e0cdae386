"""The guard works for any content with a body (e.g. working copies)."""

from govportal.bootstrap import site_session
from govportal.checks import prepublication, run_checks


class Draft:
    """Not a Document: a body, a title, no attachments, no workflow."""

    title = "草稿"
    body = "<p>身份证510123198506121237，内部传阅</p>"
    # not in the site (like every resource outside the tree): the checks
    # read the word lists of the current request's site
    __parent__ = None
    __name__ = None


def test_guard_on_any_content_with_a_body(wsgi_app):
    with site_session(wsgi_app.registry, commit=False) as (_root, request):
        message = prepublication(Draft(), request, None)
        assert request.localizer.translate(message) == (
            "发现1处身份证号码、1处敏感词，"
            "请先遮盖个人信息或由审核员填写理由后放行，并删除禁止发布的词语。"
        )
        clean = Draft()
        clean.body = "<p>通知</p>"
        assert prepublication(clean, request, None) is None
        assert run_checks(clean, request).findings == []


def test_guard_is_registered_by_name(wsgi_app):
    assert wsgi_app.registry.govportal_workflow_guards["prepublication"] is prepublication
