"""govportal.accounts (being built)."""


def includeme(config):
    pass
