"""Reading the text exposition in tests."""

from prometheus_client.parser import text_string_to_metric_families

TOKEN = "scrape-token-for-tests"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


def samples(text):
    """``{(name, frozenset(labels.items())): value}`` of an exposition."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return found


def value(found, name, **labels):
    """The sample ``name`` with exactly ``labels`` (0 when absent)."""
    return found.get((name, frozenset(labels.items())), 0.0)


def total(found, name, **labels):
    """The sum of the samples ``name`` whose labels include ``labels``."""
    want = set(labels.items())
    return sum(v for (n, ls), v in found.items() if n == name and want <= ls)
