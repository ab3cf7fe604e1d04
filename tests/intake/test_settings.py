"""Settings are parsed once and bad values stop start-up with a clear message."""

from __future__ import annotations

import pytest

from intake.errors import ConfigError
from intake.settings import Settings
from web.settings import WebSettings


def test_no_configuration_means_the_embedded_default(tmp_path):
    settings = Settings.load(environ={}, data_dir=tmp_path)
    assert settings.effective_broker_url == "filesystem://"
    assert settings.effective_store_url == f"file://{tmp_path.resolve() / 'store'}"


def test_environment_variables_override_the_defaults():
    settings = Settings.load(environ={"INTAKE_BROKER_URL": "amqp://guest:guest@127.0.0.1:5672//",
                                      "INTAKE_OCR_DPI": "200"})
    assert settings.effective_broker_url.startswith("amqp://") and settings.ocr_dpi == 200


def test_a_toml_file_is_read_and_the_environment_wins(tmp_path):
    config = tmp_path / "intake.toml"
    config.write_text('[intake]\nocr_languages = "fra"\nmax_attempts = 7\n')
    settings = Settings.load(environ={"INTAKE_CONFIG": str(config), "INTAKE_MAX_ATTEMPTS": "3"})
    assert settings.ocr_languages == "fra" and settings.max_attempts == 3


def test_a_bad_number_names_the_variable():
    with pytest.raises(ConfigError, match="INTAKE_OCR_DPI"):
        Settings.load(environ={"INTAKE_OCR_DPI": "lots"})


def test_a_member_pattern_without_a_group_is_refused():
    with pytest.raises(ConfigError, match="capturing group"):
        Settings.load(environ={"INTAKE_MEMBER_NUMBER_PATTERN": r"\d{8}"})


def test_the_web_rate_limit_defaults_to_60_a_minute_and_0_turns_it_off():
    assert (WebSettings.load(environ={}).web_rate_limit, WebSettings.load(environ={}).web_rate_burst) == (60, 20)
    settings = WebSettings.load(environ={"INTAKE_WEB_RATE_LIMIT": "0", "INTAKE_WEB_RATE_BURST": "5"})
    assert (settings.web_rate_limit, settings.web_rate_burst) == (0, 5)


@pytest.mark.parametrize(("variable", "value"), [("INTAKE_WEB_RATE_LIMIT", "-1"), ("INTAKE_WEB_RATE_LIMIT", "lots"),
                                                 ("INTAKE_WEB_RATE_BURST", "0")])
def test_a_bad_web_rate_limit_names_the_variable(variable, value):
    with pytest.raises(ConfigError, match=f"{variable}: .*got '{value}'"):
        WebSettings.load(environ={variable: value})


def test_a_list_setting_is_read_from_commas_in_the_environment_and_from_a_list_in_the_file(tmp_path):
    config = tmp_path / "intake.toml"
    config.write_text('[intake]\nconnectors = ["imap", "web"]\n')
    assert Settings.load(environ={"INTAKE_CONFIG": str(config)}).connectors == ("imap", "web")
    assert Settings.load(environ={"INTAKE_CONNECTORS": " imap, web ,"}).connectors == ("imap", "web")
