"""Demo content: eight documents (each identity level), four orders, idempotent; install."""

from communesplone.core.notifications import notifications_suppressed
from communesplone.eguichet.demo import populate
from plone import api


def test_demo_is_complete_and_idempotent(portal):
    with api.env.adopt_roles(["Manager"]), notifications_suppressed():
        catalog = populate(portal, "fr")
        again = populate(portal, "fr")
    assert again.getPhysicalPath() == catalog.getPhysicalPath()
    types = api.content.find(context=catalog, portal_type="DocumentType")
    assert len(types) == 8
    levels = {catalog[brain.getId].required_assurance for brain in types}
    assert levels == {"none", "low", "substantial", "high"}
    assert catalog["copie-deliberation"].allows_anonymous()
    assert catalog["legalisation-de-signature"].required_assurance == "low"
    titles = {brain.Title for brain in types}
    assert "Certificat de résidence" in titles and "Extrait du casier judiciaire" in titles
    assert catalog["extrait-acte-de-naissance"].required_assurance == "high"
    assert catalog["legalisation-de-signature"].delivery_methods == ["pickup"]
    orders = [o for o in catalog.objectValues() if o.portal_type == "DocumentOrder"]
    assert len(orders) == 4
    states = sorted(api.content.get_state(o) for o in orders)
    assert states == ["awaiting_payment", "delivered", "in_progress", "submitted"]
    assert len({o.reference for o in orders}) == 4
    assert {o.applicant_name for o in orders} >= {"Marie Dubois", "Jan Peeters"}
    assert "dashboard" in catalog.objectIds()


def test_uninstall_leaves_nothing(integration):
    from plone.base.utils import get_installer

    portal = integration["portal"]
    installer = get_installer(portal)
    installer.uninstall_product("communesplone.eguichet")
    assert not {"DocumentCatalog", "DocumentType", "DocumentOrder"} & set(
        portal.portal_types.objectIds())
    assert "communesplone_documentorder_workflow" not in portal.portal_workflow.objectIds()
    catalog = api.portal.get_tool("portal_catalog")
    assert not [name for name in catalog.indexes() if name.startswith("eguichet_")]
    assert not [name for name in catalog.schema() if name.startswith("eguichet_")]
    assert api.portal.get_registry_record("communesplone.eguichet.retention_days",
                                          default=None) is None
    installer.install_product("communesplone.eguichet")
    assert api.portal.get_registry_record("communesplone.eguichet.retention_days") == 365
