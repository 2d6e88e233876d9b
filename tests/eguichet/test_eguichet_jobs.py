"""Personal data: anonymisation after the retention period, figures kept; what is stored."""

from communesplone.eguichet.jobs import anonymise_expired
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from eguichethelpers import order
from plone import api
from plone.namedfile.file import NamedBlobFile


def _delivered(site, days_ago):
    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.regulation, answers={}, applicant_phone="0470 12 34 56")
    made.delivered_file = NamedBlobFile(data=b"%PDF-1.4\n", filename="x.pdf")
    made.internal_notes = "Vu au guichet"
    with api.env.adopt_user("paula"):
        for step in ("take", "mark_ready", "deliver"):
            api.content.transition(obj=made, transition=step)
    made.closed_at = datetime.now(UTC) - timedelta(days=days_ago)
    made.reindexObject()
    return made


def test_anonymise_after_the_retention_period(site):
    old = _delivered(site, days_ago=400)
    recent = _delivered(site, days_ago=10)
    with api.env.adopt_user("alice"):
        open_order = order(site.catalog, site.regulation, answers={})
    done = anonymise_expired(site.portal, datetime.now(UTC))
    assert done == [old.reference]
    assert old.applicant_name == "—" and old.applicant_email == "" and old.applicant_phone == ""
    assert old.applicant_address == "" and old.delivered_file is None
    assert old.internal_notes == "" and old.anonymised is True
    # the figures stay
    assert old.total == 2.0 and old.reference and old.document_title == "Copie d'un règlement"
    assert api.content.get_state(old) == "delivered"
    assert recent.applicant_name == "Alice Martin" and recent.delivered_file is not None
    assert open_order.applicant_name == "Alice Martin"
    # idempotent; a shorter retention catches the recent one
    assert anonymise_expired(site.portal) == []
    api.portal.set_registry_record("communesplone.eguichet.retention_days", 5)
    assert anonymise_expired(site.portal) == [recent.reference]


def test_what_is_stored_about_me(site):
    from communesplone.eguichet.browser.mine import MyDataView

    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.regulation, answers={}, applicant_phone="0470 12 34 56")
        html = MyDataView(site.portal, site.portal.REQUEST)()
    assert made.reference in html and "0470 12 34 56" in html and "Rue de Fer 1" in html
    with api.env.adopt_user("bob"):
        other = MyDataView(site.portal, site.portal.REQUEST)()
    assert made.reference not in other and "0470 12 34 56" not in other
