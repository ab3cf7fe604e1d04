"""``intake dashboard hash-password``: a hash for the users' setting, the password never echoed."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from web.dashboard.auth import verify_secret

INTAKE = str(Path(sys.executable).with_name("intake"))


def test_a_piped_password_is_hashed_without_a_prompt_or_a_warning():
    done = subprocess.run([INTAKE, "dashboard", "hash-password"], input="secret-2026\n", capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    assert verify_secret("secret-2026", done.stdout.strip())


def test_an_empty_password_is_refused_in_french():
    done = subprocess.run([INTAKE, "dashboard", "hash-password"], input="\n", capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1 and "mot de passe vide" in done.stderr


def test_a_password_typed_at_a_terminal_is_not_echoed():
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command on a terminal
        os.execv(INTAKE, [INTAKE, "dashboard", "hash-password"])
    seen = _read_until(fd, b"Mot de passe : ")
    os.write(fd, b"secret-2026\n")
    seen += _read_until(fd, b"$argon2id$", then_line=True)
    os.waitpid(pid, 0)
    text = seen.decode(errors="replace")
    assert "secret-2026" not in text and "Warning" not in text
    assert verify_secret("secret-2026", text[text.index("$argon2id$"):].split()[0])


def _read_until(fd: int, marker: bytes, then_line: bool = False, timeout: float = 60) -> bytes:
    """What the terminal shows until ``marker`` (and the rest of its line)."""
    seen, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker in seen and (not then_line or seen.split(marker, 1)[1].endswith(b"\n")):
            return seen
        if select.select([fd], [], [], 1)[0]:
            try:
                seen += os.read(fd, 1024)
            except OSError:
                return seen
    return seen
