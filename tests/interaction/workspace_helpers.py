"""Workspace steps the 互动交流 tests share."""

import re


def ws_transition(client, path, name, comment=""):
    """Run transition ``name`` on the item at ``path`` (no trailing slash)
    through its workspace page, the way the page's form posts it."""
    page = client.get(path + "/@@ws-item")
    state = re.search(r'name="expected_state" value="([^"]*)"', page.text).group(1)
    return client.post(
        path + "/@@ws-transition",
        {
            "csrf_token": client.csrf(path + "/@@ws-item"),
            "transition": name,
            "comment": comment,
            "expected_state": state,
        },
        status=303,
    )
