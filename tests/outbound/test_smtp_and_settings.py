"""SMTP over STARTTLS and implicit TLS with a login, against a real aiosmtpd with a
self-signed certificate; outbound settings checked at start-up."""

from __future__ import annotations

import ssl
from email.message import EmailMessage
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from outbound_support import FROM, Inbox, self_signed, smtp_config
from services import free_port

from intake.errors import ConfigError, RetryableError
from outbound import smtp
from outbound.config import SmtpConfig, WebhookConfig, from_settings, team_names
from routing.rules import load_rules


def _check_login(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"intake", b"s3cret")
    return AuthResult(success=ok)


@pytest.fixture(params=["starttls", "ssl"])
def tls_inbox(request, tmp_path):
    """A real SMTP server with TLS (STARTTLS or implicit) that requires a login over TLS."""
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    box = Inbox(port=free_port())
    starttls = request.param == "starttls"
    tls = {"tls_context": context, "require_starttls": True} if starttls else {"ssl_context": context}
    # aiosmtpd only counts STARTTLS as TLS for AUTH; under implicit TLS the whole session is encrypted anyway
    controller = Controller(box, hostname="127.0.0.1", port=box.port, authenticator=_check_login,
                            auth_require_tls=starttls, **tls)
    controller.start()
    yield box, request.param, cert
    controller.stop()


def _message() -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = FROM, "marie.martin@example.org", "Test"
    message.set_content("Bonjour")
    return message


def test_a_message_goes_over_tls_with_a_login(tls_inbox):
    box, mode, cert = tls_inbox
    smtp.send(smtp_config(box, tls=mode, username="intake", password="s3cret", ca_file=cert), _message())
    assert [m["Subject"] for m in box.messages] == ["Test"]


def test_an_unknown_certificate_or_a_wrong_password_is_a_retryable_failure(tls_inbox):
    box, mode, cert = tls_inbox
    with pytest.raises(RetryableError):
        smtp.send(smtp_config(box, tls=mode, username="intake", password="s3cret"), _message())  # system CAs only
    # (aiosmtpd leaves smtplib's fallback to AUTH LOGIN hanging after the refusal: a short timeout ends it)
    wrong = smtp_config(box, tls=mode, username="intake", password="wrong", ca_file=cert, timeout_seconds=0.5)
    with pytest.raises(RetryableError):
        smtp.send(wrong, _message())
    assert box.messages == []


def test_credentials_are_never_sent_in_clear_beyond_loopback():
    with pytest.raises(ConfigError, match="loopback"):
        SmtpConfig(host="smtp.mutuelle.example", tls="none", username="intake", password="x", from_address=FROM)
    assert SmtpConfig(host="127.0.0.1", tls="none", username="intake", password="x", from_address=FROM)
    assert SmtpConfig(host="smtp.mutuelle.example", from_address=FROM).effective_port == 587


def test_bad_outbound_settings_stop_the_program_at_start_up():
    with pytest.raises(ConfigError, match="INTAKE_SMTP_FROM"):
        SmtpConfig(host="smtp.mutuelle.example", from_address="pôle santé")
    with pytest.raises(ConfigError, match="16"):
        WebhookConfig(urls=("https://helpdesk.example/hooks",), secret="short")
    with pytest.raises(ConfigError, match="http"):
        WebhookConfig(urls=("ftp://helpdesk.example/hooks",), secret="x" * 20)


def test_the_config_is_built_from_the_settings_fields_the_lead_adds():
    settings = SimpleNamespace(
        smtp_host="smtp.mutuelle.example", smtp_port=None, smtp_tls="ssl", smtp_user="intake",
        smtp_password="s3cret", smtp_from=FROM, smtp_timeout_seconds=30.0, smtp_ca_file=None,
        webhook_urls=("https://helpdesk.example/hooks",), webhook_secret="x" * 32, webhook_timeout_seconds=10.0,
        webhook_max_attempts=5, webhook_retry_base_seconds=1.0, events_exchange="intake.events", ack_language="fr",
        outbound_templates_dir=None, ack_resend_unconfirmed=True)
    config = from_settings(settings, load_rules().teams)
    assert config.smtp.effective_port == 465 and config.smtp.domain == "mutuelle.example"
    assert "s3cret" not in repr(config) and config.webhooks.urls == ("https://helpdesk.example/hooks",)
    assert config.team_names["complaints"] == "notre cellule réclamations"


def test_a_team_without_friendly_wording_is_named_from_the_rules_description():
    names = team_names({"prevoyance": "Gestionnaires prévoyance — arrêts de travail"})
    assert names["prevoyance"] == "l'équipe « Gestionnaires prévoyance »"
