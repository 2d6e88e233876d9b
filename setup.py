"""CommunesPlone: Plone 6.2 add-ons for Belgian communes and CPAS."""

from pathlib import Path

from setuptools import find_namespace_packages
from setuptools import setup

long_description = "\n\n".join(
    Path(name).read_text(encoding="utf-8") for name in ("README.rst", "CHANGES.rst")
)

setup(
    name="communesplone",
    version="1.0.0.dev0",
    description="CommunesPlone for hosts and developers: the communesplone command, "
    "hosting, site presets and demo, over every CommunesPlone add-on.",
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
    # ``communesplone`` is a native (PEP 420) namespace shared with the add-ons
    # of ``sources/`` (plone.api's and plone.restapi's layout): no __init__.py.
    package_dir={"": "src"},
    packages=find_namespace_packages("src", include=["communesplone.*"]),
    py_modules=["communesplone.cli", "communesplone.instance", "communesplone.pins",
                "communesplone.testing"],
    include_package_data=True,
    zip_safe=False,
    install_requires=[
        # every add-on: a host or a developer runs them all
        "communesplone.core",
        "communesplone.eid",
        "communesplone.booking",
        "communesplone.directory",
        "communesplone.eguichet",
        "communesplone.deliberations",
        "Products.CMFPlone",
        "plone.api",
        "plone.restapi",
        "plone.exportimport",
        "Zope",
        "PasteDeploy",
        "pytz",
        "setuptools",
        "waitress",
        "ZEO",
        # shared hosting: RelStorage on PostgreSQL (never relstorage[postgresql],
        # which builds psycopg2 from source over psycopg2-binary)
        "RelStorage",
        "psycopg2-binary",
        # the demo sites' mailbox (an SMTP sink, policy/mailbox.py)
        "aiosmtpd",
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
        # the namespace has no configure.zcml: policy's includes every add-on and hosting
        "plone.autoinclude.plugin": ["target = plone", "module = communesplone.policy"],
        "console_scripts": ["communesplone = communesplone.cli:main"],
    },
)
