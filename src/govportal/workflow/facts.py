"""What the workflow files say, asked by meaning rather than by name.

State and role names live only in ``workflows/*.yaml``.  Code that needs
"the states whose items are listed publicly", "the states in which an item
awaits review" or "the roles that review" asks this module, which reads the
definitions loaded at start-up (``registry.govportal_workflow_definitions``
and ``registry.govportal_workflow_bindings``).  Renaming a state or a role in
the files therefore cannot silently break a listing, a queue or a subscriber.

Content types are named by their Substance D content type name (``Document``,
``Column`` …) as in ``bindings.yaml``.  Answers are computed once per registry
and content type (the definitions never change after start-up).
"""

from types import MappingProxyType

DOCUMENT = "Document"

_CACHE_ATTR = "_govportal_workflow_facts"


def _cached(registry, key, compute):
    cache = registry.__dict__.get(_CACHE_ATTR)
    if cache is None:
        cache = {}
        setattr(registry, _CACHE_ATTR, cache)
    try:
        return cache[key]
    except KeyError:
        value = cache[key] = compute()
        return value


def definitions(registry):
    """Every loaded workflow definition, by workflow name."""
    return registry.govportal_workflow_definitions


def definition(registry, content_type=DOCUMENT):
    """The :class:`~govportal.workflow.definition.WorkflowDefinition` bound to
    ``content_type``; ``KeyError`` naming the type if none is bound."""
    name = registry.govportal_workflow_bindings.get(content_type)
    if name is None:
        raise KeyError(f"no workflow is bound to content type {content_type!r}")
    return registry.govportal_workflow_definitions[name]


def _definitions_for(registry, content_type):
    if content_type is None:
        return list(definitions(registry).values())
    return [definition(registry, content_type)]


def initial_state(registry, content_type=DOCUMENT):
    """The state a new item of ``content_type`` starts in."""
    return definition(registry, content_type).initial


def all_states(registry, content_type=DOCUMENT):
    """Every state name of ``content_type``'s workflow, in file order."""
    return _cached(
        registry,
        ("all", content_type),
        lambda: tuple(definition(registry, content_type).states),
    )


def public_states(registry, content_type=DOCUMENT):
    """States whose items anonymous visitors may see (``public: true``)."""
    return _cached(
        registry,
        ("public", content_type),
        lambda: tuple(
            name for name, s in definition(registry, content_type).states.items() if s.public
        ),
    )


def listed_states(registry, content_type=DOCUMENT):
    """Public states whose items appear in listings, feeds, sitemaps and
    search (``public: true`` and not ``listed: false``)."""
    return _cached(
        registry,
        ("listed", content_type),
        lambda: tuple(
            name
            for name, s in definition(registry, content_type).states.items()
            if s.public and s.listed
        ),
    )


def clock_states(registry, content_type, mode):
    """States of ``content_type`` whose ``clock:`` is ``mode`` (``none``,
    ``running``, ``paused`` or ``closed``): where a time limit counts, is
    paused or is over, in file order."""
    return _cached(
        registry,
        ("clock", content_type, mode),
        lambda: tuple(
            name for name, s in definition(registry, content_type).states.items() if s.clock == mode
        ),
    )


def state_titles(registry, content_type=DOCUMENT):
    """State name → Chinese title, in file order (read-only mapping)."""
    return _cached(
        registry,
        ("titles", content_type),
        lambda: MappingProxyType(
            {name: s.title for name, s in definition(registry, content_type).states.items()}
        ),
    )


def state_title(registry, state, content_type=DOCUMENT):
    """The Chinese title of ``state`` (the name itself if unknown)."""
    return state_titles(registry, content_type).get(state, state)


def states_granting(registry, permission, content_type=DOCUMENT, role=None):
    """States in which some role (or ``role``) holds ``permission``, in file
    order.  E.g. the states in which a document awaits review are those
    granting ``approve``."""

    def compute():
        wf = definition(registry, content_type)
        return tuple(
            name
            for name, s in wf.states.items()
            if any(
                permission in perms
                for r, perms in s.permissions.items()
                if role is None or r == role
            )
        )

    return _cached(registry, ("granting", permission, content_type, role), compute)


def roles_granted(registry, permission, content_type=None):
    """Roles that hold ``permission`` in some state of ``content_type``'s
    workflow (of any workflow if None), in the order of ``roles.yaml``.

    E.g. the roles that review documents: ``roles_granted(registry,
    "approve", "Document")``."""

    def compute():
        holders = set()
        for wf in _definitions_for(registry, content_type):
            for state in wf.states.values():
                holders.update(r for r, perms in state.permissions.items() if permission in perms)
        order = list(_vocabulary_roles(registry)) or sorted(holders)
        return tuple(r for r in order if r in holders) + tuple(sorted(holders - set(order)))

    return _cached(registry, ("roles", permission, content_type), compute)


def _vocabulary_roles(registry):
    from ..security import get_vocabulary

    try:
        return get_vocabulary(registry).roles
    except Exception:  # pragma: no cover - registry without a vocabulary
        return {}


def is_public(registry, state, content_type=DOCUMENT):
    return state in public_states(registry, content_type)


def is_listed(registry, state, content_type=DOCUMENT):
    return state in listed_states(registry, content_type)


def is_publication(registry, content_type, to_state, from_state=None):
    """Whether a transition into ``to_state`` (from ``from_state``, if given)
    makes an item of ``content_type`` published: it enters a listed public
    state from a state that was not one.  ``restore`` from an archive counts;
    a move between two listed states does not."""
    if content_type not in registry.govportal_workflow_bindings:
        return False
    listed = listed_states(registry, content_type)
    return to_state in listed and (from_state is None or from_state not in listed)


def transitions_guarded_by(registry, guard, content_type=DOCUMENT):
    """Transitions of ``content_type``'s workflow that name ``guard``, as
    :class:`~govportal.workflow.definition.TransitionDef` in file order.

    Guards are code, their names stable: the scheduler finds "the transition
    that publishes when the time comes" as the one guarded by
    ``effective_reached``, whatever the file calls it and its states."""
    return _cached(
        registry,
        ("guarded", guard, content_type),
        lambda: tuple(
            t for t in definition(registry, content_type).transitions.values() if guard in t.guards
        ),
    )


def transitions_into(registry, states, content_type=DOCUMENT):
    """Names of the transitions whose target is one of ``states``."""
    states = set(states)
    return tuple(
        t.name
        for t in definition(registry, content_type).transitions.values()
        if t.to_state in states
    )


def publishes(registry, record):
    """Whether the transition kept in ``record`` (a
    :class:`~govportal.workflow.history.TransitionRecord`, e.g.
    ``event.record`` of ``ContentTransitioned``) published its item: it
    entered a listed public state of its workflow from one that was not."""
    wf = definitions(registry).get(getattr(record, "workflow", "") or "")
    if wf is None:
        return False
    listed = _cached(
        registry,
        ("listed-wf", wf.name),
        lambda: tuple(n for n, s in wf.states.items() if s.public and s.listed),
    )
    return record.to_state in listed and record.from_state not in listed


def published_by(event):
    """Whether a :class:`~govportal.workflow.events.ContentTransitioned`
    event published its item (see :func:`publishes`)."""
    registry = getattr(getattr(event, "request", None), "registry", None)
    if registry is None or not hasattr(registry, "govportal_workflow_definitions"):
        from pyramid.threadlocal import get_current_registry

        registry = get_current_registry()
    return publishes(registry, event.record)


def visitor_roles(registry):
    """Roles that stand for every visitor (``principal: Everyone``)."""
    from pyramid.security import Everyone

    return tuple(r.name for r in _vocabulary_roles(registry).values() if r.principal == Everyone)


def visitor_states(registry, content_type=DOCUMENT, permission="view"):
    """States in which a visitor who is not signed in holds ``permission``
    (e.g. the column states whose content the public may see)."""

    def compute():
        roles = set(visitor_roles(registry))
        return tuple(
            name
            for name, s in definition(registry, content_type).states.items()
            if any(permission in perms for r, perms in s.permissions.items() if r in roles)
        )

    return _cached(registry, ("visitor", content_type, permission), compute)


def states_reached_by(registry, permission, content_type=DOCUMENT):
    """Target states of the transitions guarded by ``permission``, in file
    order (e.g. the state an approved working copy reaches: ``approve``)."""

    def compute():
        targets = []
        for t in definition(registry, content_type).transitions.values():
            if t.permission == permission and t.to_state not in targets:
                targets.append(t.to_state)
        return tuple(targets)

    return _cached(registry, ("reached", permission, content_type), compute)
