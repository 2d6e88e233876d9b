"""Documents of a meeting, rendered server-side from HTML templates to PDF (WeasyPrint).

Each document has a shipped template beside this module (``convocation.pt``,
``agenda.pt``, ``extract.pt``, ``minutes.pt``). A commune changes one through
the web by putting its own text in the registry record
``communesplone.deliberations.template_<name>`` (empty: the shipped one).
Templates run on Zope's *restricted* page-template engine and receive only
plain data (strings, lists, dicts) built here, never content objects: an
edited template can lay out the data, not reach into the site.
"""

from communesplone.deliberations import agenda
from communesplone.deliberations.votes import dissenters
from pathlib import Path
from plone import api
from Products.PageTemplates.Expressions import getEngine
from Products.PageTemplates.PageTemplate import PageTemplate

HERE = Path(__file__).parent
NAMES = ("convocation", "agenda", "extract", "minutes")
OUTCOME_LABELS = {"accepted": "Approuvé", "refused": "Refusé"}
STATE_LABELS = {"postponed": "Reporté", "withdrawn": "Retiré",
                "accepted_but_modified": "Approuvé avec modifications"}
KIND_LABELS = {"ordinary": "ordinaire", "extraordinary": "extraordinaire"}


class DocumentTemplate(PageTemplate):
    """A page template on the restricted engine (python: expressions run restricted)."""

    def pt_getEngine(self):
        return getEngine()


def template_text(name):
    """The commune's template for ``name`` if it set one, else the shipped one."""
    custom = api.portal.get_registry_record(
        f"communesplone.deliberations.template_{name}", default="") or ""
    return custom if custom.strip() else (HERE / f"{name}.pt").read_text()


def render_html(name, data):
    """The HTML of document ``name`` for ``data`` (see :func:`meeting_data`)."""
    template = DocumentTemplate()
    template.pt_edit(template_text(name), "text/html")
    html = template.pt_render(extra_context=data)
    css = (HERE / "base.css").read_text()
    return html.replace("</head>", f"<style>{css}</style></head>", 1)


def to_pdf(html):
    """PDF bytes of ``html`` (WeasyPrint, no network access for resources)."""
    from weasyprint import HTML

    def no_fetch(url, *args, **kwargs):
        raise ValueError(f"external resource refused: {url}")

    return HTML(string=html, url_fetcher=no_fetch).write_pdf()


def render_pdf(name, data):
    return to_pdf(render_html(name, data))


def _text(richtext):
    return richtext.output if richtext is not None and richtext.raw else ""


def _names(ids, members):
    return ", ".join(members.get(member_id, {}).get("name", member_id) for member_id in ids)


def _vote_text(item):
    vote = getattr(item, "vote", None)
    if not vote:
        return ""
    text = f"Oui : {vote['yes']}, non : {vote['no']}, abstentions : {vote['abstain']}"
    if vote["mode"] == "secret":
        text = "Scrutin secret. " + text
    if vote.get("override_reason"):
        text += f". Issue fixée : {vote['override_reason']}"
    return text


def item_data(item, members):
    """Plain data of one item for the templates."""
    state = api.content.get_state(item)
    dissent = dissenters(item)
    dissent_text = "; ".join(
        f"{label} : {', '.join(names)}" for label, names in
        (("Ont voté contre", dissent["no"]), ("Se sont abstenus", dissent["abstain"])) if names)
    category = item.get_assembly().category_map().get(item.category, {})
    return {
        "number": item.item_number or "",
        "title": item.Title(),
        "category": category.get("title", ""),
        "closed_session": bool(item.closed_session),
        "legal_basis": item.legal_basis or "",
        "motivation": _text(item.motivation),
        "decision": _text(item.decision),
        "vote": _vote_text(item),
        "dissent": dissent_text,
        "outcome": STATE_LABELS.get(state) or OUTCOME_LABELS.get(item.outcome or "", ""),
        "rapporteur": members.get(item.rapporteur or "", {}).get("name", ""),
    }


def meeting_header(meeting):
    assembly = meeting.get_assembly()
    members = assembly.member_map()
    attendance = {"present": [], "excused": [], "absent": []}
    for entry in meeting.attendance or []:
        attendance.setdefault(entry["status"], []).append(entry["member"])
    return members, {
        "commune": api.portal.get_registry_record("communesplone.core.commune_name",
                                                  default="") or api.portal.get().Title(),
        "meeting": {
            "title": meeting.Title(),
            "assembly": assembly.Title(),
            "date": meeting.date.strftime("%d/%m/%Y %H:%M") if meeting.date else "",
            "place": meeting.place or "",
            "kind": KIND_LABELS.get(meeting.kind, meeting.kind or ""),
            "urgent": bool(meeting.urgent),
            "urgency_justification": meeting.urgency_justification or "",
            "president": members.get(meeting.presiding or assembly.president or "", {}).get(
                "name", ""),
            "secretary": members.get(meeting.signing or assembly.secretary or "", {}).get(
                "name", ""),
        },
        "attendance": {key: _names(ids, members) for key, ids in attendance.items()},
    }


def meeting_data(meeting, include_closed, unrestricted=False):
    """Plain data of a meeting and its agenda, in agenda order.

    ``unrestricted=False`` (views): only the items the current user may see.
    ``include_closed=False``: closed-session items left out whatever the user's rights
    (the documents for citizens and the publication register).
    """
    members, data = meeting_header(meeting)
    parts = {"public": [], "closed": [], "late": []}
    for brain in agenda.ordered_brains(meeting, unrestricted=unrestricted):
        if brain.delib_closed_session and not include_closed:
            continue
        item = brain._unrestrictedGetObject() if unrestricted else brain.getObject()
        key = "late" if brain.delib_late else ("closed" if brain.delib_closed_session
                                                else "public")
        parts[key].append(item_data(item, members))
    titles = {"public": "Séance publique", "closed": "Huis clos",
              "late": "Points supplémentaires"}
    data["sections"] = [{"title": titles[key], "entries": items}
                        for key, items in parts.items() if items]
    return data


def extract_data(item, meeting):
    members, data = meeting_header(meeting)
    data["item"] = item_data(item, members)
    return data
