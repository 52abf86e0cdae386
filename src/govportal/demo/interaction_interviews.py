"""Demo data of 互动交流: interviews (filled in by its channel)."""


def build(root, request, principals, full):
    """Create the demo's interviews if absent (idempotent)."""
