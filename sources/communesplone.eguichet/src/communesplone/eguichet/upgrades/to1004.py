"""1004: a document type's questions are edited as rows, not as JSON in a text box.

The stored value does not change: ``order_fields`` stays the list of dicts
that REST and the order form read (a question is converted to its row only
in the form, :mod:`communesplone.eguichet.questions`). The step installs
collective.z3cform.datagridfield (its browser layer and script) and stores a
plain list where an older JSON field kept something else (a tuple, None), so
that every document type opens in the new form; the questions themselves are
kept as they were.
"""

from communesplone.eguichet import logger
from plone import api


def plain_questions(doctype):
    """Store ``order_fields`` as a plain list of its dicts; True when something was stored."""
    stored = doctype.__dict__.get("order_fields")
    if stored is None or type(stored) is list:
        return False
    doctype.order_fields = [dict(question) if isinstance(question, dict) else question
                            for question in (stored or ())]
    return True


def upgrade(setup_tool):
    setup_tool.runAllImportStepsFromProfile("profile-collective.z3cform.datagridfield:default")
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="DocumentType"):
        if plain_questions(brain._unrestrictedGetObject()):
            count += 1
    logger.info("Questions of %s document types stored as a plain list", count)
