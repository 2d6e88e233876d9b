"""The demo mailbox: the demo commune's mails caught by a local SMTP sink, for its administrators.

``make start`` (``communesplone start``) starts one sink per demo site (a site
made from a preset with ``demo = true``) on a free loopback port, beside the
server, and points the site's mail settings at it: every mail the site sends
is kept as a ``.eml`` file in ``<var>/demo-mailbox/<site id>/`` (the newest
:data:`MAX_MAILS`) and shown on ``@@demo-mailbox``, so a visitor can follow a
journey through its mails without a mail server.

The sink never replaces real settings: it is attached only while the site's
SMTP server is Plone's default (``localhost:25``, nothing set) or the sink's
own previous address; once an administrator sets another server, the site
forgets the sink for good. A site made from another preset never gets one.
"""

from communesplone.policy import logger
from email import message_from_bytes
from email import policy
from email.utils import parsedate_to_datetime
from pathlib import Path
from zope.annotation.interfaces import IAnnotations

import logging
import os
import re
import socket
import threading
import time
import uuid

#: The mails kept per site; older ones are deleted as new ones arrive.
MAX_MAILS = 200
ANNOTATION_KEY = "communesplone.policy.demo_mailbox"
HOST = "127.0.0.1"
SENDER = "noreply@demo.communesplone.be"
_MAIL_ID = re.compile(r"^[0-9]{19}-[0-9a-f]{32}$")
_clock = {"last": 0}
_clock_lock = threading.Lock()


def _next_stamp():
    """Nanoseconds since the epoch, strictly increasing: ids sort as mails arrived."""
    with _clock_lock:
        _clock["last"] = max(time.time_ns(), _clock["last"] + 1)
        return _clock["last"]


# --- the folder of mails ------------------------------------------------------


def store(folder, content):
    """Keep one received mail (bytes) in ``folder``; drop the oldest beyond :data:`MAX_MAILS`.

    Written to a temporary name, then renamed: the page never reads half a mail.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    mail_id = f"{_next_stamp():019d}-{uuid.uuid4().hex}"
    temporary = folder / f".{mail_id}.tmp"
    temporary.write_bytes(content)
    temporary.chmod(0o600)
    os.replace(temporary, folder / f"{mail_id}.eml")
    for old in sorted(folder.glob("*.eml"))[:-MAX_MAILS]:
        old.unlink(missing_ok=True)
    return mail_id


def mail_ids(folder):
    """The ids of the kept mails, newest first."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted((path.stem for path in folder.glob("*.eml")), reverse=True)


def read(folder, mail_id):
    """The parsed mail ``mail_id`` of ``folder``, or None (unknown or malformed id)."""
    if not isinstance(mail_id, str) or not _MAIL_ID.match(mail_id):
        return None
    path = Path(folder) / f"{mail_id}.eml"
    if not path.is_file():
        return None
    return message_from_bytes(path.read_bytes(), policy=policy.default)


def received_at(message, mail_id):
    """When the mail was sent (its Date header), else when the sink received it."""
    try:
        return parsedate_to_datetime(message["Date"])
    except (TypeError, ValueError):
        from datetime import datetime
        from datetime import UTC

        return datetime.fromtimestamp(int(mail_id[:19]) / 1e9, UTC)


# --- the SMTP sink ------------------------------------------------------------


class _Keeper:
    """aiosmtpd handler: every mail accepted and stored."""

    def __init__(self, folder):
        self.folder = Path(folder)

    async def handle_DATA(self, server, session, envelope):
        try:
            store(self.folder, envelope.original_content or envelope.content)
        except OSError:
            logger.exception("The demo mailbox could not keep a mail")
            return "451 Could not store the message"
        return "250 Message accepted for the demo mailbox"


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_sink(folder):
    """Serve an SMTP sink on a free loopback port that keeps mails in ``folder``.

    Returns the started aiosmtpd ``Controller`` (``.port``; ``.stop()`` it).
    """
    from aiosmtpd.controller import Controller

    # aiosmtpd logs every connection at INFO (its own start-up check too).
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    controller = Controller(_Keeper(folder), hostname=HOST, port=free_port())
    controller.start()
    return controller


# --- the site's side ----------------------------------------------------------


def is_demo_site(site):
    """Whether ``site`` was made from a preset with demo content."""
    from communesplone.policy.presets import PresetError
    from communesplone.policy.presets import load_preset
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    name = getUtility(IRegistry, context=site).get("communesplone.core.site_preset")
    if not name:
        return False
    try:
        return bool(load_preset(name).demo)
    except PresetError:
        return False


def _mail_server(registry):
    return (registry.get("plone.smtp_host") or "", int(registry.get("plone.smtp_port") or 25))


def attach(site, port, folder):
    """Point ``site``'s mail settings at the sink on ``port``; False when it must not.

    Not on a site without the demo preset, and not once an administrator has
    set another server than the default or the sink's last address (the site
    then forgets the sink).
    """
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    if not is_demo_site(site):
        return False
    registry = getUtility(IRegistry, context=site)
    annotations = IAnnotations(site)
    known = annotations.get(ANNOTATION_KEY)
    server = _mail_server(registry)
    ours = known is not None and server == (known["host"], known["port"])
    if not ours and server not in (("", 25), ("localhost", 25)):
        if known is not None:
            del annotations[ANNOTATION_KEY]
            logger.info("Demo mailbox of %s: a real mail server is set, sink not used",
                        site.getId())
        return False
    registry["plone.smtp_host"] = HOST
    registry["plone.smtp_port"] = int(port)
    if not registry.get("plone.email_from_address"):
        registry["plone.email_from_address"] = registry.get("communesplone.core.email") or SENDER
    if not registry.get("plone.email_from_name"):
        registry["plone.email_from_name"] = registry.get("communesplone.core.commune_name") or ""
    annotations[ANNOTATION_KEY] = {"host": HOST, "port": int(port), "folder": str(folder)}
    return True


def mailbox_folder(site):
    """The folder of ``site``'s demo mailbox while its mails go to the sink, else None."""
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    known = IAnnotations(site).get(ANNOTATION_KEY)
    if known is None or not is_demo_site(site):
        return None
    if _mail_server(getUtility(IRegistry, context=site)) != (known["host"], known["port"]):
        return None
    return Path(known["folder"])


def start_for_sites(app, var):
    """Start a sink for each demo site of the Zope root ``app``; the caller commits.

    Returns the started controllers (stop them when the server stops).
    """
    from plone.base.interfaces import IPloneSiteRoot
    from zope.component.hooks import setSite

    controllers = []
    for site in app.objectValues():
        if not IPloneSiteRoot.providedBy(site):
            continue
        # the site's registry is read through its own component registry
        setSite(site)
        if not is_demo_site(site):
            continue
        folder = Path(var) / "demo-mailbox" / site.getId()
        controller = start_sink(folder)
        if attach(site, controller.port, folder):
            controllers.append(controller)
            print(f"Mails of {site.getId()!r} go to its demo mailbox "
                  f"(@@demo-mailbox, {folder}).", flush=True)
        else:
            controller.stop()
    setSite(None)
    return controllers
