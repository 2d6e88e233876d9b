"""The deliberations in words: what a citizen reads on the council's pages.

The stored values are made for the rules and the API (``accepted``, a vote's
counts, ``echevin``, a datetime, a register entry in bytes); a person reads
"Adopté par 15 voix contre 3 et 2 abstentions", "Échevin", "mardi 15 décembre
2026 à 20 h", "Ordre du jour (PDF, néerlandais, 120 Ko)". Each function here
returns translatable messages (domain ``communesplone``) or text already in
the reader's ``language``; the views only lay them out.
"""

from communesplone.deliberations.states import DECIDED_STATES
from communesplone.core.dates import time_text
from communesplone.deliberations import _
from communesplone.deliberations import documents
from communesplone.deliberations import register
from datetime import date
from plone import api

#: The order of the roles in the list of members (the council's protocol).
ROLE_ORDER = ("bourgmestre", "president", "echevin", "president_cpas", "conseiller", "membre",
              "directeur_general", "directeur_financier")
ROLE_LABELS = {
    "bourgmestre": _("delib_public_role_bourgmestre", default="Mayor"),
    "echevin": _("delib_public_role_echevin", default="Alderman"),
    "conseiller": _("delib_public_role_conseiller", default="Councillor"),
    "president": _("delib_public_role_president", default="Chair of the council"),
    "directeur_general": _("delib_public_role_directeur_general", default="Director-general"),
    "directeur_financier": _("delib_public_role_directeur_financier",
                             default="Finance director"),
    "president_cpas": _("delib_public_role_president_cpas",
                        default="Chair of the social action centre"),
    "membre": _("delib_public_role_membre", default="Member"),
}
DOCUMENT_LABELS = {
    "agenda": _("delib_public_doc_agenda", default="Agenda"),
    "convocation": _("delib_public_doc_convocation", default="Convocation"),
    "minutes": _("delib_public_doc_minutes", default="Minutes"),
    "extract": _("delib_public_doc_extract", default="Extract of the decision"),
    "decision": _("delib_public_doc_extract", default="Extract of the decision"),
}
LANGUAGE_LABELS = {
    "fr": _("delib_public_language_fr", default="French"),
    "nl": _("delib_public_language_nl", default="Dutch"),
    "en": _("delib_public_language_en", default="English"),
    "de": _("delib_public_language_de", default="German"),
}
SECTION_LABELS = {
    "public": _("delib_public_section_public", default="Public session"),
    "closed": _("delib_public_section_closed", default="Closed session"),
    "late": _("delib_public_section_late", default="Items added to the agenda"),
}
STATE_OUTCOMES = {
    "postponed": _("delib_public_outcome_postponed", default="Postponed"),
    "withdrawn": _("delib_public_outcome_withdrawn", default="Withdrawn"),
}


def reader_language():
    """The two-letter language of the page (``fr`` when it has no shipped documents)."""
    language = documents._code(api.portal.get_current_language())
    return language if language in documents.LANGUAGES else documents.LANGUAGES[0]


def clock(value, language):
    """``20 h`` / ``20 h 30`` in French, ``20 uur`` / ``20.30 uur`` in Dutch (core's dates)."""
    return time_text(value, language)


def _datetime(value):
    """A python datetime from a datetime or a Zope ``DateTime`` (catalog values)."""
    return value.asdatetime() if hasattr(value, "asdatetime") else value


def when(value, language):
    """``mardi 15 décembre 2026 à 20 h`` (a message; empty text without a date)."""
    if value is None:
        return ""
    value = _datetime(value)
    return _("delib_public_when", default="${date} at ${time}",
             mapping={"date": documents.long_date(value, language),
                      "time": clock(value, language)})


def _decided_state(item):
    return api.content.get_state(item)


def outcome(item, state=None):
    """The result of the item in words, or None while it is not decided.

    "Adopted unanimously", "Adopted by 15 votes to 3 and 2 abstentions",
    "Rejected by 9 votes to 6", "Postponed", "Withdrawn": what the minutes say.
    """
    state = state or _decided_state(item)
    if state in STATE_OUTCOMES:
        return STATE_OUTCOMES[state]
    if state not in DECIDED_STATES:
        return None
    vote = getattr(item, "vote", None) or {}
    result = vote.get("outcome") or item.outcome or (
        "refused" if state == "refused" else "accepted")
    accepted = result == "accepted"
    yes, no, abstain = (int(vote.get(key) or 0) for key in ("yes", "no", "abstain"))
    if not vote or not (yes or no):
        text = (_("delib_public_outcome_accepted", default="Adopted") if accepted
                else _("delib_public_outcome_refused", default="Rejected"))
    elif accepted and not no and not abstain:
        text = _("delib_public_outcome_unanimous", default="Adopted unanimously")
    elif not accepted and not yes and not abstain:
        text = _("delib_public_outcome_refused_unanimous", default="Rejected unanimously")
    elif accepted:
        text = _("delib_public_outcome_accepted_counts", default="Adopted by ${yes} votes to ${no}",
                 mapping={"yes": yes, "no": no})
    else:
        text = _("delib_public_outcome_refused_counts",
                 default="Rejected by ${no} votes to ${yes}", mapping={"yes": yes, "no": no})
    if vote and (yes or no) and abstain:
        text = (_("delib_public_outcome_one_abstention", default="${text} and one abstention",
                  mapping={"text": text}) if abstain == 1 else
                _("delib_public_outcome_abstentions", default="${text} and ${abstain} abstentions",
                  mapping={"text": text, "abstain": abstain}))
    if vote.get("mode") == "secret" and (yes or no):
        text = _("delib_public_outcome_secret", default="${text} (secret ballot)",
                 mapping={"text": text})
    if state == "accepted_but_modified":
        text = _("delib_public_outcome_amended", default="${text}, with amendments",
                 mapping={"text": text})
    return text


def short_outcome(brain):
    """"Adopté", "Rejeté", "Reporté"… from a catalog brain (no object loaded: listings)."""
    state = brain.review_state
    if state in STATE_OUTCOMES:
        return STATE_OUTCOMES[state]
    if state not in DECIDED_STATES:
        return None
    if (brain.delib_outcome or ("refused" if state == "refused" else "accepted")) == "refused":
        return _("delib_public_outcome_refused", default="Rejected")
    return _("delib_public_outcome_accepted", default="Adopted")


def day(value, language):
    """``mardi 15 décembre 2026`` from a ``DateTime`` (catalog) or a datetime; "" for None."""
    if value is None:
        return ""
    return documents.long_date(_datetime(value), language)


def _in_office(member, day):
    start, end = member.get("mandate_start"), member.get("mandate_end")
    return not ((start and date.fromisoformat(start) > day)
                or (end and date.fromisoformat(end) < day))


def members(assembly, day=None):
    """The members in office on ``day`` (today) in protocol order: name, role, group.

    Only what a council publishes: never the login, the e-mail or the member id.
    """
    day = day or date.today()
    rows = [m for m in assembly.members or [] if _in_office(m, day)]

    def order(member):
        function = member.get("function") or "membre"
        rank = ROLE_ORDER.index(function) if function in ROLE_ORDER else len(ROLE_ORDER)
        return (rank, member.get("name") or "")

    return [{"name": m.get("name") or "", "party": m.get("party") or "",
             "role": ROLE_LABELS.get(m.get("function") or "membre", ROLE_LABELS["membre"])}
            for m in sorted(rows, key=order)]


def file_size(size, language):
    """``120 Ko`` / ``1,2 Mo`` in French, ``120 kB`` / ``1.2 MB`` otherwise."""
    if size is None:
        return ""
    if size < 1024 * 1024:
        number = str(max(1, round(size / 1024)))
        return _("delib_public_size_kb", default="${size} kB", mapping={"size": number})
    number = f"{size / (1024 * 1024):.1f}"
    if language in ("fr", "nl", "de"):
        number = number.replace(".", ",")
    return _("delib_public_size_mb", default="${size} MB", mapping={"size": number})


def document_label(kind, language, size, reader_language, file_type="PDF"):
    """``Ordre du jour (PDF, néerlandais, 120 Ko)``: what, its language, its size."""
    what = DOCUMENT_LABELS.get(kind, kind)
    if size is None:
        return _("delib_public_document", default="${document} (${type}, ${language})",
                 mapping={"document": what, "type": file_type,
                          "language": LANGUAGE_LABELS.get(language, language)})
    return _("delib_public_document_size",
             default="${document} (${type}, ${language}, ${size})",
             mapping={"document": what, "type": file_type,
                      "language": LANGUAGE_LABELS.get(language, language),
                      "size": file_size(size, reader_language)})


def registered(obj):
    """``{(kind, language): entry}``: the newest public register entry of ``obj`` per
    kind and language (the published copy, with its size)."""
    found = {}
    for entry in register.entries_of(obj.UID()):  # newest first
        found.setdefault((entry["kind"], register.entry_language(entry)), entry)
    return found
