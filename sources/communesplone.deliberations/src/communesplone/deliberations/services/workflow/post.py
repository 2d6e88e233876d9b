"""POST @workflow/<transition> on meetings and items: a repeated transition is an error.

plone.restapi answers 200 when the object is already in the transition's
target state (so that bulk publishing skips what is done). A meeting is frozen,
convened and closed once: a second call answers 400 with a translated reason.
"""

from communesplone.deliberations.lifecycle import refuse_if_done
from plone.restapi.services.workflow.transition import WorkflowTransition


class DeliberationTransition(WorkflowTransition):
    def is_same_state(self, obj):
        refuse_if_done(obj, self.transition)
        return False
