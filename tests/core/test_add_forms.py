"""Add forms (``++add++<type>``) work on a CommunesPlone site.

collective.eeafaceted.collectionwidget 1.18 registers a catch-all unnamed
multi-adapter ``(*, *, *)``; plone.dexterity's ``++add++`` traverser takes the
first unnamed adapter of ``(container, request, fti)``, so every add form
answered 404 until communesplone.core registered the add view explicitly.
"""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest
import requests


@pytest.mark.parametrize("portal_type", ["Document", "Folder", "Event"])
def test_add_form_renders(functional, portal_type):
    portal = functional["portal"]
    response = requests.get(f"{portal.absolute_url()}/++add++{portal_type}",
                            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), timeout=30)
    assert response.status_code == 200
    assert 'id="form-buttons-save"' in response.text
