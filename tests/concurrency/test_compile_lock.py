"""A cold process compiles its templates one at a time (CPython 3.11's AST race)."""

import threading

from chameleon import PageTemplate
from chameleon.template import BaseTemplate

from govportal.overrides import compilelock


def test_the_lock_is_installed_once():
    compilelock.install()
    compilelock.install()
    cook = BaseTemplate._cook
    assert getattr(cook, compilelock._MARK) is True
    assert not getattr(cook.__wrapped__, compilelock._MARK, False)


def test_sixteen_threads_compile_fresh_templates_at_once():
    compilelock.install()
    errors, results = [], []
    start = threading.Barrier(16)

    def work(n):
        # a distinct body per thread: each compiles, none comes from a cache
        body = "".join(
            f'<p tal:repeat="i range({n} + {k})" class="c{k}">${{i * {k}}} {n}</p>'
            for k in range(30)
        )
        start.wait()
        try:
            # a string template compiles when it is made
            results.append(PageTemplate(body)())
        except Exception as e:  # noqa: BLE001 - the test reports any failure
            errors.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(results) == 16
