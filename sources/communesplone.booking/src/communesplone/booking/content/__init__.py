"""Content types of communesplone.booking: ResourceFolder, Resource, Booking."""
