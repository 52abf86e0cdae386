"""Running the self-check in a job transaction, as the scheduler would."""

from govportal.schedule.runner import run_in_transaction
from govportal.selfcheck.compute import check_all


def results(wsgi_app):
    """``{site path: SiteResult}`` of every site now."""
    found = {}

    def job(root, request):
        for result in check_all(root, request):
            found[result.site_path] = result
        return False

    run_in_transaction(wsgi_app.registry, job, "test")
    return found


def show(result):
    lines = [f"{result.site_path} {result.title} {result.score} passed={result.passed}"]
    for item in result.items:
        lines.append(f"  {item.item} {item.status} -{item.points} {item.note}")
        lines.extend(f"    {e.text} {e.url}" for e in item.evidence)
    return "\n".join(lines)


def item(result, name):
    """The :class:`ItemResult` ``name`` (``"B3"``) of a site's result."""
    return next(i for i in result.items if i.item == name)


def texts(found):
    return " ".join(e.text for e in found.evidence)


def in_job(wsgi_app, fn):
    """``fn(root, request)`` in a committed job transaction."""

    def job(root, request):
        fn(root, request)
        return True

    run_in_transaction(wsgi_app.registry, job, "test")
