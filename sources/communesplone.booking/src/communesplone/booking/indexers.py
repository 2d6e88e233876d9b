"""Catalog columns of bookings: what the managers' table shows without waking a
booking (``communesplone.booking.table``). Only the name the requester gave for the
booking and its purpose; no e-mail or phone reaches the catalog."""

from communesplone.booking.content.booking import IBooking
from plone.indexer import indexer


@indexer(IBooking)
def requester(booking):
    name = booking.requester_name or ""
    if booking.organisation:
        return f"{name} ({booking.organisation})" if name else booking.organisation
    return name


@indexer(IBooking)
def purpose(booking):
    return booking.purpose or ""
