"""Permission titles of communesplone.directory (as ``api.user.has_permission`` wants them)."""

MODERATE = "communesplone.directory: Moderate businesses"
ADD_BUSINESS = "communesplone.directory: Add Business"
#: The permission id (ZCML) of :data:`MODERATE`, for ``write_permission`` directives.
MODERATE_ID = "communesplone.directory.ModerateBusinesses"
