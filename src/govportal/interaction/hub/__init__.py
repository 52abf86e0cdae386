"""The 互动交流 page of every site and the staff's deadline list."""


def includeme(config):
    pass
