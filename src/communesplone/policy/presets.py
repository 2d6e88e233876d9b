"""Site presets: TOML files in the distribution's top-level ``profiles/`` folder.

A preset names the add-ons a site gets, its language and whether it carries
demo content. ``make start``, the ``communesplone sites create`` command and the
``communesplone.policy:default`` profile all read presets through this module.
"""

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import os
import re
import tomllib

#: Languages a site can be created in.
SITE_LANGUAGES = ("fr", "nl", "en", "de")
_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")


class PresetError(ValueError):
    """A preset that does not exist or cannot be read."""


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    description: str = ""
    language: str = "fr"
    timezone: str = "Europe/Brussels"
    addons: tuple = ()
    demo: bool = False
    #: HTTP caching for a proxy in front (policy/caching.py, docs/hosting.md)
    caching: bool = False
    commune: dict = field(default_factory=dict)


def presets_dir():
    """The folder holding the presets (``COMMUNESPLONE_PRESETS`` overrides it)."""
    configured = os.environ.get("COMMUNESPLONE_PRESETS")
    if configured:
        return Path(configured)
    # src/communesplone/policy/presets.py -> the distribution's root
    return Path(__file__).resolve().parents[3] / "profiles"


def available_presets():
    """The names of the presets, sorted."""
    folder = presets_dir()
    if not folder.is_dir():
        return []
    return sorted(path.stem for path in folder.glob("*.toml"))


def load_preset(name):
    """Read the preset ``name``; raise :class:`PresetError` with the choices otherwise."""
    if not name or not _NAME.match(name):
        raise PresetError(f"Invalid preset name {name!r}")
    path = presets_dir() / f"{name}.toml"
    if not path.is_file():
        choices = ", ".join(available_presets()) or "none"
        raise PresetError(f"Unknown preset {name!r} (available: {choices})")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise PresetError(f"Preset {name!r} cannot be read: {error}") from error
    language = data.get("language", "fr")
    if language not in SITE_LANGUAGES:
        raise PresetError(f"Preset {name!r}: unknown language {language!r}")
    addons = tuple(data.get("addons", ()))
    if "communesplone.core" not in addons:
        addons = ("communesplone.core",) + addons
    return Preset(
        name=name,
        title=data.get("title", name),
        description=data.get("description", ""),
        language=language,
        timezone=data.get("timezone", "Europe/Brussels"),
        addons=addons,
        demo=bool(data.get("demo", False)),
        caching=bool(data.get("caching", False)),
        commune=dict(data.get("commune", {})),
    )
