"""The ``communesplone`` command: serve the instance and manage its commune sites.

``communesplone start`` is what ``make start`` runs; ``start-cluster -n N``
serves N processes on RelStorage. ``communesplone sites ...`` works whether
the server runs or not: a running FileStorage server holds the lock, so the
command then talks to it over HTTP (``@@communesplone-sites`` and
``@@communesplone-operate`` at the Zope root, as a Manager); otherwise (or on
RelStorage, which any number of processes share) it opens the database itself.
``storage migrate``, ``backup`` and ``restore`` operate the storage;
``jobs run`` runs the add-ons' clock-driven jobs (from cron).
"""

from communesplone.instance import Instance
from communesplone.instance import StorageConfigError
from contextlib import contextmanager
from pathlib import Path

import argparse
import base64
import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

DEFAULT_ADMIN = "admin"


class CommandError(Exception):
    """An error to print for the operator (no traceback)."""


def admin_credentials():
    return DEFAULT_ADMIN, os.environ.get("ADMIN_PASSWORD") or "admin"


@contextmanager
def zope_app(instance):
    """The Zope root of a stopped instance, as the system user; committed by the caller."""
    import transaction
    import Zope2
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.SecurityManagement import noSecurityManager
    from AccessControl.users import system
    from Testing.makerequest import makerequest
    from zope.globalrequest import setRequest
    from Zope2.Startup.run import make_wsgi_app

    conf = instance.write(name="cli") if instance.relstorage else instance.zope_conf
    make_wsgi_app({}, str(conf))
    app = makerequest(Zope2.app())
    app.REQUEST["PARENTS"] = [app]
    setRequest(app.REQUEST)
    newSecurityManager(None, system)
    try:
        yield app
    except BaseException:
        transaction.abort()
        raise
    finally:
        noSecurityManager()
        setRequest(None)
        app._p_jar.close()
        Zope2.DB.close()


def ensure_admin(app):
    """Create the ``admin`` Manager at the root, or set its password from ADMIN_PASSWORD."""
    name, password = admin_credentials()
    users = app.acl_users
    if users.getUser(name) is None:
        from plone.base.interfaces import IPloneSiteRoot
        from zope.component.hooks import setSite

        # Once a site exists, the root's user folder is Plone's PAS, whose
        # role manager (patched by imio.helpers) wants a site to invalidate a
        # cache: give it one (the sites were made before the first start).
        sites = [site for site in app.objectValues() if IPloneSiteRoot.providedBy(site)]
        setSite(sites[0] if sites else None)
        try:
            users._doAddUser(name, password, ["Manager"], [])
        finally:
            setSite(None)
    elif os.environ.get("ADMIN_PASSWORD"):
        # The root user folder is a PAS whose ZODB user manager holds passwords.
        manager = getattr(users.aq_base, "users", None)
        if manager is not None and hasattr(manager, "updateUserPassword"):
            users.users.updateUserPassword(name, password)
        else:
            users._doChangeUser(name, password, ["Manager"], [])


def ensure_site(app, site_id, preset_name):
    """Create ``site_id`` from a preset unless it exists; True when created."""
    from communesplone.policy.sites import create_site

    if site_id in app.objectIds():
        return False
    create_site(app, site_id, preset_name=preset_name)
    return True


def serve(instance, site_id, preset_name, name="zope"):
    """Prepare the instance and serve it until Ctrl-C or SIGTERM; close the database cleanly.

    ``site_id`` None: serve only (a worker of ``start-cluster``, whose parent
    prepared the admin and the site once).
    """
    from paste.deploy import loadapp
    from Zope2.Startup.serve import setup_logging

    ini = str(instance.ini_of(name))
    setup_logging(ini)
    wsgi_app = loadapp(f"config:{ini}")
    sinks = []
    if site_id is not None:
        sinks = prepare(site_id, preset_name, instance.var)
    try:
        run_server(instance, ini, wsgi_app, site_id, name)
    finally:
        for sink in sinks:
            sink.stop()


def prepare(site_id, preset_name, var=None):
    """Create the admin and the site if needed, in the opened database.

    With ``var``, the demo sites' mails go to a demo mailbox under it
    (:mod:`communesplone.policy.mailbox`): the started SMTP sinks are returned.
    """
    import transaction
    import Zope2

    with_root = Zope2.app()
    try:
        from Testing.makerequest import makerequest
        from zope.globalrequest import setRequest
        from AccessControl.SecurityManagement import newSecurityManager, noSecurityManager
        from AccessControl.users import system

        app = makerequest(with_root)
        setRequest(app.REQUEST)
        newSecurityManager(None, system)
        ensure_admin(app)
        if ensure_site(app, site_id, preset_name):
            print(f"Created the site {site_id!r} from the preset {preset_name!r}.", flush=True)
        sinks = []
        if var is not None:
            from communesplone.policy.mailbox import start_for_sites

            sinks = start_for_sites(app, var)
        transaction.commit()
        noSecurityManager()
        setRequest(None)
    finally:
        with_root._p_jar.close()
    return sinks


def run_server(instance, ini, wsgi_app, site_id, name):
    import Zope2
    from paste.deploy import loadserver

    server = loadserver(f"config:{ini}")
    # A job started with & ignores SIGINT and SIGTERM would skip closing the
    # database: map both to KeyboardInterrupt so the finally below runs.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    port = instance.configured_port(name)
    print(f"Serving http://localhost:{port}/{site_id or ''} (Ctrl-C stops).", flush=True)
    try:
        server(wsgi_app)  # waitress returns on KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    finally:
        for db in Zope2.opened:
            db.close()
        print("Stopped; the database is closed.", flush=True)


def call_server(instance, method, payload=None, view="communesplone-sites"):
    """Call ``@@communesplone-sites`` (or ``view``) on the running server as the admin."""
    url = f"http://127.0.0.1:{instance.configured_port()}/@@{view}"
    name, password = admin_credentials()
    token = base64.b64encode(f"{name}:{password}".encode()).decode()
    headers = {"Authorization": f"Basic {token}", "Accept": "application/json"}
    data = None
    if payload is not None:
        data = json.dumps(payload).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        body = error.read()
        try:
            message = json.loads(body)["error"]["message"]
        except (ValueError, KeyError, TypeError):
            message = f"the server answered {error.code} {error.reason}"
            if error.code == 401:
                message += " (set ADMIN_PASSWORD to the admin's password)"
        raise CommandError(message) from error
    except urllib.error.URLError as error:
        raise CommandError(f"cannot reach the running server at {url}: {error.reason}") from error


def sites_list(instance, as_json=False, usage=False):
    from communesplone.policy.usage import human_size

    if instance.is_running():
        view = "communesplone-sites?usage=1" if usage else "communesplone-sites"
        sites = call_server(instance, "GET", view=view)["sites"]
    else:
        from communesplone.policy.sites import list_sites

        with zope_app(instance) as app:
            sites = list_sites(app, usage=usage)
    if as_json:
        print(json.dumps(sites, indent=2))
        return
    if not sites:
        print("No site in this instance.")
    for site in sites:
        installed = ", ".join(
            f"{addon['id']} {addon['version']}"
            + (f" ({addon['pending']} upgrade step(s) pending)" if addon.get("pending") else "")
            for addon in site["addons"]
            if addon["installed"]
        )
        used = ""
        if "usage" in site:
            used = (f"\tobjects={site['usage']['objects']} "
                    f"({human_size(site['usage']['bytes'])}) blobs={site['usage']['blobs']} "
                    f"({human_size(site['usage']['blob_bytes'])})")
        print(f"{site['id']}\t{site['title']}\t{site['language']}\t"
              f"preset={site['preset']}\t{installed or 'no CommunesPlone add-on'}{used}")


def sites_create(instance, site_id, title, preset_name, language):
    from communesplone.policy.presets import PresetError
    from communesplone.policy.presets import load_preset

    try:
        load_preset(preset_name)  # fail fast, before opening anything
    except PresetError as error:
        raise CommandError(str(error)) from error
    if instance.is_running():
        payload = {"id": site_id, "title": title, "preset": preset_name, "language": language}
        result = call_server(instance, "POST", payload)
        print(f"Created {result['url']}")
        return
    import transaction
    from communesplone.policy.sites import SiteError, create_site

    with zope_app(instance) as app:
        try:
            create_site(app, site_id, title=title, preset_name=preset_name, language=language)
        except (SiteError, PresetError) as error:
            raise CommandError(str(error)) from error
        transaction.commit()
    print(f"Created the site {site_id!r} from the preset {preset_name!r}.")




# -- operating many sites -------------------------------------------------


class LocalSites:
    """Site operations on a database this process opens (stopped server, or RelStorage).

    Each operation is one transaction: committed when it succeeds, aborted
    when it fails, so a failed site is left as it was.
    """

    def __init__(self, app):
        self.app = app

    def ids(self):
        from communesplone.policy.sites import site_ids

        return site_ids(self.app)

    def run(self, payload):
        import transaction
        from communesplone.hosting.views import operate
        from communesplone.policy.presets import PresetError
        from communesplone.policy.sites import SiteError

        try:
            result = operate(self.app, payload)
            transaction.commit()
            return result
        except (SiteError, PresetError) as error:
            transaction.abort()
            raise CommandError(str(error)) from error
        except Exception as error:
            transaction.abort()
            raise CommandError(
                f"site {payload.get('site')!r}: {payload.get('action')} failed: "
                f"{type(error).__name__}: {error}"
            ) from error
        finally:
            from plone.dexterity.schema import FTI_CACHE_KEY
            from zope.component.hooks import setSite
            from zope.globalrequest import getRequest

            setSite(None)
            # plone.dexterity caches the types' FTIs on the request: a request
            # that outlives a site would hand the next site the previous one's.
            request = getRequest()
            if request is not None and hasattr(request, FTI_CACHE_KEY):
                delattr(request, FTI_CACHE_KEY)


class RemoteSites:
    """The same operations sent to the running FileStorage server."""

    def __init__(self, instance):
        self.instance = instance

    def ids(self):
        return [site["id"] for site in call_server(self.instance, "GET")["sites"]]

    def run(self, payload):
        return call_server(self.instance, "POST", payload, view="communesplone-operate")


@contextmanager
def site_operations(instance):
    """``LocalSites`` or ``RemoteSites``, whichever can reach the sites now."""
    if instance.is_running():
        yield RemoteSites(instance)
        return
    with zope_app(instance) as app:
        yield LocalSites(app)


class Progress:
    """A progress bar on a terminal, one line per item otherwise (logs, CI)."""

    WIDTH = 30

    def __init__(self, total, stream=None):
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.started = time.monotonic()

    def step(self, label, outcome):
        self.done += 1
        if self.tty:
            filled = int(self.WIDTH * self.done / max(self.total, 1))
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} {label:<20.20} {outcome:<30.30}")
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"[{self.done}/{self.total}] {label}: {outcome}\n")
        self.stream.flush()


def sites_upgrade(instance, ids, every):
    """Run the pending upgrade steps on the sites; a summary; exit status 1 if one failed."""
    upgraded, current, failures = [], [], []
    with site_operations(instance) as sites:
        targets = sites.ids() if every else ids
        if not targets:
            raise CommandError("no site to upgrade (give site ids or --all)")
        progress = Progress(len(targets))
        for site_id in targets:
            try:
                result = sites.run({"action": "upgrade", "site": site_id})
            except CommandError as error:
                failures.append(str(error))
                progress.step(site_id, "FAILED")
                continue
            moved = result["upgraded"]
            if moved:
                upgraded.append((site_id, moved))
                steps = sum(len(info["steps"]) for info in moved.values())
                progress.step(site_id, f"{steps} step(s)")
            else:
                current.append(site_id)
                progress.step(site_id, "up to date")
    elapsed = time.monotonic() - progress.started
    for site_id, moved in upgraded:
        for profile, info in moved.items():
            print(f"{site_id}: {profile} {info['from']} -> {info['to']} "
                  f"({', '.join(info['steps'])})")
    for message in failures:
        print(f"communesplone: error: {message}", file=sys.stderr)
    print(f"{len(targets)} site(s) in {elapsed:.1f} s: {len(upgraded)} upgraded, "
          f"{len(current)} already up to date, {len(failures)} failed.")
    return 1 if failures else 0


def sites_addon(instance, action, site_id, addon):
    with site_operations(instance) as sites:
        result = sites.run({"action": action, "site": site_id, "addon": addon})
    done = "installed" if action == "install" else "uninstalled"
    if result["changed"]:
        print(f"{site_id}: {addon} {done}.")
    else:
        print(f"{site_id}: {addon} was already {done}; nothing changed.")


def sites_create_many(instance, path, preset_name):
    """Create the communes of a CSV file, one transaction each, with progress.

    A site that exists already is skipped, so running the command again after a
    failure (or an interruption) creates only what is missing. Exit status 1
    when a site failed; the others are created all the same.
    """
    from communesplone.policy.presets import PresetError
    from communesplone.policy.sites import SiteError
    from communesplone.policy.sites import read_communes

    try:
        rows = read_communes(path)
        check_preset(preset_name)
    except (SiteError, PresetError, OSError) as error:
        raise CommandError(str(error)) from error
    failures, created, skipped = [], 0, 0
    with site_operations(instance) as sites:
        existing = set(sites.ids())
        progress = Progress(len(rows))
        for row in rows:
            if row["id"] in existing:
                skipped += 1
                progress.step(row["id"], "exists, skipped")
                continue
            started = time.monotonic()
            try:
                sites.run({"action": "create", "site": row["id"], "title": row["name"],
                           "preset": preset_name, "language": row["languages"][0],
                           "commune": {"nis_code": row["nis_code"],
                                       "languages": row["languages"]},
                           "addons": row["addons"]})
            except CommandError as error:
                failures.append(str(error))
                progress.step(row["id"], "FAILED")
                continue
            created += 1
            progress.step(row["id"], f"created in {time.monotonic() - started:.1f} s")
    elapsed = time.monotonic() - progress.started
    print(f"{created} site(s) created, {skipped} already there, {len(failures)} failed "
          f"in {elapsed:.0f} s" + (f" ({elapsed / created:.1f} s a site)." if created else "."))
    for failure in failures:
        print(f"  {failure}", file=sys.stderr)
    return 1 if failures else 0


def sites_suspend(instance, site_id, action):
    with site_operations(instance) as sites:
        sites.run({"action": action, "site": site_id})
    if action == "suspend":
        print(f"{site_id}: suspended; visitors get the maintenance page (503), "
              "Managers keep working on it.")
    else:
        print(f"{site_id}: open again.")


def sites_remove(instance, site_id, folder):
    """Export the site, then delete it (one transaction: no export, no removal)."""
    folder = Path(folder).resolve()
    with site_operations(instance) as sites:
        result = sites.run({"action": "remove", "site": site_id, "folder": str(folder)})
    print(f"{site_id}: exported to {folder} ({result['files']} path(s)), then removed.")


def sites_caching(instance, site_ids, every, proxies):
    """Turn HTTP caching on for existing sites, their purges sent to ``proxies``."""
    with site_operations(instance) as sites:
        for site_id in (sites.ids() if every else site_ids):
            sites.run({"action": "caching", "site": site_id, "proxies": list(proxies)})
            where = ", ".join(proxies) or "no proxy (browsers revalidate)"
            print(f"{site_id}: HTTP caching on, purges to {where}.")


def sites_mail(instance, site_id, settings):
    """Show ``site_id``'s mail server and sender, after applying ``settings``.

    The password is read from the environment variable the operator names
    (``--smtp-password-env``), never from the command line, where ``ps`` and
    the shell's history would show it.
    """
    with site_operations(instance) as sites:
        result = sites.run({"action": "mail", "site": site_id, "settings": settings})
    mail = result["mail"]
    user = f"{mail['smtp_user']} (password {mail['smtp_password'] or 'not set'})" \
        if mail["smtp_user"] else "no login"
    print(f"{site_id}: mails from {mail['sender_name'] or ''} <{mail['sender'] or ''}> "
          f"through {mail['smtp_host']}:{mail['smtp_port']}, {user}.")


def sites_export(instance, site_id, folder):
    folder = Path(folder).resolve()
    with site_operations(instance) as sites:
        result = sites.run({"action": "export", "site": site_id, "folder": str(folder)})
    print(f"Exported {site_id} to {folder} ({result['files']} path(s)).")


def sites_import(instance, site_id, folder, preset, title, language):
    folder = Path(folder).resolve()
    payload = {"action": "import", "site": site_id, "folder": str(folder),
               "preset": preset, "title": title, "language": language}
    with site_operations(instance) as sites:
        sites.run(payload)
    print(f"Imported {folder} into {site_id}.")


# -- storage: migration, backups ------------------------------------------

ZODBCONVERT_CONF = """\
%import relstorage
<filestorage source>
    path {data_fs}
    blob-dir {blobstorage}
    read-only true
</filestorage>
{destination}
"""


def bin_script(name):
    """A console script of this venv (repozo, zodbconvert)."""
    return str(Path(sys.executable).parent / name)


def filestorage_server_running(instance):
    return dataclasses.replace(instance, storage="filestorage").is_running()


def storage_migrate(instance, clear=False, incremental=False):
    """Copy the instance's FileStorage (and blobs) into the RelStorage of the DSN."""
    if not instance.relstorage:
        raise CommandError("set STORAGE=relstorage and COMMUNESPLONE_DSN (the destination)")
    if not instance.data_fs.is_file():
        raise CommandError(f"no FileStorage to migrate: {instance.data_fs} does not exist")
    if filestorage_server_running(instance):
        raise CommandError("stop the FileStorage server first (it holds Data.fs)")
    destination = instance.storage_section("migrate")
    destination = destination.split("<relstorage>", 1)[1].split("</relstorage>", 1)[0]
    conf = instance.etc / "zodbconvert.conf"
    instance.blob_cache("migrate").mkdir(parents=True, exist_ok=True)
    conf.write_text(ZODBCONVERT_CONF.format(
        data_fs=instance.data_fs, blobstorage=instance.blobstorage,
        destination=f"<relstorage destination>{destination}</relstorage>",
    ))
    conf.chmod(0o600)
    command = [bin_script("zodbconvert")]
    command += ["--clear"] if clear else []
    command += ["--incremental"] if incremental else []
    started = time.monotonic()
    result = subprocess.run([*command, str(conf)], capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["no output"])[-1]
        if "destination storage has data" in result.stderr:
            detail = ("the destination database already holds data "
                      "(--clear replaces it, --incremental adds the newer transactions)")
        raise CommandError(f"zodbconvert failed: {detail}")
    print(result.stdout.strip())
    print(f"Migrated {instance.data_fs} to RelStorage in {time.monotonic() - started:.1f} s; "
          "start with STORAGE=relstorage from now on.")


def copy_new_files(source, target):
    """Copy the files of ``source`` missing from ``target``; blobs never change once written."""
    copied = 0
    for path in source.rglob("*"):
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        elif not destination.exists():
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
            copied += 1
    return copied


def run_tool(command, what):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise CommandError(f"{what} failed: {detail}")
    return result


def backup(instance, full=False):
    """FileStorage: repozo (full, then incremental) plus the new blob files.

    RelStorage: ``pg_dump --format=custom`` of the database (blobs included).
    Safe while the server runs.
    """
    started = time.monotonic()
    if instance.relstorage:
        target = instance.backups / "postgresql"
        target.mkdir(parents=True, exist_ok=True)
        dump = target / time.strftime("zodb-%Y%m%d-%H%M%S.dump", time.gmtime())
        run_tool(["pg_dump", "--format=custom", f"--file={dump}", f"--dbname={instance.dsn}"],
                 "pg_dump")
        print(f"Dumped the database to {dump} in {time.monotonic() - started:.1f} s.")
        return
    if not instance.data_fs.is_file():
        raise CommandError(f"nothing to back up: {instance.data_fs} does not exist")
    repository = instance.backups / "filestorage"
    repository.mkdir(parents=True, exist_ok=True)
    command = [bin_script("repozo"), "--backup", "--gzip",
               f"--repository={repository}", f"--file={instance.data_fs}"]
    before = set(repository.iterdir())
    wait_for_a_new_second(repository)
    run_tool(command + (["--full"] if full else []), "repozo --backup")
    blobs = copy_new_files(instance.blobstorage, instance.backups / "blobstorage")
    new = {path.suffix for path in set(repository.iterdir()) - before}
    kind = "full" if ".fsz" in new else "incremental" if ".deltafsz" in new else "no change"
    print(f"Backed up {instance.data_fs} to {repository} ({kind}; {blobs} new blob file(s)) "
          f"in {time.monotonic() - started:.1f} s.")


def wait_for_a_new_second(repository):
    """repozo names its files by the second (UTC): a second backup within the same
    second as the last one would sort before it and be left out of a restore."""
    latest = max((path.name[:19] for path in repository.glob("*fsz")), default="")
    while time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime()) <= latest:
        time.sleep(0.05)


def restore(instance, date=None, dump=None):
    """Restore the FileStorage (and blobs) from the backups, at ``date`` if given.

    The current Data.fs is kept beside as ``Data.fs.before-restore``.
    """
    if instance.relstorage:
        if not dump:
            raise CommandError("on RelStorage give --dump FILE (a dump of 'backup')")
        run_tool(["pg_restore", "--clean", "--if-exists", "--no-owner",
                  f"--dbname={instance.dsn}", str(dump)], "pg_restore")
        print(f"Restored {dump}; restart the Zope processes.")
        return
    if instance.is_running():
        raise CommandError("stop the server before restoring")
    repository = instance.backups / "filestorage"
    if not any(repository.glob("*.fs*")):
        raise CommandError(f"no backup in {repository}")
    restored = instance.data_fs.with_name("Data.fs.restored")
    command = [bin_script("repozo"), "--recover", f"--repository={repository}",
               f"--output={restored}"]
    run_tool(command + ([f"--date={date}"] if date else []), "repozo --recover")
    if instance.data_fs.exists():
        instance.data_fs.replace(instance.data_fs.with_name("Data.fs.before-restore"))
    for stale in ("Data.fs.index", "Data.fs.tmp"):
        instance.data_fs.with_name(stale).unlink(missing_ok=True)
    restored.replace(instance.data_fs)
    blobs = copy_new_files(instance.backups / "blobstorage", instance.blobstorage)
    print(f"Restored {instance.data_fs}{' at ' + date if date else ''} "
          f"({blobs} blob file(s) put back).")


# -- several processes ----------------------------------------------------


def start_cluster(instance, count, first_port, host, site_id, preset_name, cache_port=None):
    """Serve ``count`` processes on consecutive ports, one RelStorage database.

    The admin and the site are prepared once here, then each worker is a
    ``communesplone serve-worker`` process; SIGINT/SIGTERM stop them all
    (each closes its database), and if one dies the others are stopped.
    With ``cache_port`` (and Debian's varnish installed), Varnish serves on
    that port in front of the workers and the site purges it on change.
    """
    if not instance.relstorage:
        raise CommandError("several processes need a shared storage: set STORAGE=relstorage "
                           "and COMMUNESPLONE_DSN (FileStorage allows a single process)")
    if count < 1:
        raise CommandError("-n must be at least 1")
    instance.write(port=first_port, host=host)
    import transaction

    from communesplone.policy.mailbox import start_for_sites

    with zope_app(instance) as app:
        ensure_admin(app)
        if ensure_site(app, site_id, preset_name):
            print(f"Created the site {site_id!r} from the preset {preset_name!r}.", flush=True)
        # The demo sites' mails go to their demo mailbox, as with `start`: one SMTP
        # sink here, in the parent, that every worker sends to (same machine, same var/).
        sinks = start_for_sites(app, instance.var)
        if cache_port:
            configure_cache(app, site_id, f"http://127.0.0.1:{cache_port}")
        transaction.commit()
    try:
        return _run_workers(instance, count, first_port, host, site_id, cache_port)
    finally:
        for sink in sinks:
            sink.stop()


def _run_workers(instance, count, first_port, host, site_id, cache_port=None):
    """Start the ``serve-worker`` processes and wait for them (see start_cluster)."""
    workers = []
    for index in range(count):
        port = first_port + index
        command = [bin_script("communesplone"), "serve-worker", "--port", str(port),
                   "--host", host]
        workers.append(subprocess.Popen(command, env=os.environ.copy()))
    print(f"Serving {count} process(es) on {host}:{first_port}-{first_port + count - 1}, "
          f"/{site_id} (Ctrl-C stops).", flush=True)
    proxy = None
    if cache_port:
        from communesplone.hosting.proxy import start_varnish

        proxy = start_varnish([(host, first_port + index) for index in range(count)],
                              cache_port, instance.var / "varnish", host=host)
        print(f"Varnish caches them on http://{host}:{cache_port}/{site_id}", flush=True)
    stopping = []

    def stop(_signum, _frame):
        stopping.append(True)
        if proxy is not None and proxy.poll() is None:
            proxy.terminate()
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    status = 0
    while any(worker.poll() is None for worker in workers):
        if not stopping and any(worker.poll() is not None for worker in workers):
            print("communesplone: a worker stopped; stopping the others", file=sys.stderr)
            status = 1
            stop(None, None)
        time.sleep(0.2)
    for worker in workers:
        worker.wait()
    print("All processes stopped.", flush=True)
    return status


def configure_cache(app, site_id, proxy_url):
    """Turn HTTP caching on for ``site_id`` and send its purges to ``proxy_url``."""
    from communesplone.policy.caching import configure_proxies

    configure_proxies(app[site_id], [proxy_url])


def default_cache_port():
    """``CACHE_PORT``, else Varnish's usual 6081 when varnishd is installed, else none."""
    from communesplone.hosting.proxy import varnishd

    configured = os.environ.get("CACHE_PORT")
    if configured is not None:
        return int(configured) or None
    return 6081 if varnishd() else None


def parser():
    main = argparse.ArgumentParser(prog="communesplone", description=__doc__.split("\n")[0])
    commands = main.add_subparsers(dest="command", required=True)
    start = commands.add_parser(
        "start", help="create the instance and its site if needed, then serve it"
    )
    start.add_argument("--site", default=os.environ.get("SITE_ID", "demo"))
    start.add_argument("--preset", default=os.environ.get("PRESET", "demo"))
    start.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    start.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    cluster = commands.add_parser(
        "start-cluster", help="serve N processes on consecutive ports (RelStorage only)"
    )
    cluster.add_argument("-n", type=int, default=int(os.environ.get("N", "2")), dest="count")
    cluster.add_argument("--site", default=os.environ.get("SITE_ID", "demo"))
    cluster.add_argument("--preset", default=os.environ.get("PRESET", "demo"))
    cluster.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    cluster.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    cluster.add_argument("--cache-port", type=int, default=None,
                         help="Varnish in front on this port (default: CACHE_PORT, else 6081 "
                              "when varnish is installed; 0: no cache)")
    worker = commands.add_parser("serve-worker", help=argparse.SUPPRESS)
    worker.add_argument("--port", type=int, required=True)
    worker.add_argument("--host", default="127.0.0.1")

    sites = commands.add_parser("sites", help="the commune sites of this instance")
    site_commands = sites.add_subparsers(dest="sites_command", required=True)
    listing = site_commands.add_parser("list", help="list the sites and their add-ons")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--usage", action="store_true",
                         help="also each site's storage use: records and blobs (walks them all)")
    create = site_commands.add_parser("create", help="create a site from a preset")
    create.add_argument("--id", required=True, dest="site_id")
    create.add_argument("--title", default=None)
    create.add_argument("--preset", default="commune")
    create.add_argument("--language", choices=("fr", "nl", "en", "de"), default=None)
    upgrade = site_commands.add_parser(
        "upgrade", help="run the pending upgrade steps of every CommunesPlone add-on"
    )
    upgrade.add_argument("site_ids", nargs="*", metavar="ID")
    upgrade.add_argument("--all", action="store_true", dest="every")
    addon = site_commands.add_parser("addon", help="install or uninstall an add-on on a site")
    addon.add_argument("action", choices=("install", "uninstall"))
    addon.add_argument("site_id", metavar="ID")
    addon.add_argument("addon", metavar="ADDON", help="e.g. communesplone.booking")
    many = site_commands.add_parser(
        "create-many", help="create the communes of a CSV file (id,name,nis_code,languages,addons)")
    many.add_argument("csv_file", metavar="FILE")
    many.add_argument("--preset", default="commune")
    suspend = site_commands.add_parser(
        "suspend", help="show a maintenance page (503) to everyone but Managers")
    suspend.add_argument("site_id", metavar="ID")
    resume = site_commands.add_parser("resume", help="open a suspended site again")
    resume.add_argument("site_id", metavar="ID")
    remove = site_commands.add_parser(
        "remove", help="export a site, then delete it (the export is required)")
    remove.add_argument("site_id", metavar="ID")
    remove.add_argument("--export-to", required=True, dest="folder")
    mail = site_commands.add_parser(
        "mail", help="show or set a site's mail server and sender")
    mail.add_argument("site_id", metavar="ID")
    mail.add_argument("--smtp-host", default=None)
    mail.add_argument("--smtp-port", default=None)
    mail.add_argument("--smtp-user", default=None, help="'' removes the login")
    mail.add_argument("--smtp-password-env", default=None, metavar="VARIABLE",
                      help="the environment variable that holds the password")
    mail.add_argument("--sender", default=None, help="the From address, e.g. info@namur.be")
    mail.add_argument("--sender-name", default=None, help="e.g. 'Ville de Namur'")
    caching = site_commands.add_parser(
        "caching", help="turn HTTP caching on (plone.app.caching), purges sent to a proxy")
    caching.add_argument("site_ids", nargs="*", metavar="ID")
    caching.add_argument("--all", action="store_true", dest="every")
    caching.add_argument("--proxy", action="append", default=[], dest="proxies",
                         metavar="URL", help="e.g. http://127.0.0.1:6081 (repeatable)")
    export = site_commands.add_parser("export", help="export a site (plone.exportimport)")
    export.add_argument("site_id", metavar="ID")
    export.add_argument("--to", required=True, dest="folder")
    importing = site_commands.add_parser("import", help="import an export into a site")
    importing.add_argument("site_id", metavar="ID")
    importing.add_argument("--from", required=True, dest="folder")
    importing.add_argument("--preset", default="commune", help="for a new site")
    importing.add_argument("--title", default=None)
    importing.add_argument("--language", choices=("fr", "nl", "en", "de"), default=None)

    storage = commands.add_parser("storage", help="the storage of this instance")
    storage_commands = storage.add_subparsers(dest="storage_command", required=True)
    migrate = storage_commands.add_parser(
        "migrate", help="copy the FileStorage into RelStorage (zodbconvert)"
    )
    migrate.add_argument("--clear", action="store_true", help="empty the destination first")
    migrate.add_argument("--incremental", action="store_true")
    backup_command = commands.add_parser("backup", help="back up the data (repozo or pg_dump)")
    backup_command.add_argument("--full", action="store_true")
    restore_command = commands.add_parser("restore", help="restore the data from the backups")
    restore_command.add_argument("--date", help="repozo date, e.g. 2026-11-23-13-45-00 (UTC)")
    restore_command.add_argument("--dump", help="RelStorage: the pg_dump file")
    jobs = commands.add_parser("jobs", help="clock-driven jobs of the add-ons (for cron)")
    job_commands = jobs.add_subparsers(dest="jobs_command", required=True)
    run = job_commands.add_parser(
        "run", help="run the jobs (reminders, yearly mails, data retention) of the sites"
    )
    run.add_argument("site_ids", nargs="*", metavar="ID", help="default: every site")
    run.add_argument("--job", action="append", dest="only", metavar="NAME",
                     help="only this job (repeatable), e.g. booking-reminders")
    return main


def run_sites(instance, args):
    if args.sites_command == "list":
        sites_list(instance, as_json=args.json, usage=args.usage)
    elif args.sites_command == "create":
        sites_create(instance, args.site_id, args.title, args.preset, args.language)
    elif args.sites_command == "upgrade":
        if args.every == bool(args.site_ids):
            raise CommandError("give site ids or --all (not both)")
        return sites_upgrade(instance, args.site_ids, args.every)
    elif args.sites_command == "addon":
        sites_addon(instance, args.action, args.site_id, args.addon)
    elif args.sites_command == "create-many":
        return sites_create_many(instance, args.csv_file, args.preset)
    elif args.sites_command in ("suspend", "resume"):
        sites_suspend(instance, args.site_id, args.sites_command)
    elif args.sites_command == "remove":
        sites_remove(instance, args.site_id, args.folder)
    elif args.sites_command == "caching":
        if args.every == bool(args.site_ids):
            raise CommandError("give site ids or --all (not both)")
        sites_caching(instance, args.site_ids, args.every, args.proxies)
    elif args.sites_command == "export":
        sites_export(instance, args.site_id, args.folder)
    elif args.sites_command == "mail":
        settings = {"smtp_host": args.smtp_host, "smtp_port": args.smtp_port,
                    "smtp_user": args.smtp_user, "sender": args.sender,
                    "sender_name": args.sender_name}
        if args.smtp_password_env:
            if args.smtp_password_env not in os.environ:
                raise CommandError(f"the variable {args.smtp_password_env} is not set")
            settings["smtp_password"] = os.environ[args.smtp_password_env]
        sites_mail(instance, args.site_id, settings)
    else:
        sites_import(instance, args.site_id, args.folder, args.preset, args.title, args.language)
    return 0


def run_jobs(instance, ids, only):
    """The clock-driven jobs (reminders, yearly mails, retention) of the sites, for cron.

    One transaction per site: a site whose jobs fail is reported and the
    others still run. A lock file in the instance's folder keeps two runs from
    overlapping (a cron entry that fires while the previous run still works on
    281 sites): the second says so and exits 75 (EX_TEMPFAIL). Exit status 1
    when a job failed on a site.
    """
    import fcntl

    instance.var.mkdir(parents=True, exist_ok=True)
    with open(instance.var / "jobs.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("communesplone: another 'jobs run' is still working on this instance; "
                  "nothing done", file=sys.stderr)
            return 75
        failed = 0
        started = time.monotonic()
        with site_operations(instance) as operations:
            targets = ids or operations.ids()
            for site_id in targets:
                try:
                    result = operations.run({"action": "jobs", "site": site_id,
                                             "only": only or None})
                except CommandError as error:
                    failed += 1
                    print(f"{site_id}: failed: {error}", file=sys.stderr)
                    continue
                for job in result["jobs"]:
                    if "error" in job:
                        failed += 1
                        print(f"{site_id}: {job['job']}: failed: {job['error']}",
                              file=sys.stderr)
                    else:
                        print(f"{site_id}: {job['job']}: {job['done']}")
        print(f"jobs: {len(targets)} site(s) in {time.monotonic() - started:.1f} s, "
              f"{failed} failure(s)", file=sys.stderr)
    return 1 if failed else 0


def check_preset(name):
    from communesplone.policy.presets import PresetError, load_preset

    try:
        load_preset(name)
    except PresetError as error:
        raise CommandError(str(error)) from error


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        instance = Instance.from_environment()
        if args.command == "start":
            check_preset(args.preset)
            if instance.is_running():
                raise CommandError(f"the instance in {instance.var} is already running")
            instance.write(port=args.port, host=args.host)
            serve(instance, args.site, args.preset)
            return 0
        if args.command == "start-cluster":
            check_preset(args.preset)
            cache_port = (args.cache_port if args.cache_port is not None
                          else default_cache_port())
            return start_cluster(instance, args.count, args.port, args.host, args.site,
                                 args.preset, cache_port=cache_port or None)
        if args.command == "serve-worker":
            name = f"worker-{args.port}"
            instance.write(port=args.port, host=args.host, name=name)
            serve(instance, None, None, name=name)
            return 0
        if not instance.exists():
            raise CommandError(f"no instance in {instance.var} (run 'make start' first)")
        if args.command == "sites":
            return run_sites(instance, args)
        if args.command == "jobs":
            return run_jobs(instance, args.site_ids, args.only)
        if args.command == "storage":
            storage_migrate(instance, clear=args.clear, incremental=args.incremental)
        elif args.command == "backup":
            backup(instance, full=args.full)
        elif args.command == "restore":
            restore(instance, date=args.date, dump=args.dump)
    except (CommandError, StorageConfigError) as error:
        print(f"communesplone: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
