"""What the 好差评 staff forms share (:mod:`.views_ratings`, :mod:`.views_appeals`):
private pages, the case a form names, and the refused-or-done answer of a step."""

from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther

from ..cache import dont_cache
from ..i18n import translate
from . import ratings
from .cases import find_case_box


def private(request):
    """The page is for one signed-in person: never cached anywhere."""
    dont_cache(request)
    request.response.headers["Cache-Control"] = "private, no-store"


def case_in(site, number):
    """The case ``number`` of ``site`` (either may be missing): 404 when absent."""
    box = find_case_box(site) if site is not None else None
    case = box.get(number) if box is not None and number else None
    if case is None:
        raise HTTPNotFound()
    return case


def refused_or_done(request, step, again, done, location):
    """Run ``step()``; when it is refused (:class:`.ratings.RatingRefused`) nothing
    is written and ``again(message)`` renders the form with the refusal's status;
    otherwise ``done`` is flashed and the browser sent to ``location``."""
    try:
        step()
    except ratings.RatingRefused as e:
        request.tm.doom()
        request.response.status_int = e.status
        return again(translate(request, e.message))
    request.session.flash(translate(request, done))
    return HTTPSeeOther(location)
