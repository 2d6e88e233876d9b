"""CommunesPlone e-guichet: online ordering of administrative documents."""
import logging
from zope.i18nmessageid import MessageFactory

_ = MessageFactory("communesplone")
logger = logging.getLogger("communesplone.eguichet")
