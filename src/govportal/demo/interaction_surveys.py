"""Demo data of 互动交流: surveys (filled in by its channel)."""


def build(root, request, principals, full):
    """Create the demo's surveys if absent (idempotent)."""
