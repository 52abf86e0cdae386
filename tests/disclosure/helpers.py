"""Reading index numbers back from the database, as the requests committed them."""

from pyramid.traversal import find_resource

from govportal.disclosure import find_index_numbers

from ..conftest import read_root


def index_numbers(app, paths):
    """The 索引号 of the documents at ``paths`` (public paths)."""
    return read_root(app, lambda root: [find_resource(root, p).index_number for p in paths])


def issued(app):
    """Every number the site issued: {number: oid}."""

    def read(root):
        numbers = find_index_numbers(root)
        return {} if numbers is None else dict(numbers.issued.items())

    return read_root(app, read)
