"""CommunesPlone booking: resources (rooms, halls, vehicles, equipment) and their bookings."""
import logging
from zope.i18nmessageid import MessageFactory

_ = MessageFactory("communesplone")
logger = logging.getLogger("communesplone.booking")
