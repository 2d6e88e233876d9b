"""Making an order from Python (the browser form, the demo): the same path as REST.

``createContentInContainer`` checks the current user's add permission, fires
the creation events and adds the order to the catalog, where
``events.order_added`` does every check; a refusal is rolled back to the
savepoint so the caller's transaction keeps nothing of it.
"""

from communesplone.core.schemacheck import type_errors
from communesplone.eguichet.errors import OrderInvalid
from plone.dexterity.utils import createContentInContainer

import transaction


def make_order(catalog, **data):
    """Add an order to ``catalog`` as the current user; raise what refuses it.

    The fields are checked against the schema first, as plone.restapi checks a
    POST (:func:`communesplone.core.schemacheck.schema_errors`).
    """
    errors = type_errors("DocumentOrder", data, context=catalog)
    if errors:
        raise OrderInvalid(errors)
    savepoint = transaction.savepoint()
    try:
        return createContentInContainer(catalog, "DocumentOrder", checkConstraints=True,
                                        **data)
    except Exception:
        savepoint.rollback()
        raise
