"""Placeholder: the sign-in views are being built."""


def includeme(config):
    pass
