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


#: Between a level's name and its translation on a line of ``category_names_<language>``.
NAME_SEPARATOR = "="


def parse_name_line(line):
    """``"Boulangerie = Bakkerij"`` -> ``("Boulangerie", "Bakkerij")``; None for a blank
    line; ValueError for a line without both sides."""
    if not isinstance(line, str) or not line.strip():
        return None
    original, separator, translated = line.partition(NAME_SEPARATOR)
    original, translated = " ".join(original.split()), " ".join(translated.split())
    if not separator or not original or not translated:
        raise ValueError(line)
    return original, translated


def parse_names(lines):
    """``{level name: its translation}`` from lines ``"Boulangerie = Bakkerij"`` (lines
    that cannot be read are skipped: the form refuses them, old data may hold them)."""
    names = {}
    for line in lines or ():
        try:
            pair = parse_name_line(line)
        except ValueError:
            continue
        if pair:
            names[pair[0]] = pair[1]
    return names


def translated(category, names):
    """``"Commerce > Alimentation"`` in another language, level by level
    (``{"Commerce": "Handel", "Alimentation": "Voeding"}`` -> ``"Handel > Voeding"``);
    a level without a translation keeps its name."""
    return SEPARATOR.join(names.get(part, part) for part in category.split(SEPARATOR))


def translated_leaf(category, names):
    """The last level of ``category``, translated: ``"Bakkerij"``."""
    return names.get(leaf(category), leaf(category))
