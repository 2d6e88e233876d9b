"""The workflow menu's target for items and meetings: runs the transition, shows a refusal.

Plone's ``content_status_modify`` lets a refused transition end in an error
page; the rules of this add-on refuse transitions with a reason (no quorum, too
late to freeze, finance advice missing), which the person must read.
"""

from communesplone.deliberations import _
from communesplone.deliberations.lifecycle import refuse_if_done
from plone.base.utils import safe_text
from plone.protect import CheckAuthenticator
from Products.CMFCore.utils import getToolByName
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zope.i18n import translate


class TransitionView(BrowserView):
    def __call__(self):
        CheckAuthenticator(self.request)
        action = self.request.form.get("workflow_action", "")
        comment = safe_text(self.request.form.get("comment", ""))
        messages = IStatusMessage(self.request)
        workflow = getToolByName(self.context, "portal_workflow")
        try:
            refuse_if_done(self.context, action)
            workflow.doActionFor(self.context, action, comment=comment)
        except WorkflowException as error:
            messages.add(str(error), type="error")
        else:
            messages.add(translate(_("delib_transition_done", default="Done."),
                                   context=self.request), type="info")
        self.request.response.redirect(self.context.absolute_url())
        return ""
