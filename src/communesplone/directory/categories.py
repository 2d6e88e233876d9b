"""Hierarchical categories written as lines: ``Commerce > Alimentation > Boulangerie``.

Plain Python. A category is stored as its whole path (normalised spacing);
the catalog indexes every ancestor too, so asking for ``Commerce`` finds the
bakeries.
"""

SEPARATOR = " > "


def normalise(line):
    """``"Commerce>Alimentation >  Boulangerie"`` -> ``"Commerce > Alimentation > Boulangerie"``.

    Returns ``""`` for a blank line; raises ValueError for an empty level (``"A >  > B"``).
    """
    if not isinstance(line, str) or not line.strip():
        return ""
    parts = [" ".join(part.split()) for part in line.split(">")]
    if any(not part for part in parts):
        raise ValueError(line)
    return SEPARATOR.join(parts)


def parse_lines(lines):
    """The normalised categories of ``lines`` (blank lines skipped, duplicates dropped,
    parents implied by a child added before it), in the order given."""
    seen = []
    for line in lines or ():
        category = normalise(line)
        if not category:
            continue
        for ancestor in ancestors(category):
            if ancestor not in seen:
                seen.append(ancestor)
    return seen


def ancestors(category):
    """``"A > B > C"`` -> ``["A", "A > B", "A > B > C"]``."""
    parts = category.split(SEPARATOR)
    return [SEPARATOR.join(parts[: index + 1]) for index in range(len(parts))]


def expand(categories):
    """Every category of ``categories`` and all their ancestors (for the index)."""
    found = []
    for category in categories or ():
        for ancestor in ancestors(category):
            if ancestor not in found:
                found.append(ancestor)
    return found


def leaf(category):
    """The last level, for display: ``"A > B > C"`` -> ``"C"``."""
    return category.split(SEPARATOR)[-1]


def depth(category):
    return category.count(SEPARATOR)
