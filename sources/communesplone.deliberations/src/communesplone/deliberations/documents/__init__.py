"""Documents of a meeting, rendered server-side from HTML templates to PDF (WeasyPrint).

Each document exists in every language the product ships (:data:`LANGUAGES`):
one template per language beside this module (``minutes.fr.pt``,
``minutes.nl.pt``, ``minutes.en.pt``, ``minutes.de.pt``; same for ``convocation``, ``agenda``,
``extract``). The labels computed here (sections, votes, outcomes, the kind of
meeting, long dates) are translated through the ``communesplone`` domain into
the document's language, whatever the language of the person who asks.

A commune changes a document through the web by putting its own text in the
registry record ``communesplone.deliberations.template_<name>`` (empty: the
shipped ones). That one text serves *every* language: the template receives
``language`` (``fr``, ``nl``, ``en``, ``de``) and the translated labels, so a
bilingual commune writes ``tal:condition="python: language == 'nl'"`` around
its fixed text. Templates run on Zope's *restricted* page-template engine and
receive only plain data (strings, lists, dicts) built here, never content
objects: an edited template can lay out the data, not reach into the site.
"""

from communesplone.core.dates import day_text
from communesplone.core.identity import commune_name
from communesplone.deliberations import _
from communesplone.deliberations import agenda
from communesplone.deliberations.votes import dissenters
from communesplone.deliberations.votes import present_for
from pathlib import Path
from plone import api
from Products.PageTemplates.Expressions import getEngine
from Products.PageTemplates.PageTemplate import PageTemplate
from zope.i18n import translate

HERE = Path(__file__).parent
NAMES = ("convocation", "agenda", "extract", "minutes")
#: The languages of the shipped templates, French first (the platform's default).
LANGUAGES = ("fr", "nl", "en", "de")
OUTCOME_LABELS = {
    "accepted": _("delib_doc_outcome_accepted", default="Approved"),
    "refused": _("delib_doc_outcome_refused", default="Rejected"),
}
STATE_LABELS = {
    "postponed": _("delib_doc_state_postponed", default="Postponed"),
    "withdrawn": _("delib_doc_state_withdrawn", default="Withdrawn"),
    "accepted_but_modified": _("delib_doc_state_accepted_but_modified",
                               default="Approved with amendments"),
}
KIND_LABELS = {
    "ordinary": _("delib_doc_kind_ordinary", default="ordinary"),
    "extraordinary": _("delib_doc_kind_extraordinary", default="extraordinary"),
}
SECTION_LABELS = {
    "public": _("delib_doc_section_public", default="Public session"),
    "closed": _("delib_doc_section_closed", default="Closed session"),
    "late": _("delib_doc_section_late", default="Additional items"),
}


class DocumentTemplate(PageTemplate):
    """A page template on the restricted engine (python: expressions run restricted)."""

    def pt_getEngine(self):
        return getEngine()


def _code(language):
    """``fr`` for ``fr``, ``fr-be`` or ``fr_BE``; "" for nothing."""
    return (language or "").replace("_", "-").split("-")[0].lower()


def served_languages():
    """The languages documents are produced in, in the commune's order.

    The commune's languages (core control panel, ``communesplone.core.languages``)
    that have shipped templates; when none has, the site's default language
    (French when that one has no templates either).
    """
    record = api.portal.get_registry_record("communesplone.core.languages", default=None)
    served = []
    for language in map(_code, record or ()):
        if language in LANGUAGES and language not in served:
            served.append(language)
    if served:
        return served
    default = _code(api.portal.get_default_language())
    return [default if default in LANGUAGES else LANGUAGES[0]]


def default_language():
    """The language of a document asked without one: the site's, if it is served."""
    served = served_languages()
    default = _code(api.portal.get_default_language())
    return default if default in served else served[0]


def publication_languages():
    """The languages of the documents made without a reader (mail, register).

    Every served language, the default one first: a bilingual (Brussels) commune
    mails and publishes each document in both languages.
    """
    default = default_language()
    return [default] + [language for language in served_languages() if language != default]


def template_text(name, language=None):
    """The commune's template for ``name`` if it set one, else the shipped one in ``language``."""
    custom = api.portal.get_registry_record(
        f"communesplone.deliberations.template_{name}", default="") or ""
    if custom.strip():
        return custom
    language = language if language in LANGUAGES else default_language()
    return (HERE / f"{name}.{language}.pt").read_text(encoding="utf-8")


def render_html(name, data):
    """The HTML of document ``name`` for ``data`` (see :func:`meeting_data`)."""
    template = DocumentTemplate()
    template.pt_edit(template_text(name, data.get("language")), "text/html")
    html = template.pt_render(extra_context=data)
    css = (HERE / "base.css").read_text()
    return html.replace("</head>", f"<style>{css}</style></head>", 1)


#: PDF/A-3 level A: tagged (a structure tree of headings, tables, lists a screen reader
#: follows, ``MarkInfo/Marked``, the document's ``/Lang`` and title) and archivable (fonts
#: embedded, an sRGB output intent, XMP ``pdfaid`` metadata): the format the publication
#: register keeps. WeasyPrint writes all of it from the HTML (``lang``, ``<title>``).
PDF_VARIANT = "pdf/a-3a"


def to_pdf(html):
    """Tagged PDF/A-3a bytes of ``html`` (WeasyPrint, no network access for resources)."""
    from weasyprint import HTML

    def no_fetch(url, *args, **kwargs):
        raise ValueError(f"external resource refused: {url}")

    return HTML(string=html, url_fetcher=no_fetch).write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf(name, data):
    return to_pdf(render_html(name, data))


def _t(message, language):
    return translate(message, target_language=language)


def _text(richtext):
    return richtext.output if richtext is not None and richtext.raw else ""


def _names(ids, members):
    return ", ".join(members.get(member_id, {}).get("name", member_id) for member_id in ids)


def long_date(value, language):
    """``mardi 12 décembre 2026`` / ``dinsdag 12 december 2026`` / ``Tuesday 12 December 2026``
    / ``Dienstag, 12. Dezember 2026``: core's dates, always with the year (a document
    is read years later)."""
    return day_text(value, language, year=True)


def _vote_text(item, language):
    vote = getattr(item, "vote", None)
    if not vote:
        return ""
    text = _t(_("delib_doc_vote", default="Yes: ${yes}, no: ${no}, abstentions: ${abstain}",
                mapping={key: vote[key] for key in ("yes", "no", "abstain")}), language)
    if vote["mode"] == "secret":
        text = _t(_("delib_doc_vote_secret", default="Secret ballot."), language) + " " + text
    if vote.get("override_reason"):
        text += ". " + _t(_("delib_doc_vote_override", default="Outcome set: ${reason}",
                            mapping={"reason": vote["override_reason"]}), language)
    return text


def _dissent_text(item, language):
    """``Voted against: A, B; Abstained: C`` in ``language`` (empty when unanimous)."""
    dissent = dissenters(item)
    texts = []
    if dissent["no"]:
        texts.append(_("delib_doc_voted_against", default="Voted against: ${names}",
                       mapping={"names": ", ".join(dissent["no"])}))
    if dissent["abstain"]:
        texts.append(_("delib_doc_abstained", default="Abstained: ${names}",
                       mapping={"names": ", ".join(dissent["abstain"])}))
    return "; ".join(_t(text, language) for text in texts)


def _legal_basis_lines(text):
    """The legal basis as entered, one visa ("Vu …") a line, blank lines left out."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _attendance_for(item, meeting, members):
    """``(names present for the item, True when they differ from the meeting's present)``."""
    if meeting is None or not item.item_number:
        return "", False
    everyone = [e["member"] for e in meeting.attendance or [] if e.get("status") == "present"]
    present = present_for(meeting, item.item_number)
    return _names(present, members), present != everyone


def item_data(item, members, language, meeting=None):
    """Plain data of one item for the templates, its labels in ``language``.

    With ``meeting``: who was present for the item (members who arrived late or
    left during the meeting change it), as the minutes and extracts must say.
    """
    present, changed = _attendance_for(item, meeting, members)
    state = api.content.get_state(item)
    category = item.get_assembly().category_map().get(item.category, {})
    outcome = STATE_LABELS.get(state) or OUTCOME_LABELS.get(item.outcome or "")
    return {
        "number": item.item_number or "",
        "title": item.Title(),
        "category": category.get("title", ""),
        "closed_session": bool(item.closed_session),
        "legal_basis": item.legal_basis or "",
        "legal_basis_lines": _legal_basis_lines(item.legal_basis),
        "present": present,
        "attendance_changed": changed,
        "motivation": _text(item.motivation),
        "decision": _text(item.decision),
        "vote": _vote_text(item, language),
        "dissent": _dissent_text(item, language),
        "outcome": _t(outcome, language) if outcome else "",
        "rapporteur": members.get(item.rapporteur or "", {}).get("name", ""),
    }


def meeting_header(meeting, language):
    assembly = meeting.get_assembly()
    members = assembly.member_map()
    attendance = {"present": [], "excused": [], "absent": []}
    for entry in meeting.attendance or []:
        attendance.setdefault(entry["status"], []).append(entry["member"])
    date = meeting.date
    kind = KIND_LABELS.get(meeting.kind)
    return members, {
        "language": language,
        "commune": commune_name(language) or api.portal.get().Title(),
        "meeting": {
            "title": meeting.Title(),
            "assembly": assembly.Title(),
            "date": date.strftime("%d/%m/%Y %H:%M") if date else "",
            "day": date.strftime("%d/%m/%Y") if date else "",
            "time": date.strftime("%H:%M") if date else "",
            "date_long": long_date(date, language) if date else "",
            "place": meeting.place or "",
            "kind": _t(kind, language) if kind else (meeting.kind or ""),
            "urgent": bool(meeting.urgent),
            "urgency_justification": meeting.urgency_justification or "",
            "president": members.get(meeting.presiding or assembly.president or "", {}).get(
                "name", ""),
            "secretary": members.get(meeting.signing or assembly.secretary or "", {}).get(
                "name", ""),
        },
        "attendance": {key: _names(ids, members) for key, ids in attendance.items()},
    }


def meeting_data(meeting, include_closed, unrestricted=False, language=None):
    """Plain data of a meeting and its agenda, in agenda order, labels in ``language``.

    ``unrestricted=False`` (views): only the items the current user may see.
    ``include_closed=False``: closed-session items left out whatever the user's rights
    (the documents for citizens and the publication register).
    ``language=None``: the site's default document language (:func:`default_language`).
    """
    language = language or default_language()
    members, data = meeting_header(meeting, language)
    parts = {"public": [], "closed": [], "late": []}
    for brain in agenda.ordered_brains(meeting, unrestricted=unrestricted):
        if brain.delib_closed_session and not include_closed:
            continue
        item = brain._unrestrictedGetObject() if unrestricted else brain.getObject()
        key = "late" if brain.delib_late else ("closed" if brain.delib_closed_session
                                                else "public")
        parts[key].append(item_data(item, members, language, meeting))
    data["sections"] = [{"title": _t(SECTION_LABELS[key], language), "entries": items}
                        for key, items in parts.items() if items]
    return data


def extract_data(item, meeting, language=None):
    language = language or default_language()
    members, data = meeting_header(meeting, language)
    data["item"] = item_data(item, members, language, meeting)
    data["item"]["present"] = data["item"]["present"] or data["attendance"]["present"]
    return data
