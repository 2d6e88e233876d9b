"""Identity assurance levels, weakest first (eIDAS, Regulation 2015/1502, plus "none").

Plain Python with no Plone import: the OpenID Connect protocol code of
communesplone.eid uses it outside any site too.
"""

LEVELS = ("none", "low", "substantial", "high")


def level_rank(level):
    """The position of ``level`` in :data:`LEVELS`; ValueError for an unknown level."""
    try:
        return LEVELS.index(level)
    except ValueError:
        raise ValueError(f"unknown assurance level {level!r}; expected one of {LEVELS}") from None


def level_at_least(level, required):
    """True when ``level`` is ``required`` or stronger."""
    return level_rank(level) >= level_rank(required)
