"""Fixes of bugs in dependencies that we cannot fix upstream in time.

This is the one place of CommunesPlone that patches other packages (STYLE.md,
pitfall 1). Each fix is applied through ``patches.zcml`` (collective.monkeypatcher),
names the upstream release it was written against, and has a test in
``tests/core/test_patches.py`` that fails once upstream has fixed the bug, so
the fix can then be removed.

collective.eeafaceted.collectionwidget 1.18 (the newest release, November 2026)
is not fully ported to Python 3: with a collection widget on a faceted folder,
``@@faceted_query`` and ``@@faceted_counter`` answer 500.

eea.facetednavigation 16.4's checkbox and radio widgets write each term's label
with ``structure`` after ``Widget.word_break`` cut it with ``<wbr />``: the
label is not escaped (a category named ``<b>x</b>`` is markup on the page), and
Plone's theming transform (lxml) writes ``<wbr></wbr>``, a stray end tag for the
Nu HTML checker. :func:`word_break` escapes and breaks with a zero-width space.
"""

from collective.eeafaceted.collectionwidget import utils as collectionwidget_utils
from DateTime import DateTime
from plone.app.uuid.utils import uuidToObject
from plone.app.querystring import queryparser
from Products.CMFCore.utils import getToolByName
from Products.PluginIndexes.DateIndex.DateIndex import DateIndex
from zope.annotation.interfaces import IAnnotations
from zope.component import queryMultiAdapter
from zope.globalrequest import getRequest

import html
import json

#: A line-break opportunity that is text, not markup (U+200B ZERO WIDTH SPACE).
ZERO_WIDTH_SPACE = "\u200b"


def word_break(self, text="", insert=None, nchars=15):
    """``Widget.word_break``: the label escaped, words longer than ``nchars`` given a
    break opportunity every ``nchars`` characters (16.4 inserts unescaped ``<wbr />``)."""
    words = []
    for word in (text or "").split(" "):
        pieces = [word[i: i + nchars] for i in range(0, len(word), nchars)] or [""]
        words.append(ZERO_WIDTH_SPACE.join(html.escape(piece) for piece in pieces))
    return " ".join(words)


def kept_criteria_as_json(self, collection_uid):
    """``CollectionWidget.kept_criteria_as_json``: 1.18 calls ``dict.iteritems``."""
    from collective.eeafaceted.collectionwidget.interfaces import IKeptCriteria

    adapter = queryMultiAdapter((self.context, self), IKeptCriteria)
    result = adapter.compute(collection_uid)
    for key, value in result.items():
        if isinstance(value, DateTime):
            result[key] = value.ISO()
    return json.dumps(result)


def _advanced_criteria_as_json(self):
    """``CollectionWidget.advanced_criteria_as_json``: 1.18 dumps ``dict.keys()``."""
    return json.dumps(list(self.advanced_criteria))


# A property upstream too.
advanced_criteria_as_json = property(_advanced_criteria_as_json)


def kept_criteria_compute(self, collection_uid):
    """``KeptCriteria.compute``: 1.18 tests ``isinstance(x, basestring)``."""
    result = {}
    if collection_uid == "all":
        return {key: [] for key in self.widget.advanced_criteria}
    collection = uuidToObject(collection_uid, unrestricted=True)
    if not collection:
        return result
    catalog = getToolByName(self.context, "portal_catalog")
    collection_criteria = queryparser.parseFormquery(collection, collection.query)
    for widget_id, index in self.widget.advanced_criteria.items():
        if index not in collection_criteria:
            result[widget_id] = []
            continue
        enabled = collection_criteria[index].get("query", [])
        if isinstance(catalog.Indexes.get(index), DateIndex) and isinstance(enabled, list):
            enabled = []
        if isinstance(enabled, str):
            enabled = [enabled]
        result[widget_id] = enabled
    return result


def get_current_collection(faceted_context, caching=True):
    """``utils.getCurrentCollection``: in 1.18 ``base_hasattr(uid, "__iter__")`` is
    true for a ``str`` on Python 3, so the UID was cut to its first character."""
    collection = None
    cache = None
    key = None
    request = getRequest() if caching else None
    if request is not None:
        key = f"collectionwidget-utils-getCurrentCollection-{faceted_context.UID()}"
        cache = IAnnotations(request)
        collection = cache.get(key)
    if collection is None:
        criterion = collectionwidget_utils.getCollectionLinkCriterion(faceted_context)
        form = faceted_context.REQUEST.form
        uid = form.get(f"{criterion.__name__}[]")
        if not uid and form.get("facetedQuery"):
            uid = json.loads(form["facetedQuery"]).get(criterion.__name__)
        if not uid and criterion.default:
            uid = criterion.default
        if uid:
            if isinstance(uid, list | tuple):
                uid = uid[0]
            collection = uuidToObject(uid, unrestricted=True)
        if cache is not None and collection is not None:
            cache[key] = collection
    return collection

