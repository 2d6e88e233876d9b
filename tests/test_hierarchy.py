"""The layers of CommunesPlone, read from the code: who may import whom.

OneGov's ``test_hierarchy.py`` is the model. Each add-on is a distribution of
its own (``sources/communesplone.<addon>``): an import of another add-on is a
dependency that its ``setup.py`` does not declare, and would fail on a site
that installed only one add-on. In a checkout every distribution is installed,
so nothing else would notice (``tests/test_distributions.py`` checks the
declared requirements themselves).

The layers, lowest first:

1. ``core``: imports nothing of ours but itself.
2. the add-ons (``eid``, ``booking``, ``directory``, ``eguichet``,
   ``deliberations``): themselves and core; never each other. What two add-ons
   share moves down into core.
3. the deployment (``policy``, ``hosting``, the ``communesplone`` command,
   ``instance``, ``pins``, ``testing``, the ``communesplone`` package itself):
   what a host or a developer runs; it may import everything, and nothing
   below may import it.

Every import statement of every module counts, the ones inside a function
too (they hide a dependency, they do not remove it), and so do the dotted
names in ZCML (``package=``, ``handler=``, ``for=``, ...). A second test
refuses import circles between modules: a circle is broken by moving the
shared name down (an interface, a small module), not by a function-local
import.
"""

from pathlib import Path

import ast
import pytest
import re

ROOT = Path(__file__).parent.parent
#: each distribution's ``src``: the deployment's (the root), then each add-on's
#: (``sources/communesplone.<addon>/src``); ``communesplone`` is a namespace over them
SRCS = [ROOT / "src", *sorted(ROOT.glob("sources/*/src"))]
PACKAGES = [src / "communesplone" for src in SRCS]

CORE = "core"
ADDONS = ("eid", "booking", "directory", "eguichet", "deliberations")
#: the deployment package: policy, hosting, and the root modules (``(root)``:
#: ``communesplone/__init__.py``); ``cli``, ``instance``, ``pins``, ``testing``
DEPLOYMENT = ("policy", "hosting", "cli", "instance", "pins", "testing", "(root)")

#: which parts each part may import (besides itself)
ALLOWED = {CORE: set()}
ALLOWED.update({addon: {CORE} for addon in ADDONS})
ALLOWED.update({part: {CORE, *ADDONS, *DEPLOYMENT} for part in DEPLOYMENT})


def part_of(module):
    """``communesplone.booking.quotas`` -> ``booking``; a root module -> its name."""
    parts = module.split(".")
    if parts[0] != "communesplone":
        return None
    if len(parts) == 1:
        return "(root)"
    return parts[1]


def module_name(path):
    src = next(src for src in SRCS if path.is_relative_to(src))
    name = ".".join(path.relative_to(src).with_suffix("").parts)
    return name.removesuffix(".__init__")


def python_modules():
    return sorted(path for package in PACKAGES for path in package.rglob("*.py")
                  if "tests" not in path.relative_to(package).parts)


MODULES = {module_name(path): path for path in python_modules()}


def imports_of(path):
    """``(imported module, line)`` of every import of ``communesplone`` in ``path``."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    return imports_in(path.read_text(), package, str(path))


def imports_in(source, package, filename="<source>"):
    """The imports of ``communesplone`` in ``source``, a module of ``package``."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            for alias in node.names:
                # ``from communesplone.booking import quotas`` imports a module
                sub = f"{source}.{alias.name}"
                found.append((sub if sub in MODULES else source, node.lineno))
    return [(module, line) for module, line in found
            if module == "communesplone" or module.startswith("communesplone.")]


DOTTED = re.compile(r'\b(?:package|handler|for|factory|class|component|provides|layer|'
                    r'interface|schema|permission_checker|adapts|directory|file)'
                    r'="([^"]*)"')


def zcml_names(path):
    """Dotted names of ours that a ZCML file refers to, with their line."""
    for number, line in enumerate(path.read_text().splitlines(), 1):
        for value in DOTTED.findall(line):
            for name in value.split():
                if name.startswith("communesplone"):
                    yield name, number


def test_every_part_has_a_layer():
    parts = {part_of(module) for module in MODULES}
    assert parts <= set(ALLOWED), f"not in a layer: {sorted(parts - set(ALLOWED))}"


def test_no_import_crosses_the_layers():
    wrong = []
    for module, path in MODULES.items():
        part = part_of(module)
        allowed = ALLOWED[part] | {part}
        for imported, line in imports_of(path):
            if part_of(imported) not in allowed:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {part} imports {imported}")
    assert not wrong, "imports across the layers:\n" + "\n".join(wrong)


def test_no_zcml_refers_across_the_layers():
    wrong = []
    for folder, path in sorted((package, path) for package in PACKAGES
                               for path in package.rglob("*.zcml")):
        owner = path.relative_to(folder).parts
        part = owner[0] if len(owner) > 1 else "(root)"
        allowed = ALLOWED[part] | {part}
        for name, line in zcml_names(path):
            if part_of(name) not in allowed:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {part} refers to {name}")
    assert not wrong, "ZCML across the layers:\n" + "\n".join(wrong)


def circles(graph):
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def import_graph():
    """module -> the modules of ours it imports (a package's ``__init__`` aside:
    importing ``communesplone.booking`` for its ``_`` is not a circle)."""
    return {module: {imported for imported, _line in imports_of(path)
                     if imported in MODULES and imported != module
                     and MODULES[imported].name != "__init__.py"}
            for module, path in MODULES.items()}


def local_imports(path):
    """``(module, line)`` of the imports of ours made inside a function of ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (
                        inner.level or (inner.module or "").startswith("communesplone")):
                    found.append((inner.module or "." * inner.level, inner.lineno))
    return found


def test_no_function_local_import_of_ours_below_the_deployment():
    """Core and the add-ons import their own modules at the top: an import inside a
    function hid the three circles this test was written against. (The command
    line keeps its lazy imports: a ``communesplone --help`` does not load Zope.)"""
    wrong = [f"{path.relative_to(ROOT)}:{line}: {module}"
             for module_name_, path in MODULES.items()
             if part_of(module_name_) not in DEPLOYMENT
             for module, line in local_imports(path)]
    assert not wrong, "imports inside functions:\n" + "\n".join(wrong)


def test_no_import_circle():
    found = circles(import_graph())
    assert not found, "import circles:\n" + "\n".join(" <-> ".join(c) for c in found)


@pytest.mark.parametrize("graph, expected", [
    ({"a": {"b"}, "b": {"a"}, "c": {"a"}}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
])
def test_circles_are_found(graph, expected):
    """The test above cannot pass by finding nothing."""
    assert circles(graph) == expected


def test_crossing_imports_are_found():
    """A core module importing an add-on, a function-local import, a relative one."""
    source = ("from communesplone.booking.quotas import add_usage\n"
              "def f():\n    from communesplone.policy import sites\n"
              "from ..eid import members\n")
    seen = sorted(module for module, _line in imports_in(source, "communesplone.core"))
    assert seen == ["communesplone.booking.quotas", "communesplone.eid.members",
                    "communesplone.policy.sites"]
    assert {part_of(module) for module in seen} - ALLOWED[CORE] == {"booking", "eid", "policy"}
