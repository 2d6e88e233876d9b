"""The item page: which meeting, the outcome in words, the decision as it is published.

A citizen reads what the minutes say: the legal basis ("Vu …"), the
motivation, the decision, the result of the vote, the published extract and
the public annexes. Whatever the staff configure or prepare (service, advices,
financial impact) is shown only to those who may change the item.
"""

from communesplone.core.languages import translated_title
from communesplone.deliberations import documents
from communesplone.deliberations.language import category_title
from communesplone.deliberations import readable
from communesplone.deliberations.lifecycle import meeting_of
from plone import api
from Products.Five import BrowserView


class ItemView(BrowserView):
    def language(self):
        return readable.reader_language()

    def meeting(self):
        """The meeting's title, date in words and link (only if the viewer may open it)."""
        meeting = meeting_of(self.context)
        if meeting is None:
            return None
        # a meeting without a title of its own is "<assembly> <date>": the date is said once
        title = meeting.title or translated_title(meeting.get_assembly(), self.language())
        return {"title": title, "when": readable.when(meeting.date, self.language()),
                "url": (meeting.absolute_url()
                        if api.user.has_permission("View", obj=meeting) else None)}

    def number(self):
        return self.context.item_number

    def category(self):
        assembly = self.context.get_assembly()
        categories = assembly.category_map()
        category = categories.get(self.context.category) or {}
        parent = categories.get(category.get("parent")) or {}
        titles = [category_title(parent, self.language()) if parent else "",
                  category_title(category, self.language()) if category else ""]
        return " / ".join(title for title in titles if title)

    def outcome(self):
        return readable.outcome(self.context)

    def legal_basis(self):
        """The "Vu …" lines, one paragraph each."""
        return [line.strip() for line in (self.context.legal_basis or "").splitlines()
                if line.strip()]

    def richtext(self, name):
        value = getattr(self.context, name, None)
        return value.output if value is not None and value.raw else ""

    def documents(self):
        """The published extract (register) per language, else, for the staff, the one
        made now; then the annexes the viewer may open, with their size."""
        links = []
        registered = readable.registered(self.context)
        portal_url = api.portal.get().absolute_url()
        default = documents.default_language()
        staff = self.staff()
        for language in documents.publication_languages():
            entry = registered.get(("decision", language))
            if entry is not None:
                url = f"{portal_url}/@@publication-register/download?id={entry['id']}"
            elif staff and self.context.item_number and meeting_of(self.context) is not None:
                url = f"{self.context.absolute_url()}/@@decision-extract" + (
                    "" if language == default else f"?language={language}")
            else:
                continue
            links.append({"url": url, "language": language, "label": readable.document_label(
                "extract", language, entry["size"] if entry else None, self.language())})
        return links

    def annexes(self):
        result = []
        for brain in api.content.find(context=self.context, portal_type="Annex", depth=1,
                                      sort_on="getObjPositionInParent"):
            annex = brain.getObject()
            blob = annex.file
            name = (blob.filename or "") if blob is not None else ""
            kind = name.rsplit(".", 1)[-1].upper() if "." in name else ""
            size = readable.file_size(blob.getSize(), self.language()) if blob else ""
            result.append({"title": brain.Title, "url": f"{brain.getURL()}/@@download/file",
                           "details": ", ".join(str(part) for part in (kind,) if part),
                           "size": size})
        return result

    def staff(self):
        """Those who change the item or run the meetings (after the decision too)."""
        return any(api.user.has_permission(permission, obj=self.context) for permission in
                   ("Modify portal content", "communesplone.deliberations: Manage meetings"))

    def staff_facts(self):
        """What the services prepared (shown only to those who may change the item)."""
        if not self.staff():
            return []
        context = self.context
        members = context.get_assembly().member_map()
        groups = {g.getId(): g.getProperty("title") or g.getId()
                  for g in api.group.get_groups()} if context.proposing_service else {}
        facts = [
            ("service", groups.get(context.proposing_service, "")),
            ("rapporteur", members.get(context.rapporteur or "", {}).get("name", "")),
            ("financial_impact", (f"{context.financial_impact:,.2f} €".replace(",", " ")
                                  .replace(".", ",") if context.financial_impact is not None
                                  else "")),
            ("budget_article", context.budget_article or ""),
        ]
        return [{"id": key, "value": value} for key, value in facts if value]
