"""A throwaway Dovecot IMAP server on loopback (Debian ``dovecot-imapd``).

The master runs as root; login and mail processes run as ``dovenull`` and
``nobody``, so the whole directory lives under a world-traversable temporary
directory, not under pytest's private ``tmp_path``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from services import free_port, wait_for_port

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
default_login_user = dovenull
default_internal_user = dovecot
default_internal_group = dovecot
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
  }}
}}
"""


@dataclass(frozen=True)
class Dovecot:
    """Where the server listens and who may log in."""

    host: str
    port: int
    user: str
    password: str
    root: Path
    ssl_port: int = 0

    @property
    def ca_file(self) -> Path:
        """The server's self-signed certificate (for 127.0.0.1 only), to trust in TLS tests."""
        return self.root / "cert.pem"

    def as_user(self, user: str) -> "Dovecot":
        """The same server seen by another user (every user has the one password and its own mailbox)."""
        return Dovecot(self.host, self.port, user, self.password, self.root, self.ssl_port)


@contextlib.contextmanager
def dovecot_server(user: str = "sante", password: str = "secret-imap") -> Iterator[Dovecot]:
    """Start ``dovecot -c <conf>`` on a free loopback port; stop it afterwards (that takes ~2 s)."""
    if shutil.which("dovecot") is None:
        raise RuntimeError("Dovecot is not installed: run `make test` (it installs dovecot-imapd)")
    root = Path(tempfile.mkdtemp(prefix="intake-dovecot-"))
    root.chmod(0o755)
    for name in ("run", "state", "mail"):
        (root / name).mkdir()
    shutil.chown(root / "mail", "nobody", "nogroup")
    _self_signed(root)
    port, ssl_port = free_port(), free_port()
    conf = root / "dovecot.conf"
    conf.write_text(CONFIG.format(root=root, port=port, ssl_port=ssl_port, password=password))
    with open(root / "start.log", "wb") as out:  # the daemon keeps inherited pipes open: use a file
        subprocess.run(["dovecot", "-c", str(conf)], check=True, stdout=out, stderr=subprocess.STDOUT, timeout=30)
    try:
        wait_for_port(port, 20)
        wait_for_port(ssl_port, 20)
        yield Dovecot("127.0.0.1", port, user, password, root, ssl_port)
    finally:
        _stop(root)
        shutil.rmtree(root, ignore_errors=True)


def _self_signed(root: Path) -> None:
    """A throwaway certificate valid for the IP 127.0.0.1 only (no DNS name)."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=intake-test",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(root / "key.pem"),
                    "-out", str(root / "cert.pem")], check=True, capture_output=True, timeout=60)


def _stop(root: Path) -> None:
    pid_file = root / "run" / "master.pid"
    with contextlib.suppress(OSError, ValueError):
        pid = int(pid_file.read_text().split()[0])
        os.kill(pid, signal.SIGTERM)
        for _ in range(50):
            os.kill(pid, 0)
            time.sleep(0.1)
