"""The trained model as a versioned artifact in the object store.

``intake train`` names each model a version (UTC time of training and the
family, e.g. ``20260302-091500-vectors``) and publishes it as::

    models/classifier/<version>/model.tar.gz     the model directory: spaCy pipeline, meta, calibration
    models/classifier/<version>/manifest.json    version, sha256 and size of the archive, training report
    models/classifier/latest                     the newest version's name (written last)

Workers resolve the version named in the settings (``INTAKE_CLASSIFIER_VERSION``,
empty for ``latest``), fetch it once into a local cache directory
(``<data dir>/models/cache/<version>``), check its sha256 and unpack it
atomically. Only the kernel's ``BlobStore`` protocol is used, so classify/
never imports storage/.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from intake.errors import IntakeError, NotFound
from intake.ports import BlobStore

PREFIX = "models/classifier"
LATEST = f"{PREFIX}/latest"
ARCHIVE, MANIFEST = "model.tar.gz", "manifest.json"


class ModelArtifactError(IntakeError):
    """A model version that is missing, damaged or would overwrite another."""


def pack(directory: Path) -> bytes:
    """The model directory as a gzipped tar, byte-for-byte the same for the same files."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=6, mtime=0) as zipped:  # no time in the header
        with tarfile.open(fileobj=zipped, mode="w") as tar:
            for path in sorted(p for p in directory.rglob("*") if p.is_file()):
                info = tar.gettarinfo(str(path), arcname=str(path.relative_to(directory)))
                info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
                with path.open("rb") as handle:
                    tar.addfile(info, handle)
    return buffer.getvalue()


def unpack(data: bytes, target: Path) -> None:
    """Unpack an archive into ``target`` (which must not exist), atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".unpack-", dir=target.parent))
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            tar.extractall(staging, filter="data")  # refuses absolute paths, "..", links out of the tree
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def version_key(version: str, name: str) -> str:
    """The store key of one file of a version."""
    if not version or "/" in version or version.startswith("."):
        raise ModelArtifactError("bad model version", version=version)
    return f"{PREFIX}/{version}/{name}"


def publish(store: BlobStore, directory: Path, version: str, report: dict | None = None) -> dict:
    """Write the model in ``directory`` to the store as ``version`` and point ``latest`` at it."""
    data = pack(directory)
    manifest = {"version": version, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                "report": report or {}}
    if store.exists(version_key(version, MANIFEST)):
        known = json.loads(store.get(version_key(version, MANIFEST)))
        if known["sha256"] != manifest["sha256"]:
            raise ModelArtifactError("another model is already published under this version", version=version)
    store.put(version_key(version, ARCHIVE), data, "application/gzip")
    store.put(version_key(version, MANIFEST), json.dumps(manifest, indent=2).encode(), "application/json")
    store.put(LATEST, version.encode(), "text/plain")  # last: a reader never sees a half-written version
    return manifest


def versions(store: BlobStore) -> list[str]:
    """The published versions, oldest first (versions start with their UTC training time)."""
    found = {key[len(PREFIX) + 1:].split("/")[0] for key in store.list(f"{PREFIX}/") if key.endswith(MANIFEST)}
    return sorted(found)


def resolve(store: BlobStore, wanted: str = "") -> str | None:
    """The version to load: ``wanted``, or the latest published one; None when nothing was published."""
    if wanted:
        if not store.exists(version_key(wanted, MANIFEST)):
            raise ModelArtifactError("model version not in the store", version=wanted, known=versions(store))
        return wanted
    try:
        return store.get(LATEST).decode().strip() or None
    except NotFound:
        return None


def fetch(store: BlobStore, version: str, cache: Path) -> Path:
    """The local directory of ``version``, downloaded and checked once, then reused."""
    target = cache / version
    if target.is_dir():
        return target
    manifest = json.loads(store.get(version_key(version, MANIFEST)))
    data = store.get(version_key(version, ARCHIVE))
    if hashlib.sha256(data).hexdigest() != manifest["sha256"]:
        raise ModelArtifactError("model archive does not match its manifest", version=version)
    try:
        unpack(data, target)
    except OSError:
        if not target.is_dir():  # another process unpacked it first: theirs is as good
            raise
    return target
