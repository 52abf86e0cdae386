"""The demo's letters (quick mode): one in each state, a transfer, an
overdue one, a published reply with a rating, on the portal and two
departments; their clocks consistent."""

from govportal.interaction.letters import clock
from govportal.interaction.letters.model import site_of
from govportal.interaction.letters.queries import all_letters
from govportal.workflow import facts, get_state

from ...conftest import read_root


def test_demo_letters(wsgi_app):
    registry = wsgi_app.registry

    def survey(root):
        rows = []
        for letter in all_letters(root):
            rows.append(
                {
                    "site": site_of(letter).__name__ or "",
                    "state": get_state(letter, registry),
                    "transfers": len(letter.transfers),
                    "level": clock.warning_level(letter, registry),
                    "rated": bool(letter.satisfaction),
                    "public": bool(letter.public),
                    "clock": letter.verify_due is not None
                    and letter.verify_due > letter.received_on,
                }
            )
        return rows

    rows = read_root(wsgi_app, survey)
    assert len(rows) <= 6
    states = {r["state"] for r in rows}
    assert states == set(facts.all_states(registry, "Letter"))
    assert {r["site"] for r in rows} >= {"jyj", "rsj"}
    assert any(r["transfers"] and r["site"] == "rsj" for r in rows)
    assert any(r["level"] == "overdue" and r["state"] == "handling" for r in rows)
    assert any(r["state"] == "published" and r["rated"] and r["public"] for r in rows)
    assert all(r["clock"] for r in rows)
