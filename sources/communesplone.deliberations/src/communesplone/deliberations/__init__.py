"""CommunesPlone deliberations: assemblies, meetings, agenda items, votes, minutes, publication."""
import logging
from zope.i18nmessageid import MessageFactory

_ = MessageFactory("communesplone")
logger = logging.getLogger("communesplone.deliberations")
