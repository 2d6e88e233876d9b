"""The Zope instance of ``make start``: its configuration files and data folders.

Everything lives under one folder (``var/`` by default, ``COMMUNESPLONE_VAR``
overrides it): ``etc/`` is written again at each start from the settings below,
so a changed ``PORT`` takes effect; ``filestorage/`` and ``blobstorage/`` hold
the data and are never touched.

Storage: FileStorage by default. ``STORAGE=relstorage`` with a PostgreSQL DSN
in keyword form (``COMMUNESPLONE_DSN="dbname='zodb' host='127.0.0.1'"``), or
the same two settings in ``<var>/storage.toml`` (``storage = "relstorage"``,
``dsn = "..."``; ``COMMUNESPLONE_STORAGE_CONFIG`` points elsewhere), runs the
same instance on a history-free RelStorage whose blobs live in PostgreSQL; each
process keeps its own local blob cache under ``<var>/blobcache/<name>``.
"""

from dataclasses import dataclass
from pathlib import Path

import os
import tomllib

STORAGES = ("filestorage", "relstorage")

FILESTORAGE_SECTION = """\
<zodb_db main>
    <filestorage>
        path $VARDIR/filestorage/Data.fs
        blob-dir $VARDIR/blobstorage
    </filestorage>
    mount-point /
    cache-size 50000
</zodb_db>
"""

# History-free (no undo, no pack of old revisions needed beyond garbage);
# blobs stored in PostgreSQL (shared-blob-dir false), ``blob-dir`` is only a
# local cache: nothing to share between hosts, one backup (pg_dump) holds all.
RELSTORAGE_SECTION = """\
<zodb_db main>
    <relstorage>
        keep-history false
        shared-blob-dir false
        blob-dir {blob_cache}
        blob-cache-size 512mb
        <postgresql>
            dsn {dsn}
        </postgresql>
    </relstorage>
    mount-point /
    cache-size 50000
</zodb_db>
"""

ZOPE_CONF = """\
{imports}%define INSTANCE {etc_parent}
%define VARDIR {var}
instancehome $INSTANCE
clienthome $VARDIR
debug-mode off
security-policy-implementation C
verbose-security off
default-zpublisher-encoding utf-8

<environment>
    CHAMELEON_CACHE $VARDIR/cache
    zope_i18n_compile_mo_files true
    zope_i18n_allowed_languages fr nl en de
    PTS_LANGUAGES fr nl en de
</environment>

<dos_protection>
    form-memory-limit 4MB
</dos_protection>

# A request that hits a ConflictError is run again by the publisher, up to
# this many times, before the citizen sees an error. Simultaneous bookings of
# one resource and simultaneous e-guichet orders (one reference counter)
# conflict by design; 20 orders at once needed up to 10 (tests/eguichet).
max-conflict-retries 10

{storage}"""

ZOPE_INI = """\
[app:zope]
use = egg:Zope#main
zope_conf = %(here)s/zope.conf

[server:main]
use = egg:waitress#main
host = {host}
port = {port}
threads = 4
clear_untrusted_proxy_headers = false

[filter:accesslog]
use = call:communesplone.hosting.wsgi:access_log_filter
name = {name}

[pipeline:main]
pipeline =
    egg:Zope#httpexceptions
    accesslog
    zope

[loggers]
keys = root, waitress.queue, waitress, access

[handlers]
keys = console, accesslog, eventlog

[formatters]
keys = generic, message

[formatter_generic]
class = communesplone.hosting.logs.KeyValueFormatter

[formatter_message]
format = %(message)s

[logger_root]
level = INFO
handlers = console, eventlog

[logger_waitress.queue]
level = INFO
handlers = eventlog
qualname = waitress.queue
propagate = 0

[logger_waitress]
level = INFO
handlers = eventlog
qualname = waitress

[logger_access]
level = INFO
handlers = accesslog
qualname = communesplone.access
propagate = 0

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[handler_accesslog]
class = FileHandler
args = (r'{var}/log/{access_log}', 'a')
level = INFO
formatter = message

[handler_eventlog]
class = FileHandler
args = (r'{var}/log/{event_log}', 'a')
level = INFO
formatter = generic
"""


class StorageConfigError(ValueError):
    """Storage settings that cannot work (the message says which and why)."""


def storage_settings(var):
    """(storage, dsn) from the environment, else from the storage config file."""
    path = Path(os.environ.get("COMMUNESPLONE_STORAGE_CONFIG") or Path(var) / "storage.toml")
    data = {}
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise StorageConfigError(f"{path} cannot be read: {error}") from error
    storage = (os.environ.get("STORAGE") or data.get("storage") or "filestorage").lower()
    if storage not in STORAGES:
        raise StorageConfigError(
            f"unknown storage {storage!r} (STORAGE is one of {', '.join(STORAGES)})"
        )
    dsn = os.environ.get("COMMUNESPLONE_DSN") or data.get("dsn")
    if storage == "relstorage":
        check_dsn(dsn)
    return storage, dsn


def check_dsn(dsn):
    """A libpq DSN in keyword form: RelStorage appends to it, a URI breaks."""
    if not dsn:
        raise StorageConfigError(
            "STORAGE=relstorage needs a PostgreSQL DSN: set COMMUNESPLONE_DSN "
            "(e.g. \"dbname='zodb' user='zodb' host='127.0.0.1' port='5432'\") "
            "or 'dsn' in storage.toml"
        )
    if "://" in dsn or "\n" in dsn or "=" not in dsn:
        raise StorageConfigError(
            "COMMUNESPLONE_DSN must be in keyword form (dbname='zodb' host=...), not a URI"
        )


@dataclass(frozen=True)
class Instance:
    """The paths of one instance folder and its storage settings."""

    var: Path
    storage: str = "filestorage"
    dsn: str | None = None

    @classmethod
    def from_environment(cls):
        var = Path(os.environ.get("COMMUNESPLONE_VAR", "var")).resolve()
        storage, dsn = storage_settings(var)
        return cls(var, storage, dsn)

    @property
    def relstorage(self):
        return self.storage == "relstorage"

    @property
    def etc(self):
        return self.var / "etc"

    @property
    def zope_conf(self):
        return self.etc / "zope.conf"

    @property
    def zope_ini(self):
        return self.etc / "zope.ini"

    def conf_of(self, name):
        """The ``zope.conf`` of the process ``name`` (``zope`` is the single server)."""
        return self.etc / f"{name}.conf"

    def ini_of(self, name):
        return self.etc / f"{name}.ini"

    @property
    def data_fs(self):
        return self.var / "filestorage" / "Data.fs"

    @property
    def blobstorage(self):
        return self.var / "blobstorage"

    @property
    def lock_file(self):
        return self.var / "filestorage" / "Data.fs.lock"

    @property
    def backups(self):
        return self.var / "backups"

    def exists(self):
        return self.zope_conf.is_file()

    def storage_section(self, name):
        if not self.relstorage:
            return FILESTORAGE_SECTION
        # ZConfig substitutes $NAME: a literal $ (in a password) is written $$.
        dsn = self.dsn.replace("$", "$$")
        return RELSTORAGE_SECTION.format(dsn=dsn, blob_cache=self.blob_cache(name))

    def blob_cache(self, name):
        """A local blob cache of its own for each process (never shared)."""
        return self.var / "blobcache" / name

    def zope_conf_text(self, name="zope"):
        return ZOPE_CONF.format(
            imports="%import relstorage\n" if self.relstorage else "",
            etc_parent=self.var,
            var=self.var,
            storage=self.storage_section(name),
        )

    def write(self, port=8080, host="127.0.0.1", name="zope"):
        """Write ``etc/<name>.conf`` and ``.ini`` and create the data folders; keep the data.

        ``name`` is ``zope`` for ``communesplone start``, ``worker-<port>``
        for a process of ``start-cluster`` and ``cli`` for the command itself.
        """
        folders = ["etc", "cache", "log"]
        folders += ["blobcache"] if self.relstorage else ["filestorage", "blobstorage"]
        for folder in folders:
            (self.var / folder).mkdir(parents=True, exist_ok=True)
        if self.relstorage:
            self.blob_cache(name).mkdir(parents=True, exist_ok=True)
            self.blob_cache(name).chmod(0o700)
        else:
            self.blobstorage.chmod(0o700)
        conf = self.conf_of(name)
        conf.write_text(self.zope_conf_text(name))
        conf.chmod(0o600)  # the DSN may hold a password
        suffix = "" if name == "zope" else f"-{name}"
        self.ini_of(name).write_text(ZOPE_INI.format(
            var=self.var, host=host, port=int(port), name=name,
            access_log=f"access{suffix}.log", event_log=f"event{suffix}.log",
        ).replace("%(here)s/zope.conf", f"%(here)s/{name}.conf"))
        site_zcml = Path(__import__("Zope2").__file__).parent / "utilities/skel/etc/site.zcml"
        (self.etc / "site.zcml").write_text(site_zcml.read_text())
        return conf

    def configured_port(self, name="zope"):
        """The port of ``<name>.ini`` (what a running server listens on)."""
        for line in self.ini_of(name).read_text().splitlines():
            key, _sep, value = line.partition("=")
            if key.strip() == "port":
                return int(value)
        return 8080

    def is_running(self):
        """True when a process holds the FileStorage lock (a server is running).

        On RelStorage any number of processes share the database: the
        command opens it itself, so a running server does not matter.
        """
        import zc.lockfile

        if self.relstorage or not self.lock_file.exists():
            return False
        try:
            lock = zc.lockfile.LockFile(str(self.lock_file))
        except zc.lockfile.LockError:
            return True
        lock.close()
        return False
