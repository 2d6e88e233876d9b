"""CommunesPlone: Plone 6.2 add-ons for Belgian communes and CPAS."""

from pathlib import Path

from setuptools import find_packages
from setuptools import setup

long_description = "\n\n".join(
    Path(name).read_text(encoding="utf-8") for name in ("README.rst", "CHANGES.rst")
)

setup(
    name="communesplone",
    version="1.0.0.dev0",
    description="Plone 6.2 add-ons for communes and CPAS: e-guichet, deliberations, "
    "directory, booking and identity assurance.",
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
    package_dir={"": "src"},
    packages=find_packages("src"),
    include_package_data=True,
    zip_safe=False,
    install_requires=[
        "Products.CMFPlone",
        "plone.app.layout",
        "plone.restapi",
        "plone.api",
        "plone.app.dexterity",
        "plone.app.registry",
        "eea.facetednavigation",
        "collective.eeafaceted.collectionwidget",
        # row widgets for tables edited by staff (assembly members, categories...)
        "collective.z3cform.datagridfield",
        "collective.monkeypatcher",
        "setuptools",
        "cryptography",
        "authlib",
        "joserfc",
        "requests",
        "waitress",
        "ZEO",
        # shared hosting: RelStorage on PostgreSQL (never relstorage[postgresql],
        # which builds psycopg2 from source over psycopg2-binary)
        "RelStorage",
        "psycopg2-binary",
        # EPC payment QR codes (e-guichet); PDF documents (deliberations)
        "segno",
        "weasyprint",
        # dates in words on the front page ("mardi 15 décembre, 18 h")
        "Babel",
        # XLSX exports beside the CSV ones (staff open spreadsheets)
        "openpyxl",
    ],
    extras_require={
        "test": [
            "plone.app.testing",
            "pytest",
            "pytest-plone",
            "pytest-xdist",
            "hypothesis",
            "aiosmtpd",
            "playwright",
            "python-stdnum",
            "ruff",
            "i18ndude",
            "polib",
            "zc.buildout",
            "plone.recipe.zope2instance",
            "geojson",
            "vobject",
            "zxing-cpp",
            "jsonschema",
            "feedparser",
            # tagged PDF/A checks of the deliberations' documents
            "pikepdf",
            # a second iCalendar reader beside icalendar
            "recurring-ical-events",
            # the directory's JSON-LD expanded against a local schema.org context
            "PyLD",
        ],
    },
    entry_points={
        "z3c.autoinclude.plugin": ["target = plone"],
        "console_scripts": ["communesplone = communesplone.cli:main"],
    },
)
