"""axe-core (WCAG 2.1 A and AA) in Chromium: no serious or critical violation
on any page type, in the standard and the 长者版 mode."""

import pytest

from .support import MODES, PAGES, blocking, format_violations, open_page, run_axe, set_mode


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_violations(page, context, live_server, axe_source, name, mode):
    set_mode(context, live_server, mode)
    open_page(page, name)
    assert page.evaluate("document.documentElement.classList.contains('mode-elder')") == (
        mode == "elder"
    )
    violations = blocking(run_axe(page, axe_source))
    assert not violations, f"{name} ({mode}):\n{format_violations(violations)}"


@pytest.mark.parametrize("name", ["portal", "document", "catalog"])
def test_no_serious_or_critical_violations_on_a_phone(page, axe_source, name):
    page.set_viewport_size({"width": 320, "height": 640})
    open_page(page, name)
    violations = blocking(run_axe(page, axe_source))
    assert not violations, f"{name} at 320px:\n{format_violations(violations)}"
