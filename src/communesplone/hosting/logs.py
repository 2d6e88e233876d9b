"""Structured logs: one ``key=value`` line per record, with the site id.

The site of the request being served is kept in a context variable (each
waitress worker thread has its own context): ``set_site`` is called by the
traversal subscriber, :class:`KeyValueFormatter` adds it to every record, so
an event-log line written while serving ``/namur/...`` says ``site=namur``.
"""

from contextvars import ContextVar
from datetime import UTC
from datetime import datetime

import logging

#: The id of the Plone site the current request traversed ("-" outside one).
current_site = ContextVar("communesplone_site", default="-")


def set_site(site_id):
    return current_site.set(site_id or "-")


def quote(value):
    """A logfmt value: bare when safe, else double-quoted with escapes."""
    text = str(value)
    if text and not any(char in text for char in ' "=\\\n\r\t'):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f'"{escaped}"'


def logfmt(fields):
    """``key=value key2="value two"`` from a list of pairs (order kept)."""
    return " ".join(f"{key}={quote(value)}" for key, value in fields)


def timestamp(seconds=None):
    moment = datetime.fromtimestamp(seconds, UTC) if seconds else datetime.now(UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class KeyValueFormatter(logging.Formatter):
    """``time=... level=INFO logger=... site=namur msg="..."`` (and the traceback)."""

    def format(self, record):
        fields = [
            ("time", timestamp(record.created)),
            ("level", record.levelname),
            ("logger", record.name),
            ("site", getattr(record, "site", None) or current_site.get()),
            ("msg", record.getMessage()),
        ]
        if record.exc_info:
            fields.append(("exc", self.formatException(record.exc_info)))
        return logfmt(fields)
