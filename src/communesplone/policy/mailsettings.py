"""Each commune's own mail server and sender, set by the host.

On a shared host every commune sends as itself: ``info@namur.be`` with the
name "Ville de Namur", often through its own relay. Plone keeps these settings
per site already (``plone.smtp_*`` and ``plone.email_from_*`` in the site's
registry), so this module only checks what the operator gives
(``communesplone sites mail``) before writing it, and shows it back without
the password.
"""

from communesplone.policy.sites import SiteError
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
from zope.component.hooks import getSite
from zope.component.hooks import setSite

import re

#: Option name -> registry record (Plone's own mail control panel records).
RECORDS = {
    "smtp_host": "plone.smtp_host",
    "smtp_port": "plone.smtp_port",
    "smtp_user": "plone.smtp_userid",
    "smtp_password": "plone.smtp_pass",
    "sender": "plone.email_from_address",
    "sender_name": "plone.email_from_name",
}
_HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$")
_ADDRESS = re.compile(r"^[^@\s<>\"',;]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def _checked(name, value):
    """``value`` as the registry wants it, or :class:`SiteError` naming the option."""
    if name == "smtp_port":
        try:
            port = int(value)
        except (TypeError, ValueError):
            port = 0
        if not 0 < port < 65536:
            raise SiteError(f"--smtp-port {value!r}: a port number from 1 to 65535 is expected.")
        return port
    text = str(value).strip()
    if any(ord(char) < 32 for char in text):
        raise SiteError(f"--{name.replace('_', '-')}: control characters are not allowed.")
    if name == "smtp_host" and not _HOST.match(text):
        raise SiteError(f"--smtp-host {text!r}: a host name or an IP address is expected.")
    if name == "sender" and not (text.isascii() and _ADDRESS.match(text)):
        raise SiteError(f"--sender {text!r}: an e-mail address is expected.")
    if name == "sender_name" and not 0 < len(text) <= 200:
        raise SiteError("--sender-name: from 1 to 200 characters.")
    return text or None


def mail_settings(site, changes=None):
    """Apply ``changes`` (option name -> value; ``""`` clears the user or the password)
    to ``site``'s mail settings, all checked before any is written, and return
    the settings as they are now, the password shown as ``"set"`` or ``None``.
    """
    previous = getSite()
    setSite(site)  # the registry is a local utility: found through the current site
    try:
        return _apply(getUtility(IRegistry), changes)
    finally:
        setSite(previous)


def _apply(registry, changes):
    checked = {}
    for name, value in (changes or {}).items():
        if name not in RECORDS:
            raise SiteError(f"Unknown mail setting {name!r}.")
        if value is None:
            continue
        if value == "" and name in ("smtp_user", "smtp_password"):
            checked[name] = None
        else:
            checked[name] = _checked(name, value)
    for name, value in checked.items():
        registry[RECORDS[name]] = value
    current = {name: registry.get(record) for name, record in RECORDS.items()}
    current["smtp_password"] = "set" if current["smtp_password"] else None
    return current
