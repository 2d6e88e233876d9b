"""Shared hosting: health endpoint, structured logs, storage, backups.

No GenericSetup profile: what lives here works at the Zope root and on every
site without being installed.
"""
