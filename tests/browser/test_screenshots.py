"""Screenshots of the portal home, standard and 长者版, desktop and phone, for
a person to look at (written to $GOVPORTAL_SCREENSHOTS, default
/tmp/govportal-screenshots; never committed)."""

import os
from pathlib import Path

import pytest

from .support import set_mode

SHOTS = Path(os.environ.get("GOVPORTAL_SCREENSHOTS", "/tmp/govportal-screenshots"))


@pytest.mark.parametrize("mode", ["standard", "elder"])
def test_portal_home_screenshots(page, context, live_server, mode):
    SHOTS.mkdir(parents=True, exist_ok=True)
    set_mode(context, live_server, mode)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/")
        page.wait_for_load_state("networkidle")
        # the emblem and the badge have loaded
        assert page.evaluate(
            "Array.from(document.images).every(img => img.complete && img.naturalWidth > 0)"
        )
        path = SHOTS / f"portal-{mode}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
