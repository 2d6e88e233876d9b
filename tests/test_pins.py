"""constraints.txt pins every package, and versions.cfg (buildout) pins exactly the same."""

from communesplone.pins import canonical
from communesplone.pins import installed
from communesplone.pins import parse_constraints
from communesplone.pins import parse_versions_cfg
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = parse_constraints((ROOT / "constraints.txt").read_text())


def test_versions_cfg_agrees_with_constraints():
    versions = parse_versions_cfg((ROOT / "versions.cfg").read_text())
    assert versions == CONSTRAINTS


def test_the_pins_plone_needs():
    assert CONSTRAINTS["products-cmfplone"] == "6.2.2"
    assert CONSTRAINTS["plone-app-layout"] == "6.0.2"
    major = int(CONSTRAINTS["setuptools"].split(".")[0])
    assert major < 81


def test_every_installed_package_is_pinned_at_its_version():
    actual = {canonical(name): version for name, version in installed().items()}
    unpinned = sorted(set(actual) - set(CONSTRAINTS))
    assert unpinned == []
    drifted = {name: (CONSTRAINTS[name], actual[name])
               for name in actual if CONSTRAINTS[name] != actual[name]}
    assert drifted == {}


def test_buildout_uses_versions_cfg():
    buildout = (ROOT / "buildout.cfg").read_text()
    assert "extends = versions.cfg" in buildout
    assert "recipe = plone.recipe.zope2instance" in buildout
