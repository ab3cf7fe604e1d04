"""Connector settings are checked at start-up, and the registry knows every kind."""

from __future__ import annotations

import pytest

from connectors.registry import CONNECTORS, build, connector_class, expand
from runtime.app import App
from intake.errors import ConfigError
from intake.settings import CONNECTOR_KINDS, Settings

MAILBOXES = ('[{"name": "sante", "host": "127.0.0.1", "user": "u", "password": "p", "security": "plain"},'
             ' {"name": "prevoyance", "host": "imap.mutuelle.example", "user": "u", "password": "p"}]')


def test_every_connector_kind_the_settings_accept_is_in_the_registry():
    assert set(CONNECTOR_KINDS) == set(CONNECTORS)
    assert all(connector_class(kind).kind == kind for kind in CONNECTORS)


def test_connector_settings_come_from_the_environment_and_a_toml_file(tmp_path):
    config = tmp_path / "intake.toml"
    config.write_text('[intake]\nconnectors = ["imap", "hotfolder"]\nhotfolder_dir = "/srv/scans"\n'
                      '[[intake.imap_mailboxes]]\nname = "sante"\nhost = "imap.mutuelle.example"\n'
                      'user = "sante"\npassword = "s3cret"\nsecurity = "starttls"\n')
    settings = Settings.load(environ={"INTAKE_CONFIG": str(config), "INTAKE_WEB_API_KEYS": "a" * 16 + ", " + "b" * 20})
    assert settings.connectors == ("imap", "hotfolder")
    assert settings.imap_mailboxes[0].effective_port == 143 and settings.web_api_keys == ("a" * 16, "b" * 20)
    assert "s3cret" not in repr(settings)
    assert expand(Settings.load(environ={"INTAKE_IMAP_MAILBOXES": MAILBOXES}), "imap") == ["imap:sante",
                                                                                           "imap:prevoyance"]


@pytest.mark.parametrize(("environ", "message"), [
    ({"INTAKE_CONNECTORS": "fax"}, "unknown connector 'fax'"),
    ({"INTAKE_CONNECTORS": "web"}, "needs INTAKE_WEB_API_KEYS"),
    ({"INTAKE_CONNECTORS": "calllog-amqp", "INTAKE_CALLS_EXCHANGE": "appels"}, "amqp://"),
    ({"INTAKE_WEB_API_KEYS": "court"}, r"16\+ characters"),
    ({"INTAKE_WEB_MAX_BYTES": "0"}, "INTAKE_WEB_MAX_BYTES"),
    ({"INTAKE_WEB_PORT": "70000"}, "INTAKE_WEB_PORT"),
    ({"INTAKE_IMAP_MAILBOXES": "{pas du json"}, "JSON list"),
    ({"INTAKE_IMAP_MAILBOXES": MAILBOXES.replace("prevoyance", "sante")}, "unique"),
    ({"INTAKE_IMAP_MAILBOXES": MAILBOXES.replace('"password": "p"}]', '"password": "p", "port": 0}]')}, "port"),
])
def test_a_bad_connector_setting_stops_start_up_with_a_clear_message(environ, message):
    with pytest.raises(ConfigError, match=message) as caught:
        Settings.load(environ=environ)
    assert "court" not in str(caught.value) and '"p"' not in str(caught.value)


def test_building_an_unconfigured_connector_is_a_configuration_error(settings):
    with pytest.raises(ConfigError, match="needs INTAKE_HOTFOLDER_DIR"):
        build(App(settings), "hotfolder")
