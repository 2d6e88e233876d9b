"""Posting an edit form as a browser without JavaScript does (the row widgets: questions,
closures, assembly members)."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import requests

AUTH = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


def form_values(text):
    """The values of the edit form's inputs, selects and textareas, as a browser sends them."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(text)
    [form] = [f for f in tree.forms if f.get("id") == "form"]
    values = {}
    for name, value in form.form_values():
        if name in values:
            values[name] = [*values[name], value] if isinstance(values[name], list) \
                else [values[name], value]
        else:
            values[name] = value
    return values


def save(url, form, **changes):
    form = dict(form, **changes)
    form["form.buttons.save"] = "Enregistrer"
    return requests.post(url, data=form, auth=AUTH, timeout=60,
                         headers={"Accept-Language": "fr"})
