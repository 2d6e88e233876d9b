"""The ``communesplone`` command: serve the instance and manage its commune sites.

``communesplone start`` is what ``make start`` runs. ``communesplone sites ...``
works whether the server runs or not: a running server holds the FileStorage
lock, so the command then talks to it over HTTP (``@@communesplone-sites`` at
the Zope root, as a Manager); otherwise it opens the database itself.
"""

from communesplone.instance import Instance
from contextlib import contextmanager

import argparse
import base64
import json
import os
import signal
import sys
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

    make_wsgi_app({}, str(instance.zope_conf))
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
        users._doAddUser(name, password, ["Manager"], [])
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


def serve(instance, site_id, preset_name):
    """Prepare the instance and serve it until Ctrl-C or SIGTERM; close the database cleanly."""
    import transaction
    import Zope2
    from paste.deploy import loadapp
    from paste.deploy import loadserver
    from Zope2.Startup.serve import setup_logging

    ini = str(instance.zope_ini)
    setup_logging(ini)
    wsgi_app = loadapp(f"config:{ini}")
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
        transaction.commit()
        noSecurityManager()
        setRequest(None)
    finally:
        with_root._p_jar.close()
    server = loadserver(f"config:{ini}")
    # A job started with & ignores SIGINT and SIGTERM would skip closing the
    # database: map both to KeyboardInterrupt so the finally below runs.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    port = instance.configured_port()
    print(f"Serving http://localhost:{port}/{site_id} (Ctrl-C stops).", flush=True)
    try:
        server(wsgi_app)  # waitress returns on KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    finally:
        for db in Zope2.opened:
            db.close()
        print("Stopped; the database is closed.", flush=True)


def call_server(instance, method, payload=None):
    """Call ``@@communesplone-sites`` on the running server as the admin."""
    url = f"http://127.0.0.1:{instance.configured_port()}/@@communesplone-sites"
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


def sites_list(instance, as_json=False):
    if instance.is_running():
        sites = call_server(instance, "GET")["sites"]
    else:
        from communesplone.policy.sites import list_sites

        with zope_app(instance) as app:
            sites = list_sites(app)
    if as_json:
        print(json.dumps(sites, indent=2))
        return
    if not sites:
        print("No site in this instance.")
    for site in sites:
        installed = ", ".join(
            f"{addon['id']} {addon['version']}" for addon in site["addons"] if addon["installed"]
        )
        print(f"{site['id']}\t{site['title']}\t{site['language']}\t"
              f"preset={site['preset']}\t{installed or 'no CommunesPlone add-on'}")


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
    sites = commands.add_parser("sites", help="the commune sites of this instance")
    site_commands = sites.add_subparsers(dest="sites_command", required=True)
    listing = site_commands.add_parser("list", help="list the sites and their add-ons")
    listing.add_argument("--json", action="store_true")
    create = site_commands.add_parser("create", help="create a site from a preset")
    create.add_argument("--id", required=True, dest="site_id")
    create.add_argument("--title", default=None)
    create.add_argument("--preset", default="commune")
    create.add_argument("--language", choices=("fr", "nl", "en", "de"), default=None)
    return main


def main(argv=None):
    args = parser().parse_args(argv)
    instance = Instance.from_environment()
    try:
        if args.command == "start":
            from communesplone.policy.presets import PresetError, load_preset

            try:
                load_preset(args.preset)
            except PresetError as error:
                raise CommandError(str(error)) from error
            if instance.is_running():
                raise CommandError(f"the instance in {instance.var} is already running")
            instance.write(port=args.port, host=args.host)
            serve(instance, args.site, args.preset)
            return 0
        if not instance.exists():
            raise CommandError(f"no instance in {instance.var} (run 'make start' first)")
        if args.sites_command == "list":
            sites_list(instance, as_json=args.json)
        else:
            sites_create(instance, args.site_id, args.title, args.preset, args.language)
    except CommandError as error:
        print(f"communesplone: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
