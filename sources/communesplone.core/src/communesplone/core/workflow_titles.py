"""Workflow state and transition titles in the reader's language, as Plone says them.

Plone shows a state or a transition by the English title of the workflow
definition, translated in the ``plone`` domain: the status menu
(plone.app.contentmenu: the state title and the ``<action>`` text of each
transition), the history viewlet (the transition title), plone.restapi's
``@workflow`` and the faceted "state" filter (plone.app.vocabularies). The
add-ons ship those titles in ``locales/<lang>/LC_MESSAGES/plone.po``; our own
pages go through these two functions so that every place says a state or an
action with the same words.
"""

from plone import api
from zope.i18n import translate


def state_title(state, portal_type, request):
    """The title of ``state`` in the workflow of ``portal_type``, translated.

    Falls back to the id for a state the workflow does not know (never empty).
    """
    if not state:
        return ""
    workflow = api.portal.get_tool("portal_workflow")
    title = workflow.getTitleForStateOnType(state, portal_type) or state
    return translate(title, domain="plone", context=request)


def transition_title(transition, portal_type, request):
    """The title of ``transition`` in the workflow of ``portal_type``, translated."""
    if not transition:
        return ""
    workflow = api.portal.get_tool("portal_workflow")
    title = transition
    for workflow_id in workflow.getChainForPortalType(portal_type):
        definition = workflow.getWorkflowById(workflow_id)
        found = definition.transitions.get(transition) if definition is not None else None
        if found is not None:
            # the button's words (as Plone's history), else the title of a
            # transition the server runs without a button
            title = found.actbox_name or found.title or transition
            break
    return translate(title, domain="plone", context=request)
