"""schema.org's letter, checked with readers that are not ours and no network.

:func:`expand` runs pyld (the JSON-LD 1.1 processor) with a document loader that
answers schema.org's context from the local copy in ``tests/directory/schemaorg/``
(release 30.0, see its README). :func:`problems` then walks the expanded graph
and checks it against the local copy of the vocabulary
(``schemaorg-current-https.jsonld``): every type is a schema.org class; every
property exists and its ``domainIncludes`` holds one of the node's types or
their parents; a node or a reference given as a value is of a type (or an
enumeration member of a type) that its ``rangeIncludes`` allows.

schema.org's context maps terms to ``http://schema.org/`` while the vocabulary
and our references (``https://schema.org/Monday``) use ``https``: schema.org
declares both forms the same terms (its ``httpequivs``), so both are read as one.
"""

from functools import cache
from pathlib import Path
from pyld import jsonld

import json

HERE = Path(__file__).parent / "directory" / "schemaorg"
SCHEMA_URLS = ("http://schema.org", "https://schema.org", "http://schema.org/",
               "https://schema.org/", "https://schema.org/docs/jsonldcontext.jsonld",
               "http://schema.org/docs/jsonldcontext.jsonld",
               "https://schema.org/docs/jsonldcontext.json")
PREFIXES = ("http://schema.org/", "https://schema.org/", "schema:")
#: schema.org's data types: a literal is always fine where one of them is in range.
DATA_TYPES = {"Text", "URL", "Number", "Integer", "Float", "Boolean", "Date", "DateTime",
              "Time", "DataType", "CssSelectorType", "XPathType", "PronounceableText"}


@cache
def _context():
    return json.loads((HERE / "schemaorgcontext.jsonld").read_text())


def local_loader(url, options=None):
    """pyld's document loader: schema.org's context from the local copy, nothing else."""
    if url.rstrip("/") in {u.rstrip("/") for u in SCHEMA_URLS}:
        return {"contextUrl": None, "documentUrl": url, "document": _context()}
    raise jsonld.JsonLdError(f"No network in tests: {url}", "jsonld.LoadDocumentError",
                             code="loading document failed")


def expand(data):
    return jsonld.expand(data, {"documentLoader": local_loader})


def _name(iri):
    for prefix in PREFIXES:
        if iri.startswith(prefix):
            return iri[len(prefix):]
    return None


def _ids(value):
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [_name(item["@id"]) for item in values]


@cache
def vocabulary():
    """``(classes, properties, members)``: class -> parents, property -> (domains,
    ranges), enumeration member -> its types."""
    graph = json.loads((HERE / "schemaorg-current-https.jsonld").read_text())["@graph"]
    classes, properties, members = {}, {}, {}
    for node in graph:
        name = _name(node["@id"])
        if name is None:
            continue
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if "rdfs:Class" in kinds:
            classes[name] = set(_ids(node.get("rdfs:subClassOf")))
        if "rdf:Property" in kinds:
            properties[name] = (set(_ids(node.get("schema:domainIncludes"))),
                                set(_ids(node.get("schema:rangeIncludes"))))
        schema_kinds = {_name(kind) for kind in kinds} - {None}
        if schema_kinds:
            members[name] = schema_kinds
    return classes, properties, members


def ancestors(kind):
    classes = vocabulary()[0]
    seen, todo = set(), [kind]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(classes.get(current, ()))
    return seen


def problems(data):
    """What breaks schema.org's letter in ``data`` (compact JSON-LD), as sentences."""
    found = []
    expanded = expand(data)
    if not expanded:
        return ["nothing left after expansion"]
    for node in expanded:
        _check_node(node, "$", found)
    return found


def _check_node(node, path, found):
    classes, properties, members = vocabulary()
    kinds = [_name(kind) for kind in node.get("@type", [])]
    for kind in kinds:
        if kind not in classes:
            found.append(f"{path}: {kind!r} is not a schema.org type")
    own = set().union(*(ancestors(kind) for kind in kinds if kind)) if kinds else set()
    for key, values in node.items():
        if key.startswith("@"):
            continue
        name = _name(key)
        if name not in properties:
            found.append(f"{path}: {key} is not a schema.org property")
            continue
        domains, ranges = properties[name]
        if kinds and not domains & own:
            found.append(f"{path}: {name} is not a property of {', '.join(kinds)} "
                         f"(schema.org: {', '.join(sorted(domains))})")
        for index, value in enumerate(values):
            where = f"{path}.{name}[{index}]"
            if "@value" in value:
                # text where schema.org expects a thing of its own (a DayOfWeek...)
                if ranges and not ranges & DATA_TYPES:
                    found.append(f"{where}: the text {value['@value']!r} where {name} expects "
                                 f"{', '.join(sorted(ranges))}")
                continue
            if "@type" in value or len(value) > 1:
                value_kinds = {_name(kind) for kind in value.get("@type", [])}
                if value_kinds and not set().union(*(ancestors(k) for k in value_kinds)) & ranges:
                    found.append(f"{where}: a {', '.join(sorted(value_kinds))} is not in "
                                 f"the range of {name} ({', '.join(sorted(ranges))})")
                _check_node(value, where, found)
            elif "@id" in value:
                target = _name(value["@id"])
                if target is None:
                    # a page of ours: fine where a URL or a thing is expected
                    if not ranges & (DATA_TYPES | {"Thing"}) and not any(
                            "Thing" in ancestors(kind) for kind in ranges):
                        found.append(f"{where}: a link where {name} expects "
                                     f"{', '.join(sorted(ranges))}")
                    continue
                types_of_target = set().union(*(ancestors(k) for k in members.get(target, ())))
                if not types_of_target & ranges:
                    found.append(f"{where}: {value['@id']} is not one of "
                                 f"{', '.join(sorted(ranges))}")
