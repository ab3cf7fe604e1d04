"""Each connector declares its own settings, checked at start-up; the registry knows every kind."""

from __future__ import annotations

import pytest

from cli.config import load_settings, setting_names
from connectors.registry import CONNECTORS, build, connector_class, expand, settings_of
from intake.errors import ConfigError
from intake.settings import Settings
from runtime.app import App
from web.settings import WebSettings

MAILBOXES = ('[{"name": "sante", "host": "127.0.0.1", "user": "u", "password": "p", "security": "plain"},'
             ' {"name": "prevoyance", "host": "imap.mutuelle.example", "user": "u", "password": "p"}]')


def test_every_connector_kind_is_in_the_registry_with_a_settings_model_of_its_own():
    assert all(connector_class(kind).kind == kind for kind in CONNECTORS)
    own = [set(connector_class(kind).Settings.model_fields) for kind in CONNECTORS]
    assert all(fields and not fields & set(Settings.model_fields) for fields in own)


def test_the_core_settings_list_no_connector_setting():
    assert not {n for n in Settings.model_fields if n.startswith(("imap", "hotfolder", "calls", "web", "smtp"))}
    assert {"imap_mailboxes", "hotfolder_dir", "calls_exchange", "web_api_keys", "smtp_host"} <= setting_names()


def test_connector_settings_come_from_the_environment_and_a_toml_file(tmp_path):
    config = tmp_path / "intake.toml"
    config.write_text('[intake]\nconnectors = ["imap", "hotfolder"]\nhotfolder_dir = "/srv/scans"\n'
                      '[[intake.imap_mailboxes]]\nname = "sante"\nhost = "imap.mutuelle.example"\n'
                      'user = "sante"\npassword = "s3cret"\nsecurity = "starttls"\n')
    environ = {"INTAKE_CONFIG": str(config), "INTAKE_WEB_API_KEYS": "a" * 16 + ", " + "b" * 20}
    settings = load_settings(environ=environ)
    assert settings.connectors == ("imap", "hotfolder")
    imap = settings_of("imap", environ)
    assert imap.imap_mailboxes[0].effective_port == 143 and WebSettings.load(environ).web_api_keys == ("a" * 16, "b" * 20)
    assert "s3cret" not in repr(imap)
    assert expand("imap", {"INTAKE_IMAP_MAILBOXES": MAILBOXES}) == ["imap:sante", "imap:prevoyance"]


@pytest.mark.parametrize(("environ", "message"), [
    ({"INTAKE_CONNECTORS": "fax"}, "connector 'fax' is unknown"),
    ({"INTAKE_CONNECTORS": "web"}, "needs INTAKE_WEB_API_KEYS"),
    ({"INTAKE_CONNECTORS": "calllog-amqp"}, "needs INTAKE_CALLS_EXCHANGE"),
    ({"INTAKE_CONNECTORS": "web", "INTAKE_WEB_API_KEYS": "court"}, r"16\+ characters"),
    ({"INTAKE_CONNECTORS": "web", "INTAKE_WEB_MAX_BYTES": "0"}, "INTAKE_WEB_MAX_BYTES"),
    ({"INTAKE_CONNECTORS": "web", "INTAKE_WEB_PORT": "70000"}, "INTAKE_WEB_PORT"),
    ({"INTAKE_CONNECTORS": "imap", "INTAKE_IMAP_MAILBOXES": "{pas du json"}, "JSON list"),
    ({"INTAKE_CONNECTORS": "imap", "INTAKE_IMAP_MAILBOXES": MAILBOXES.replace("prevoyance", "sante")}, "unique"),
    ({"INTAKE_CONNECTORS": "imap",
      "INTAKE_IMAP_MAILBOXES": MAILBOXES.replace('"password": "p"}]', '"password": "p", "port": 0}]')}, "port"),
])
def test_a_bad_connector_setting_stops_start_up_with_a_clear_message(environ, message):
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings(environ=environ)
    assert "court" not in str(caught.value) and '"p"' not in str(caught.value)


def test_a_calls_feed_without_an_amqp_broker_is_a_configuration_error(settings):
    environ = {"INTAKE_CALLS_EXCHANGE": "appels"}
    with pytest.raises(ConfigError, match="amqp://"):
        build(App(settings).connector_context(), "calllog-amqp", environ)


def test_building_an_unconfigured_connector_is_a_configuration_error(settings):
    with pytest.raises(ConfigError, match="needs INTAKE_HOTFOLDER_DIR"):
        build(App(settings).connector_context(), "hotfolder", {})


def test_an_unknown_setting_in_the_file_is_refused_naming_it(tmp_path):
    config = tmp_path / "intake.toml"
    config.write_text("[intake]\nocr_langage = 'fra'\nhotfolder_dir = '/srv/scans'\n")
    with pytest.raises(ConfigError, match="OCR_LANGAGE") as caught:
        load_settings(environ={"INTAKE_CONFIG": str(config)})
    assert "HOTFOLDER_DIR" not in str(caught.value)
