"""Rejecting and delivering an order through ``@@transition-form`` (status menu, page buttons):
what is missing is a message beside its field, nothing changes; one payment action."""

from eguichethelpers import order
from plone import api
from zope.publisher.browser import FileUpload

import io


def _form(made, user, **form):
    """POST ``@@transition-form`` as ``user``: the view, after the call."""
    from communesplone.core.browser.transitionform import TransitionFormView
    from plone.protect.authenticator import createToken

    request = made.REQUEST
    request.method = "POST"
    request.form.clear()
    request.response.setStatus(200)
    with api.env.adopt_user(user):
        request.form.update(form, _authenticator=createToken())
        view = TransitionFormView(made, request)
        view()
    return view


def _pdf(data=b"%PDF-1.4\nle certificat", filename="certificat.pdf"):
    class Field:
        file = io.BytesIO(data)
        headers = {"content-type": "application/pdf"}

    Field.filename = filename
    return FileUpload(Field())


def test_reject_without_reason_is_a_message_on_the_form(site):
    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.regulation)
    view = _form(made, "paula", workflow_action="reject", comment="  ")
    assert view.errors["comment"] == "Give the reason: it is sent to the person concerned."
    assert made.REQUEST.response.getStatus() == 400
    assert api.content.get_state(made) == "submitted"
    view = _form(made, "paula", workflow_action="reject", comment="Document inexistant")
    assert view.errors == {}
    assert api.content.get_state(made) == "rejected"
    assert made.rejection_reason == "Document inexistant"


def test_deliver_by_email_asks_for_the_pdf_in_the_same_form(site):
    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.regulation)
    with api.env.adopt_user("paula"):
        api.content.transition(obj=made, transition="take")
        api.content.transition(obj=made, transition="mark_ready")
    view = _form(made, "paula", workflow_action="deliver")
    assert view.asks_file() and not view.asks_reason()
    assert view.errors == {"file": "Add the document (PDF)."}
    view = _form(made, "paula", workflow_action="deliver", file=_pdf(b"not a pdf"))
    assert view.errors == {"file": "Choose a PDF file."}
    assert made.delivered_file is None
    assert api.content.get_state(made) == "ready"
    _form(made, "paula", workflow_action="deliver", file=_pdf())
    assert api.content.get_state(made) == "delivered"
    assert made.delivered_file.data == b"%PDF-1.4\nle certificat"


def test_the_applicant_cannot_use_the_form(site):
    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.regulation)
    _form(made, "alice", workflow_action="reject", comment="Je refuse")
    assert api.content.get_state(made) == "submitted"


def test_status_menu_opens_the_forms_and_one_payment_action(site):
    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.residence)
    assert api.content.get_state(made) == "awaiting_payment"
    workflow = api.portal.get_tool("portal_workflow")
    with api.env.adopt_user("paula"):
        menu = {t["id"]: t for t in workflow.getTransitionsFor(made)}
        assert menu["reject"]["url"].endswith("/@@transition-form?workflow_action=reject")
        assert menu["confirm_payment"]["title"] == "Mark paid"
        html = api.content.get_view("view", made, made.REQUEST)()
        assert 'name="do-mark_paid"' in html
        assert 'name="do-confirm_payment"' not in html
        assert "@@transition-form?workflow_action=reject" in html
        # the status menu's "Mark paid" records the payment as the button does
        workflow.doActionFor(made, "confirm_payment")
    assert made.payment_status == "paid" and made.paid_at is not None
    assert api.content.get_state(made) == "submitted"


def test_upgrade_1002_points_the_menu_to_the_forms(site):
    from communesplone.eguichet.upgrades.to1002 import upgrade

    workflow = api.portal.get_tool("portal_workflow")["communesplone_documentorder_workflow"]
    for transition_id in ("reject", "deliver"):
        workflow.transitions[transition_id].actbox_url = (
            f"%(content_url)s/content_status_modify?workflow_action={transition_id}")
    workflow.transitions["confirm_payment"].title = "Confirm the payment"
    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.regulation)
    upgrade(api.portal.get_tool("portal_setup"))
    assert workflow.transitions["reject"].actbox_url.endswith(
        "/@@transition-form?workflow_action=reject")
    assert workflow.transitions["deliver"].actbox_url.endswith(
        "/@@transition-form?workflow_action=deliver")
    assert workflow.transitions["confirm_payment"].title == "Mark paid"
    assert api.content.get_state(made) == "submitted"
