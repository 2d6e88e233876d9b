"""CommunesPlone site policy: presets, site creation and demo content."""
import logging
from zope.i18nmessageid import MessageFactory

_ = MessageFactory("communesplone")
logger = logging.getLogger("communesplone.policy")
