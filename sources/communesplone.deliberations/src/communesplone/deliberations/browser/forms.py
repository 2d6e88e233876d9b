"""Browser forms of the staff: attendance of a meeting, vote of an item, answer to an advice.

They work without JavaScript (plain POST, CSRF token), show every error next
to its field (``aria-describedby``) with what was typed kept, and apply the
same rules as the REST services by calling the same functions
(:func:`communesplone.deliberations.votes.record_vote`,
:func:`communesplone.deliberations.advice.give_advice`,
:func:`communesplone.deliberations.attendance.save_attendance`).
"""

from communesplone.deliberations import _
from communesplone.deliberations.advice import AdviceError
from communesplone.deliberations.advice import give_advice
from communesplone.deliberations.attendance import AttendanceError
from communesplone.deliberations.attendance import save_attendance
from communesplone.deliberations.attendance import STATUSES
from communesplone.deliberations.corrections import CORRECTABLE
from communesplone.deliberations.corrections import CorrectionError
from communesplone.deliberations.corrections import DECIDED
from communesplone.deliberations.corrections import RICH
from communesplone.deliberations.corrections import html_to_paragraphs
from communesplone.deliberations.corrections import paragraphs_to_html
from communesplone.deliberations.corrections import correct
from communesplone.deliberations.lifecycle import meeting_of
from communesplone.deliberations.roles import user_services
from communesplone.deliberations.vocabularies import ADVICE_ANSWERS
from communesplone.deliberations.vocabularies import VOTE_CHOICES
from communesplone.deliberations.votes import MODES
from communesplone.deliberations.votes import OUTCOMES
from communesplone.deliberations.votes import quorum
from communesplone.deliberations.votes import record_vote
from communesplone.deliberations.votes import VoteError
from communesplone.deliberations.lifecycle import meeting_of as _meeting_of
from plone.base.utils import safe_text
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.Five import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import Unauthorized
from zope.i18n import translate


LABELS = {
    "present": _("delib_attendance_present", default="Present"),
    "excused": _("delib_attendance_excused", default="Excused"),
    "absent": _("delib_attendance_absent", default="Absent"),
    "nominal": _("delib_vote_mode_nominal", default="Nominal vote (each member present)"),
    "summary": _("delib_vote_mode_summary", default="Summary of the counts (e.g. unanimity)"),
    "secret": _("delib_vote_mode_secret", default="Secret ballot (counts only)"),
    "yes": _("delib_vote_yes", default="Yes"),
    "no": _("delib_vote_no", default="No"),
    "abstain": _("delib_vote_abstain", default="Abstain"),
    "accepted": _("delib_outcome_accepted", default="Accepted"),
    "refused": _("delib_outcome_refused", default="Refused"),
    "favourable": _("delib_advice_favourable", default="Favourable"),
    "unfavourable": _("delib_advice_unfavourable", default="Unfavourable"),
    "remarks": _("delib_advice_remarks", default="With remarks"),
    "delib_advice_link": _("delib_advice_link", default="Give the advice"),
    "delib_vote_link": _("delib_vote_link", default="Record the vote"),
    "delib_correct_link": _("delib_correct_link", default="Correct…"),
    "title": _("delib_correct_field_title", default="Title"),
    "legal_basis": _("delib_correct_field_legal_basis", default="Legal basis"),
    "motivation": _("delib_correct_field_motivation", default="Motivation"),
    "decision": _("delib_correct_field_decision", default="Decision"),
}


class _Form(BrowserView):
    """Common parts: errors keyed by field id, translated once; the saved message."""

    errors = None

    def __call__(self):
        self.errors = {}
        if self.request.method == "POST" and self.request.form.get("form.submitted"):
            CheckAuthenticator(self.request)
            if self.handle():
                IStatusMessage(self.request).add(
                    translate(_("delib_form_saved", default="Saved."), context=self.request),
                    type="info")
                self.request.response.redirect(self.context.absolute_url())
                return ""
            self.request.response.setStatus(400)
        return self.index()

    def add_error(self, field, message):
        self.errors[field] = translate(message, context=self.request)

    def error(self, field):
        return (self.errors or {}).get(field)

    def error_list(self):
        """``[{"field", "message"}]`` for the summary at the top of the form."""
        return [{"field": field, "message": message}
                for field, message in (self.errors or {}).items()]

    def value(self, name, default=""):
        return safe_text(self.request.form.get(name, default) or "")

    def options(self, values):
        """``[{"value", "label"}]`` with the translated label of each value."""
        return [{"value": value, "label": translate(LABELS[value], context=self.request)}
                for value in values]


class AttendanceForm(_Form):
    """The status of each member of the assembly at this meeting (secretariat only)."""

    def members(self):
        assembly = self.context.get_assembly()
        current = self.context.attendance_map()
        submitted = self.request.method == "POST"
        rows = []
        for member in assembly.members or []:
            entry = current.get(member["id"], {})
            key = member["id"]
            row = {"id": key, "name": member.get("name") or key,
                   "status_field": f"status-{key}",
                   "status": (self.value(f"status-{key}") if submitted
                              else entry.get("status", "")),
                   "status_error": self.error(f"status-{key}")}
            for name, attribute in (("joined", "joined_at_item"), ("left", "left_at_item")):
                stored = entry.get(attribute)
                row[f"{name}_field"] = f"{name}-{key}"
                row[name] = (self.value(f"{name}-{key}") if submitted
                             else ("" if stored is None else str(stored)))
                row[f"{name}_error"] = self.error(f"{name}-{key}")
            rows.append(row)
        return rows

    def statuses(self):
        return self.options(STATUSES)

    def handle(self):
        rows = {}
        for member in self.context.get_assembly().members or []:
            key = member["id"]
            rows[key] = {"status": self.value(f"status-{key}"),
                         "joined_at_item": self.value(f"joined-{key}").strip(),
                         "left_at_item": self.value(f"left-{key}").strip()}
        try:
            save_attendance(self.context, rows)
        except AttendanceError as error:
            for field, message in error.errors:
                self.add_error(field, message)
            return False
        return True


class VoteForm(_Form):
    """The vote of an item: nominal per present member, counts, or secret counts."""

    def meeting(self):
        return meeting_of(self.context)

    def secret_forced(self):
        return self.context.get_assembly().is_secret_category(self.context.category)

    def modes(self):
        return ("secret",) if self.secret_forced() else MODES

    def mode_options(self):
        return self.options(self.modes())

    def present(self):
        """Names of the members present for this item (the quorum's count)."""
        meeting = self.meeting()
        if meeting is None:
            return []
        names = self.context.get_assembly().member_map()
        _reached, present, _in_office = quorum(meeting, self.context.item_number)
        return [{"id": m, "name": names.get(m, {}).get("name", m), "field": f"vote-{m}",
                 "value": self.value(f"vote-{m}") or self.recorded(m)} for m in present]

    def recorded(self, member):
        if self.request.method == "POST":
            return ""
        return ((getattr(self.context, "vote", None) or {}).get("votes") or {}).get(member, "")

    def current_mode(self):
        vote = getattr(self.context, "vote", None) or {}
        return self.value("mode") or vote.get("mode") or self.modes()[0]

    def count(self, choice):
        if self.request.method == "POST":
            return self.value(f"count-{choice}")
        vote = getattr(self.context, "vote", None) or {}
        return str(vote.get(choice, "")) if vote.get("mode") in ("summary", "secret") else ""

    def choices(self):
        return self.options(VOTE_CHOICES)

    def outcomes(self):
        return self.options(OUTCOMES)

    def handle(self):
        mode = self.value("mode")
        votes = counts = None
        if mode == "nominal":
            votes = {m["id"]: m["value"] for m in self.present() if m["value"]}
        else:
            counts = {c: self.value(f"count-{c}").strip() or 0 for c in VOTE_CHOICES}
        meeting = self.meeting()
        if meeting is None:
            self.add_error("vote", _("error_vote_item_state",
                                     default="This item is not on the agenda of the session."))
            return False
        try:
            record_vote(self.context, meeting, mode, votes=votes, counts=counts,
                        outcome=self.value("outcome") or None, reason=self.value("reason"))
        except VoteError as error:
            self.add_error(error.field, error.message)
            return False
        return True


class AdviceForm(_Form):
    """A service answers the advice asked of it (only a member of that service)."""

    def open_requests(self):
        """The unanswered requests of the current user's services."""
        mine = user_services()
        return [a for a in getattr(self.context, "advices", None) or []
                if a["service"] in mine and not a["answer"]]

    def __call__(self):
        if not self.open_requests() and self.request.method != "POST":
            raise Unauthorized("advice")
        return super().__call__()

    def answers(self):
        return self.options(ADVICE_ANSWERS)

    def handle(self):
        requests = self.open_requests()
        service = self.value("service") or (requests[0]["service"] if requests else "")
        try:
            give_advice(self.context, service, self.value("answer"), self.value("comment"))
        except AdviceError as error:
            self.add_error(error.field, error.message)
            return False
        return True


class CorrectionForm(_Form):
    """The secretariat corrects a decided item's text, always with a reason
    (:func:`~communesplone.deliberations.corrections.correct`, as ``POST @correction``):
    a missing reason or text is a message beside its field, never an error page."""

    def __call__(self):
        from plone import api

        if api.content.get_state(self.context) not in DECIDED:
            IStatusMessage(self.request).add(translate(_(
                "error_correction_not_decided",
                default="Only a decided item is corrected; edit this one."),
                context=self.request), type="warning")
            self.request.response.redirect(self.context.absolute_url())
            return ""
        return super().__call__()

    def fields(self):
        chosen = self.chosen()
        return [dict(option, selected=option["value"] == chosen)
                for option in self.options(CORRECTABLE)]

    def chosen(self):
        field = self.value("field") or "decision"
        return field if field in CORRECTABLE else "decision"

    def current_text(self):
        """What the form shows to correct: what was typed, else the stored text."""
        if "value" in self.request.form:
            return self.value("value")
        stored = getattr(self.context, self.chosen(), None)
        text = safe_text(getattr(stored, "raw", stored) or "")
        return html_to_paragraphs(text) if self.chosen() in RICH else text

    def history(self):
        return list(getattr(self.context, "corrections", ()) or ())[::-1]

    def handle(self):
        field, value = self.value("field"), self.value("value")
        if field in RICH:
            value = paragraphs_to_html(value)
        try:
            correct(self.context, field, value, self.value("reason"))
        except CorrectionError as error:
            self.add_error(error.field, error.message)
            return False
        return True


class ItemFormsViewlet(ViewletBase):
    """Links from an item to the forms its reader may use (vote, advice, correction)."""

    index = ViewPageTemplateFile("templates/item_forms_viewlet.pt")

    def links(self):
        from plone import api

        links = []
        url = self.context.absolute_url()
        if any(a["service"] in user_services() and not a["answer"]
               for a in getattr(self.context, "advices", None) or []):
            links.append({"id": "delib-advice-link", "url": f"{url}/@@give-advice",
                          "label": translate(LABELS["delib_advice_link"],
                                             context=self.request)})
        meeting = _meeting_of(self.context)
        if (meeting is not None and api.content.get_state(self.context) == "frozen"
                and api.content.get_state(meeting) == "in_session"
                and api.user.has_permission("communesplone.deliberations: Manage meetings",
                                            obj=self.context)):
            links.append({"id": "delib-vote-link", "url": f"{url}/@@record-vote",
                          "label": translate(LABELS["delib_vote_link"], context=self.request)})
        if (api.content.get_state(self.context) in DECIDED
                and getattr(self.view, "__name__", "") != "correct-item"
                and api.user.has_permission("communesplone.deliberations: Manage meetings",
                                            obj=self.context)):
            links.append({"id": "delib-correct-link", "url": f"{url}/@@correct-item",
                          "label": translate(LABELS["delib_correct_link"],
                                             context=self.request)})
        return links
