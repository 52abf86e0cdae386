"""The published letters of the site group, kept apart for the public pages.

One tree on the portal root (:data:`PUBLIC_ATTR`, number -> letter) holds
every letter whose workflow state is public
(:func:`govportal.workflow.facts.is_public`) and whose writer agreed to
publication, so that ``@@letters`` reads only those instead of every letter
ever written.  A subscriber keeps it after every transition of a letter
(publish, unpublish, any other); :func:`rebuild` makes it again from the
boxes at site set-up (idempotent).
"""

from pyramid.threadlocal import get_current_registry

from ...content import site_group
from ...private_stores import root_tree
from ...workflow import facts, get_workflow
from ...workflow.events import IContentTransitioned
from .model import LETTER_TYPE, Letter, find_box

PUBLIC_ATTR = "govportal_letters_public"


def is_published(letter, registry):
    state = get_workflow(letter, registry).state_of(letter)
    return bool(facts.is_public(registry, state, LETTER_TYPE) and letter.may_publish)


def public_tree(context, create=False):
    return root_tree(context, PUBLIC_ATTR, create)


def update(letter, registry):
    """Enter ``letter`` in the tree or take it out, as its state says."""
    if letter.__parent__ is None:
        return
    tree = public_tree(letter, create=True)
    if is_published(letter, registry):
        if tree.get(letter.__name__) is not letter:
            tree[letter.__name__] = letter
    elif letter.__name__ in tree:
        del tree[letter.__name__]


def published(context, registry):
    """Every published letter of the site group (checked again)."""
    tree = public_tree(context)
    if tree is None:
        return []
    return [letter for letter in tree.values() if is_published(letter, registry)]


def rebuild(root, registry):
    """Make the tree again from every site's box (site set-up)."""
    tree = public_tree(root, create=True)
    found = {}
    for site in site_group(root):
        box = find_box(site)
        for letter in box.values() if box is not None else ():
            if is_published(letter, registry):
                found[letter.__name__] = letter
    for number in [n for n in tree.keys() if n not in found]:
        del tree[number]
    for number, letter in found.items():
        if tree.get(number) is not letter:
            tree[number] = letter
    return len(found)


def letter_transitioned(event):
    letter = event.content
    if not isinstance(letter, Letter):
        return
    request = getattr(event, "request", None)
    registry = request.registry if request is not None else get_current_registry()
    update(letter, registry)


def includeme(config):
    config.add_subscriber(letter_transitioned, IContentTransitioned)
