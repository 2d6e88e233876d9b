"""CommunesPlone directory: the businesses, shops, craftsmen and associations of the commune."""
import logging
from zope.i18nmessageid import MessageFactory

_ = MessageFactory("communesplone")
logger = logging.getLogger("communesplone.directory")
