"""CommunesPlone deliberations: council and college meetings, items and decisions."""

from pathlib import Path

from setuptools import find_namespace_packages
from setuptools import setup

HERE = Path(__file__).parent
long_description = "\n\n".join(
    (HERE / name).read_text(encoding="utf-8") for name in ("README.rst", "CHANGES.rst")
)

setup(
    name="communesplone.deliberations",
    version="1.0.0.dev0",
    description="CommunesPlone deliberations: council and college meetings, items and decisions",
    long_description=long_description,
    long_description_content_type="text/x-rst",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python :: 3.11",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
    ],
    keywords="Plone commune municipality Belgium e-government",
    license="GPL-2.0-only",
    python_requires=">=3.11",
    # ``communesplone`` is a native (PEP 420) namespace, as ``plone`` is for
    # plone.api and plone.restapi: no ``communesplone/__init__.py`` anywhere.
    package_dir={"": "src"},
    packages=find_namespace_packages("src", include=["communesplone.deliberations*"]),
    include_package_data=True,
    zip_safe=False,
    install_requires=[
        "communesplone.core",
        "Products.CMFPlone",
        "plone.restapi",
        "plone.app.dexterity",
        "plone.namedfile",
        "plone.schema",
        "pytz",
        # the agendas and minutes as tagged PDF documents (needs Pango)
        "weasyprint",
    ],
    entry_points={
        "z3c.autoinclude.plugin": ["target = plone"],
    },
)
