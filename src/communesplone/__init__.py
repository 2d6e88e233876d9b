"""CommunesPlone: one distribution, one sub-package per add-on."""
