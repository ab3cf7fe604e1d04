"""``intake dashboard hash-password``: the password hash a dashboard user's entry needs."""

from __future__ import annotations

import click

from web.dashboard.auth import hash_password, read_password


@click.group()
def dashboard() -> None:
    """The operations dashboard's users."""


@dashboard.command("hash-password")
def hash_password_command() -> None:
    """Print the argon2id hash of a password typed without echo (or the first line piped in),
    for INTAKE_DASHBOARD_USERS."""
    password = read_password()
    if not password:
        raise click.ClickException("mot de passe vide : rien à chiffrer")
    click.echo(hash_password(password))
