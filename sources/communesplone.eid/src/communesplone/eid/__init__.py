"""CommunesPlone identity providers: the Belgian eID card and OpenID Connect."""
import logging
from zope.i18nmessageid import MessageFactory

_ = MessageFactory("communesplone")
logger = logging.getLogger("communesplone.eid")
