"""Vocabularies of communesplone.deliberations (ids stable, titles translated)."""

from Acquisition import aq_chain
from Acquisition import aq_inner
from communesplone.deliberations import _
from communesplone.deliberations.content.assembly import IAssembly
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

SERVICE_PREFIX = "communesplone-"


def _vocabulary(items):
    return SimpleVocabulary([SimpleTerm(value, value, title) for value, title in items])


ASSEMBLY_KINDS = _vocabulary([
    ("council", _("assembly_kind_council", default="Municipal council")),
    ("college", _("assembly_kind_college", default="College of mayor and aldermen")),
    ("cpas_council", _("assembly_kind_cpas_council", default="Social action council (CPAS)")),
    ("permanent_bureau", _("assembly_kind_permanent_bureau", default="Permanent bureau (CPAS)")),
])

REGIMES = _vocabulary([
    ("wallonia", _("regime_wallonia", default="Wallonia (CDLD)")),
    ("brussels", _("regime_brussels", default="Brussels-Capital (new municipal law)")),
    ("flanders", _("regime_flanders", default="Flanders (local government decree)")),
])

MEETING_KINDS = _vocabulary([
    ("ordinary", _("meeting_kind_ordinary", default="Ordinary")),
    ("extraordinary", _("meeting_kind_extraordinary", default="Extraordinary")),
])

ADVICE_ANSWERS = ("favourable", "unfavourable", "remarks")
VOTE_CHOICES = ("yes", "no", "abstain")


def assembly_of(context):
    """The Assembly that holds ``context`` (or ``context`` itself), else None."""

    for obj in aq_chain(aq_inner(context)):
        if IAssembly.providedBy(obj):
            return obj
    parent = getattr(context, "__parent__", None)
    if parent is not None and parent is not context:
        return assembly_of(parent)
    return None


@provider(IVocabularyFactory)
def assembly_kinds_vocabulary(context):
    return ASSEMBLY_KINDS


@provider(IVocabularyFactory)
def regimes_vocabulary(context):
    return REGIMES


@provider(IVocabularyFactory)
def meeting_kinds_vocabulary(context):
    return MEETING_KINDS


@provider(IVocabularyFactory)
def services_vocabulary(context):
    """The site's service groups (``communesplone-*`` groups, assemblies excluded)."""
    terms = []
    for group in api.group.get_groups():
        group_id = group.getId()
        if group_id.startswith(SERVICE_PREFIX) and not group_id.startswith(
                "communesplone-assembly-"):
            terms.append(SimpleTerm(group_id, group_id,
                                    group.getProperty("title") or group_id))
    return SimpleVocabulary(sorted(terms, key=lambda term: str(term.title)))


@provider(IVocabularyFactory)
def proposing_services_vocabulary(context):
    """The services the item's assembly lets propose (all services when none is set)."""
    services = services_vocabulary(context)
    assembly = assembly_of(context)
    allowed = set(getattr(assembly, "proposing_services", None) or [])
    if not allowed:
        return services
    return SimpleVocabulary([term for term in services if term.value in allowed])


@provider(IVocabularyFactory)
def members_vocabulary(context):
    assembly = assembly_of(context)
    members = getattr(assembly, "members", None) or []
    return SimpleVocabulary([SimpleTerm(m["id"], m["id"], m.get("name") or m["id"])
                             for m in members])


@provider(IVocabularyFactory)
def categories_vocabulary(context):
    """The assembly's categories, in agenda order, children titled "parent / child"."""
    assembly = assembly_of(context)
    if assembly is None:
        return SimpleVocabulary([])
    categories = assembly.category_map()
    terms = []
    for category in sorted(categories.values(),
                           key=lambda c: assembly.category_sort_key(c["id"], categories)):
        parent = categories.get(category.get("parent"))
        title = f"{parent['title']} / {category['title']}" if parent else category["title"]
        terms.append(SimpleTerm(category["id"], category["id"], title))
    return SimpleVocabulary(terms)


@provider(IVocabularyFactory)
def open_meetings_vocabulary(context):
    """Meetings of the item's assembly that still take items (created or frozen)."""
    assembly = assembly_of(context)
    if assembly is None:
        return SimpleVocabulary([])
    brains = api.content.find(
        context=assembly, portal_type="Meeting", review_state=["created", "frozen"],
        sort_on="delib_meeting_date", unrestricted=True,
    )
    terms = [SimpleTerm(b.UID, b.UID, b.Title) for b in brains]
    current = getattr(context, "meeting", None)
    if isinstance(current, str) and current not in {term.value for term in terms}:
        terms.append(SimpleTerm(current, current, current))
    return SimpleVocabulary(terms)
