"""Restore drill: ``communesplone backup`` (repozo full + incremental, blobs) and ``restore``.

The data is written with plain ZODB (no Zope start: fast); the commands are
the real ones in a subprocess, on an instance folder as ``make start`` makes it.
"""

from communesplone.instance import Instance
from hostinghelpers import run
from ZODB.blob import Blob
from ZODB.FileStorage import FileStorage

import os
import time
import transaction
import ZODB

import pytest


@pytest.fixture
def instance(tmp_path):
    var = tmp_path / "var"
    env = dict(os.environ, COMMUNESPLONE_VAR=str(var))
    env.pop("STORAGE", None)
    instance = Instance(var)
    instance.write()
    return instance, env


def write(instance, key, payload):
    """Commit ``root[key]`` = a blob holding ``payload``."""
    db = ZODB.DB(FileStorage(str(instance.data_fs), blob_dir=str(instance.blobstorage)))
    try:
        with db.transaction() as connection:
            blob = Blob()
            with blob.open("w") as file:
                file.write(payload)
            connection.root()[key] = blob
    finally:
        db.close()


def read(instance):
    db = ZODB.DB(FileStorage(str(instance.data_fs), blob_dir=str(instance.blobstorage),
                             read_only=True))
    try:
        connection = db.open()
        data = {key: blob.open("r").read() for key, blob in connection.root().items()}
        connection.close()
        transaction.abort()
        return data
    finally:
        db.close()


def test_full_then_incremental_backup_and_restore(instance):
    instance, env = instance
    write(instance, "budget", b"budget 2027" * 1000)
    full = run(env, "backup")
    assert full.returncode == 0, full.stderr
    assert "(full; " in full.stdout

    write(instance, "minutes", b"minutes of the council")
    incremental = run(env, "backup")
    assert incremental.returncode == 0, incremental.stderr
    assert "(incremental; 1 new blob file(s))" in incremental.stdout
    repository = instance.backups / "filestorage"
    assert len(list(repository.glob("*.fsz"))) == 1
    assert len(list(repository.glob("*.deltafsz"))) == 1

    # Disaster: the data file and the blobs are lost.
    instance.data_fs.unlink()
    for path in sorted(instance.blobstorage.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    restored = run(env, "restore")
    assert restored.returncode == 0, restored.stderr
    assert read(instance) == {"budget": b"budget 2027" * 1000,
                              "minutes": b"minutes of the council"}


def test_restore_at_a_date_and_keeps_the_current_file(instance):
    instance, env = instance
    write(instance, "budget", b"first")
    assert run(env, "backup", "--full").returncode == 0
    moment = time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime(time.time() + 1))
    time.sleep(2.1)  # repozo names backups to the second
    write(instance, "later", b"second")
    assert run(env, "backup").returncode == 0

    restored = run(env, "restore", "--date", moment)
    assert restored.returncode == 0, restored.stderr
    assert read(instance) == {"budget": b"first"}
    assert instance.data_fs.with_name("Data.fs.before-restore").exists()


def test_restore_without_backup_or_with_a_running_server(instance):
    instance, env = instance
    write(instance, "x", b"x")
    missing = run(env, "restore")
    assert missing.returncode == 1 and "no backup in" in missing.stderr
    assert run(env, "backup").returncode == 0
    db = ZODB.DB(FileStorage(str(instance.data_fs), blob_dir=str(instance.blobstorage)))
    try:  # the server holds the lock
        running = run(env, "restore")
    finally:
        db.close()
    assert running.returncode == 1 and "stop the server" in running.stderr
