"""Where this repository's distributions keep their code, for the tests that read files.

The deployment (``communesplone``: command, instance, hosting, policy) lives in
``src/communesplone``; each add-on in ``sources/communesplone.<addon>/src/
communesplone/<addon>``. ``communesplone`` is a native namespace over all of them.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: each distribution's ``src`` folder: the deployment's, then the add-ons'
SRCS = [ROOT / "src", *sorted(ROOT.glob("sources/*/src"))]
#: the ``communesplone`` folder of each distribution
PACKAGES = [src / "communesplone" for src in SRCS]
#: the one translation domain's catalogs, shipped by core
LOCALES = ROOT / "sources" / "communesplone.core" / "src" / "communesplone" / "core" / "locales"


def package_glob(pattern):
    """``pattern`` (relative to ``communesplone/``) in every distribution, sorted."""
    return sorted(path for package in PACKAGES for path in package.glob(pattern))


def part_folder(name):
    """The folder of ``communesplone.<name>``, whichever distribution holds it."""
    return next(package / name for package in PACKAGES if (package / name).is_dir())
