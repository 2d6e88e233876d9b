"""Helpers of the hosting tests: the command in a subprocess, PostgreSQL, polling."""

from pathlib import Path

import subprocess
import sys
import time

COMMAND = str(Path(sys.executable).parent / "communesplone")


def run(env, *args, timeout=600):
    """The ``communesplone`` command in a subprocess (its own Zope, its own storage)."""
    return subprocess.run([COMMAND, *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


class PostgreSQL:
    """A server reachable with ``base`` (a keyword DSN without dbname)."""

    def __init__(self, base):
        self.base = base

    def dsn(self, dbname):
        return f"dbname='{dbname}' {self.base}"

    def create_database(self, name):
        """A new empty database (dropped first if a previous run left it)."""
        import psycopg2

        connection = psycopg2.connect(self.dsn("postgres"))
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        connection.close()
        return self.dsn(name)


def wait_for(url, process=None, deadline=300):
    """Poll ``url`` until it answers 200 (the process must stay alive)."""
    import urllib.request

    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the server stopped (exit status {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                status = response.status
        except OSError:
            status = None  # not listening yet: try again
        if status == 200:
            return
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer in {deadline} s")
