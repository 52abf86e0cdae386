"""Demo data of 互动交流: letters (filled in by its channel)."""


def build(root, request, principals, full):
    """Create the demo's letters if absent (idempotent)."""
