"""The life of an order in each delivery mode, with its mails through a real SMTP server.

Every transition mails the applicant in the applicant's language (French and
Dutch here) with the reference; the first mail carries the EPC QR code, read
back by zxing-cpp, and the delivery by e-mail carries the PDF.
"""

from eguichethelpers import IBAN
from eguichethelpers import order
from plone import api
from plone.namedfile.file import NamedBlobFile

import io
import pytest
import transaction

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _mails(smtp):
    found = []
    for _sender, recipients, message in smtp.inbox.messages:
        body = message.get_body(("plain",)).get_content()
        attachments = {part.get_filename(): part.get_content()
                       for part in message.iter_attachments()}
        found.append({"to": recipients, "subject": message["Subject"], "body": body,
                      "attachments": attachments})
    return found


def _decode_qr(png):
    import zxingcpp
    from PIL import Image

    [barcode] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    return barcode.text.split("\n")


def _process(made, user="paula", steps=("take", "mark_ready", "deliver")):
    with api.env.adopt_user(user):
        for step in steps:
            api.content.transition(obj=made, transition=step)
            transaction.commit()


@pytest.mark.parametrize("method", ["email", "post", "pickup"])
def test_whole_life_in_french(live, mail, method):
    with api.env.adopt_user("alice"):
        made = order(live.catalog, live.residence, delivery_method=method,
                     applicant_language="fr")
    transaction.commit()
    reference = made.reference
    [received] = [m for m in _mails(mail) if m["to"] == ["alice@example.org"]]
    assert received["subject"] == f"Commande {reference} reçue : Certificat de résidence"
    assert "Nous avons bien reçu votre commande" in received["body"]
    assert made.structured_communication in received["body"]
    total = made.total
    # the EPC QR code of the mail, read by a reader that is not ours
    [png] = received["attachments"].values()
    fields = _decode_qr(png)
    assert fields[:4] == ["BCD", "002", "1", "SCT"] or fields[:4] == ["BCD", "002", "2", "SCT"]
    assert fields[5] == "Commune de Demo" and fields[6] == IBAN
    assert fields[7] == f"EUR{total:.2f}".rstrip("0").rstrip(".") or fields[7] == f"EUR{total}"
    assert made.structured_communication in fields
    # staff of the service: paid, taken, ready, delivered
    from communesplone.eguichet.payment import mark_paid

    with api.env.adopt_user("paula"):
        mark_paid(made)
    transaction.commit()
    if method == "email":
        made.delivered_file = NamedBlobFile(data=PDF, filename="certificat.pdf",
                                            contentType="application/pdf")
        transaction.commit()
    _process(made)
    assert api.content.get_state(made) == "delivered"
    to_alice = [m for m in _mails(mail) if m["to"] == ["alice@example.org"]]
    subjects = [m["subject"] for m in to_alice]
    assert subjects == [
        f"Commande {reference} reçue : Certificat de résidence",
        f"Commande {reference} : paiement reçu",
        f"Commande {reference} en cours de traitement",
        f"Commande {reference} prête",
        f"Commande {reference} délivrée",
    ]
    delivered = to_alice[-1]
    if method == "email":
        assert delivered["attachments"] == {"certificat.pdf": PDF}
    else:
        assert delivered["attachments"] == {}
    # the service hears of the paid order
    assert any(m["to"] == ["paula@example.org"] and reference in m["subject"]
               for m in _mails(mail))


def test_rejection_in_dutch_with_reason(live, mail):
    with api.env.adopt_user("bob"):
        made = order(live.catalog, live.regulation, applicant_email="bob@example.org",
                     applicant_language="nl", answers={})
    transaction.commit()
    _process(made, steps=("take",))
    with api.env.adopt_user("paula"):
        api.content.transition(obj=made, transition="reject",
                               comment="Dit reglement bestaat niet meer")
    transaction.commit()
    to_bob = [m for m in _mails(mail) if m["to"] == ["bob@example.org"]]
    assert [m["subject"] for m in to_bob] == [
        f"Bestelling {made.reference} ontvangen: Copie d'un règlement",
        f"Bestelling {made.reference} in behandeling",
        f"Bestelling {made.reference} geweigerd",
    ]
    assert "Reden: Dit reglement bestaat niet meer" in to_bob[-1]["body"]
    assert to_bob[0]["body"].startswith("Beste Alice Martin")  # the name given


def test_cancel_by_applicant_and_deliver_needs_the_pdf(live, mail):
    from communesplone.eguichet.errors import OrderInvalid

    with api.env.adopt_user("alice"):
        made = order(live.catalog, live.regulation, answers={}, applicant_language="fr")
    transaction.commit()
    _process(made, steps=("take", "mark_ready"))
    with api.env.adopt_user("paula"), pytest.raises(OrderInvalid):
        api.content.transition(obj=made, transition="deliver")
    transaction.abort()
    assert api.content.get_state(made) == "ready"
    with api.env.adopt_user("alice"):
        other = order(live.catalog, live.regulation, answers={}, applicant_language="fr")
        api.content.transition(obj=other, transition="cancel")
    transaction.commit()
    assert any(m["subject"] == f"Commande {other.reference} annulée" for m in _mails(mail))
    # bob, another citizen, may not cancel alice's order
    with api.env.adopt_user("alice"):
        third = order(live.catalog, live.regulation, answers={})
    transaction.commit()
    from plone.api.exc import InvalidParameterError

    with api.env.adopt_user("bob"), pytest.raises((InvalidParameterError, Exception)):
        api.content.transition(obj=third, transition="cancel")
    transaction.abort()
    assert api.content.get_state(third) == "submitted"


def test_rejection_in_german_with_reason(live, mail):
    """A German-speaking commune's applicant reads every mail in German."""
    with api.env.adopt_user("bob"):
        made = order(live.catalog, live.regulation, applicant_email="bob@example.org",
                     applicant_language="de", answers={})
    transaction.commit()
    _process(made, steps=("take",))
    with api.env.adopt_user("paula"):
        api.content.transition(obj=made, transition="reject",
                               comment="Diese Verordnung gibt es nicht mehr")
    transaction.commit()
    to_bob = [m for m in _mails(mail) if m["to"] == ["bob@example.org"]]
    assert [m["subject"] for m in to_bob] == [
        f"Bestellung {made.reference} erhalten: Copie d'un règlement",
        f"Bestellung {made.reference} wird bearbeitet",
        f"Bestellung {made.reference} abgelehnt",
    ]
    assert "Grund: Diese Verordnung gibt es nicht mehr" in to_bob[-1]["body"]
    assert to_bob[0]["body"].startswith("Guten Tag Alice Martin")
