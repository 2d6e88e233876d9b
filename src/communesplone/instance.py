"""The Zope instance of ``make start``: its configuration files and data folders.

Everything lives under one folder (``var/`` by default, ``COMMUNESPLONE_VAR``
overrides it): ``etc/`` is written again at each start from the settings below,
so a changed ``PORT`` takes effect; ``filestorage/`` and ``blobstorage/`` hold
the data and are never touched.
"""

from dataclasses import dataclass
from pathlib import Path

import os

ZOPE_CONF = """\
%define INSTANCE {etc_parent}
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

<zodb_db main>
    <filestorage>
        path $VARDIR/filestorage/Data.fs
        blob-dir $VARDIR/blobstorage
    </filestorage>
    mount-point /
    cache-size 50000
</zodb_db>
"""

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

[filter:translogger]
use = egg:Paste#translogger
setup_console_handler = False

[pipeline:main]
pipeline =
    egg:Zope#httpexceptions
    translogger
    zope

[loggers]
keys = root, waitress.queue, waitress, wsgi

[handlers]
keys = console, accesslog, eventlog

[formatters]
keys = generic, message

[formatter_generic]
format = %(asctime)s %(levelname)s [%(name)s:%(lineno)s][%(threadName)s] %(message)s
datefmt = %Y-%m-%d %H:%M:%S

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

[logger_wsgi]
level = WARN
handlers = accesslog
qualname = wsgi
propagate = 0

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[handler_accesslog]
class = FileHandler
args = (r'{var}/log/access.log', 'a')
level = INFO
formatter = message

[handler_eventlog]
class = FileHandler
args = (r'{var}/log/event.log', 'a')
level = INFO
formatter = generic
"""


@dataclass(frozen=True)
class Instance:
    """The paths of one instance folder."""

    var: Path

    @classmethod
    def from_environment(cls):
        return cls(Path(os.environ.get("COMMUNESPLONE_VAR", "var")).resolve())

    @property
    def etc(self):
        return self.var / "etc"

    @property
    def zope_conf(self):
        return self.etc / "zope.conf"

    @property
    def zope_ini(self):
        return self.etc / "zope.ini"

    @property
    def data_fs(self):
        return self.var / "filestorage" / "Data.fs"

    @property
    def lock_file(self):
        return self.var / "filestorage" / "Data.fs.lock"

    def exists(self):
        return self.zope_conf.is_file()

    def write(self, port=8080, host="127.0.0.1"):
        """Write ``etc/`` and create the data folders; keep existing data."""
        for folder in ("etc", "filestorage", "blobstorage", "cache", "log"):
            (self.var / folder).mkdir(parents=True, exist_ok=True)
        (self.var / "blobstorage").chmod(0o700)
        self.zope_conf.write_text(ZOPE_CONF.format(etc_parent=self.var, var=self.var))
        self.zope_ini.write_text(ZOPE_INI.format(var=self.var, host=host, port=int(port)))
        site_zcml = Path(__import__("Zope2").__file__).parent / "utilities/skel/etc/site.zcml"
        (self.etc / "site.zcml").write_text(site_zcml.read_text())

    def configured_port(self):
        """The port of ``zope.ini`` (what a running server listens on)."""
        for line in self.zope_ini.read_text().splitlines():
            key, _sep, value = line.partition("=")
            if key.strip() == "port":
                return int(value)
        return 8080

    def is_running(self):
        """True when a process holds the FileStorage lock (a server is running)."""
        import zc.lockfile

        if not self.lock_file.exists():
            return False
        try:
            lock = zc.lockfile.LockFile(str(self.lock_file))
        except zc.lockfile.LockError:
            return True
        lock.close()
        return False
