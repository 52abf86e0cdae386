"""Published letters: consent respected, personal data masked, 404 otherwise."""

from .letter_helpers import FIELDS, REPLY, answer_letter, number_and_code, post_letter


def test_published_letter_masked_in_list_and_page(testapp):
    number, _code = number_and_code(post_letter(testapp))
    answer_letter(testapp, number)
    listing = testapp.get("/@@letters")
    assert FIELDS["subject"] in listing.text
    assert f"/@@letters/{number}" in listing.text
    page = testapp.get(f"/@@letters/{number}")
    # the writer's and the officer's phone numbers are masked
    assert "13912345678" not in page.text and "13700001111" not in page.text
    assert "139****5678" in page.text and "137****1111" in page.text
    assert "增派交警疏导" in page.text
    assert "已安排交警" in page.text
    assert FIELDS["name"] not in page.text
    assert "已公开" in page.text


def test_no_consent_never_listed(testapp):
    number, _code = number_and_code(post_letter(testapp, may_publish="no"))
    answer_letter(testapp, number)  # publishing is refused by the guard: stays answered
    assert number not in testapp.get("/@@letters").text
    testapp.get(f"/@@letters/{number}", status=404)


def test_unpublished_letters_answer_404(testapp):
    received, _ = number_and_code(post_letter(testapp))
    answered, _ = number_and_code(post_letter(testapp))
    answer_letter(testapp, answered, publish=False)
    for number in (received, answered, "NO-SUCH-NUMBER"):
        testapp.get(f"/@@letters/{number}", status=404)
    listing = testapp.get("/@@letters").text
    assert received not in listing and answered not in listing


def test_channels_departments_search_and_paging(testapp):
    mine, _ = number_and_code(post_letter(testapp, "/jyj/", channel="consult"))
    answer_letter(testapp, mine, "jyj")
    other, _ = number_and_code(
        post_letter(testapp, subject="关于路灯维修的投诉信件", channel="complaint")
    )
    answer_letter(testapp, other)
    assert mine in testapp.get("/jyj/@@letters").text
    assert other not in testapp.get("/jyj/@@letters").text
    portal = testapp.get("/@@letters")
    assert mine in portal.text and other in portal.text
    consult = testapp.get("/@@letters", {"channel": "consult"})
    assert mine in consult.text and other not in consult.text
    assert mine not in testapp.get("/@@letters", {"q": "路灯"}).text
    assert other in testapp.get("/@@letters", {"q": "路灯"}).text
    assert other not in testapp.get("/@@letters", {"site": "jyj"}).text
    testapp.get(f"/jyj/@@letters/{mine}")
    # the portal finds a department's letter too; a department not another's
    testapp.get(f"/@@letters/{mine}")
    testapp.get(f"/rsj/@@letters/{mine}", status=404)
    assert REPLY[:6] in testapp.get(f"/jyj/@@letters/{mine}").text


def test_the_demos_published_letters_are_listed(testapp):
    """Letters published by the staff's steps (the demo) reach the index."""
    from govportal.interaction.letters import public_index

    from .letter_helpers import read

    def numbers(root):
        return sorted(public_index.public_tree(root).keys())

    published = read(testapp, numbers)
    assert published, "the demo publishes letters"
    listing = testapp.get("/@@letters").text
    assert all(number in listing for number in published)
    # rebuilt from the boxes at set-up: the same
    from govportal.bootstrap import site_session

    from .letter_helpers import wsgi_of

    with site_session(wsgi_of(testapp).registry) as (zodb_root, request):
        assert public_index.rebuild(zodb_root["app_root"], request.registry) == len(published)
    assert read(testapp, numbers) == published
