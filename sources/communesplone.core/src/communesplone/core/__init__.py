"""CommunesPlone core: settings, validators, notifications, identity assurance."""
import logging
from zope.i18nmessageid import MessageFactory

_ = MessageFactory("communesplone")
logger = logging.getLogger("communesplone.core")
