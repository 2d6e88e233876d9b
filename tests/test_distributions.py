"""One distribution per add-on, each declaring what it imports and nothing heavier.

A commune that runs Plone and adds ``communesplone.booking`` must get booking
and core, not WeasyPrint (deliberations), the identity libraries (eid) or
RelStorage (the host's). Read from the installed metadata (``make install``
installs every distribution of ``sources/`` and the root editable) and from the
imports of each distribution's modules: an import that no declared requirement
(or what it requires in turn) provides would fail on a site that installed
only that add-on.
"""

from importlib import metadata
from layout import ROOT

import ast
import contextlib
import pytest
import re
import sys

ADDONS = ("core", "eid", "booking", "directory", "eguichet", "deliberations")
DISTRIBUTIONS = {f"communesplone.{addon}": ROOT / "sources" / f"communesplone.{addon}"
                 for addon in ADDONS}
OURS = {*DISTRIBUTIONS, "communesplone"}

#: heavy or host-only packages, and the only distributions of ours that may declare them
ONLY_IN = {
    "weasyprint": {"communesplone.deliberations"},
    "joserfc": {"communesplone.eid"},
    "authlib": set(),
    # EPC payment QR codes: core.payment, shared by e-guichet orders and paid bookings
    "segno": {"communesplone.core"},
    "relstorage": {"communesplone"},
    "psycopg2-binary": {"communesplone"},
    "zeo": {"communesplone"},
    "waitress": {"communesplone"},
    "aiosmtpd": {"communesplone"},
}


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(text):
    return re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", text).group(0)


def declared(name):
    """The requirements of an installed distribution, without those of its extras."""
    return {canonical(requirement_name(text)) for text in metadata.requires(name) or ()
            if "extra ==" not in text}


def closure(names):
    """``names`` and everything they require, installed ones only."""
    found, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        with contextlib.suppress(metadata.PackageNotFoundError):
            todo.extend(declared(name) - found)
    return found


def module_owners():
    """``{module name: distribution}`` of every installed module file."""
    owners = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        for file in dist.files or ():
            path = str(file)
            if path.endswith(".py") and not path.startswith(".."):
                module = path[:-3].replace("/", ".").removesuffix(".__init__")
                owners.setdefault(module, canonical(name))
    return owners


def imported_modules(folder):
    """Every absolute module name imported by the ``.py`` files under ``folder``."""
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def owner(module, owners):
    """The distribution that provides ``module`` (or the package it comes from)."""
    parts = module.split(".")
    while parts:
        name = ".".join(parts)
        if name in owners:
            return owners[name]
        parts.pop()
    return None


@pytest.mark.parametrize("name", sorted(DISTRIBUTIONS))
def test_each_addon_is_a_distribution_of_its_own(name):
    folder = DISTRIBUTIONS[name]
    for file in ("setup.py", "README.rst", "CHANGES.rst", "MANIFEST.in"):
        assert (folder / file).is_file(), f"{name}: no {file}"
    addon = name.split(".")[1]
    package = folder / "src" / "communesplone" / addon
    assert (package / "configure.zcml").is_file()
    assert (package / "profiles" / "default" / "metadata.xml").is_file()
    # a native namespace, as plone.api's: no communesplone/__init__.py
    assert not (folder / "src" / "communesplone" / "__init__.py").exists()
    installed = metadata.distribution(name)
    assert installed.version
    plugins = {(ep.group, ep.name, ep.value) for ep in installed.entry_points}
    assert ("z3c.autoinclude.plugin", "target", "plone") in plugins


@pytest.mark.parametrize("name", sorted(DISTRIBUTIONS))
def test_an_addon_needs_core_and_no_other_of_ours(name):
    requires = declared(name)
    ours = {requirement for requirement in requires if requirement.startswith("communesplone")}
    assert ours == (set() if name == "communesplone.core" else {"communesplone-core"})


def test_the_deployment_depends_on_every_addon():
    assert {canonical(name) for name in DISTRIBUTIONS} <= declared("communesplone")
    assert not (ROOT / "src" / "communesplone" / "__init__.py").exists()


@pytest.mark.parametrize("package, allowed", sorted(ONLY_IN.items()))
def test_heavy_packages_come_only_with_what_needs_them(package, allowed):
    declaring = {name for name in OURS if package in declared(name)}
    assert declaring == allowed
    # and nothing an add-on declares brings it in through the back door (Plone
    # itself brings waitress: only what Plone does not bring is checked)
    if package in closure({"products-cmfplone"}):
        return
    for name in DISTRIBUTIONS:
        if name not in allowed and "communesplone.core" not in allowed | {name}:
            brought = closure(declared(name) - {"communesplone-core"})
            assert package not in brought, f"{name} brings {package}"


@pytest.mark.parametrize("name", sorted(DISTRIBUTIONS))
def test_every_import_is_declared(name):
    """What the modules import is provided by the declared requirements (or theirs)."""
    owners = module_owners()
    available = closure(declared(name)) | {canonical(name)}
    addon = name.split(".")[1]
    missing = {}
    for module in imported_modules(DISTRIBUTIONS[name] / "src"):
        top = module.split(".")[0]
        if top in sys.stdlib_module_names or top == "communesplone":
            continue
        provider = owner(module, owners)
        assert provider is not None, f"{name}: no installed distribution provides {module}"
        if provider not in available:
            missing.setdefault(provider, set()).add(module)
    assert not missing, f"communesplone.{addon} imports undeclared: {missing}"


def test_the_check_above_can_fail():
    owners = module_owners()
    assert owner("weasyprint.text", owners) == "weasyprint"
    assert "weasyprint" not in closure(declared("communesplone.booking"))
