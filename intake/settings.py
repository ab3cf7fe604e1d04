"""Settings: read once at start-up from the environment (``INTAKE_*``) and an
optional TOML file (``INTAKE_CONFIG``, table ``[intake]``), with
pydantic-settings; bad values stop the program naming the variable.

:class:`Section` is the base of every settings model. The core settings
below are the kernel's; each channel connector, delivery channel, the web
app and the case index declare their own section next to their code and are
found through their registry. Stages never read settings: they get frozen
contexts built from them.
"""

from __future__ import annotations

import contextvars
import ipaddress
import json
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, EnvSettingsSource, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict
from pydantic_settings.exceptions import SettingsError

from intake.errors import ConfigError
from intake.urls import redacted, scheme

ENV_PREFIX = "INTAKE_"
DEFAULT_MEMBER_PATTERN = r"(?i)adh[ée]rent\s*(?:n[°ºo]\.?|num[ée]ro)?\s*:?\s*(\d(?: ?\d){7})\b"
DEFAULT_POLICY_PATTERN = r"(?i)contrat\s*(?:n[°ºo]\.?|num[ée]ro)?\s*:?\s*([A-Z]{2}-?\d(?: ?\d){5})\b"
SECRET_WORDS = ("password", "secret", "key", "users", "mailboxes")
BROKER_SCHEMES = ("amqp", "amqps", "pyamqp", "filesystem", "memory")  # kombu transports intake runs on
STORE_SCHEMES = ("file", "s3")  # storage.base.BACKENDS
# user:password pairs that ship with RabbitMQ, MinIO or intake's own examples: refused off loopback
DEFAULT_CREDENTIALS = {("guest", "guest"), ("minioadmin", "minioadmin"), ("intake", "intake"),
                       ("intake", "intake-secret"), ("intake", "CHANGE-ME")}
_environ: contextvars.ContextVar[Mapping[str, str] | None] = contextvars.ContextVar("intake_environ", default=None)

CommaList = Annotated[tuple[str, ...], NoDecode]


def json_objects(value: Any) -> Any:
    """A list of objects given as JSON text (an environment variable) or already as a list (the file)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise ValueError(f"must be a JSON list of objects: {exc}") from None
    return [value] if isinstance(value, dict) else value


class _MappingEnv(EnvSettingsSource):
    """The ``INTAKE_*`` variables of a given mapping (``os.environ`` unless a test passes its own)."""

    def _load_env_vars(self) -> Mapping[str, str | None]:
        environ = _environ.get()
        source = os.environ if environ is None else environ
        return {k.lower(): v for k, v in source.items() if v != ""}


class _TomlTable(PydanticBaseSettingsSource):
    """The ``[intake]`` table of the file ``INTAKE_CONFIG`` names, if any."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # unused: __call__ returns the table at once

    def __call__(self) -> dict[str, Any]:
        table = config_table()
        return {name: table[name] for name in self.settings_cls.model_fields if name in table}


def config_table() -> dict[str, Any]:
    """The ``[intake]`` table of the settings file, or an empty one."""
    environ = _environ.get()
    path = (os.environ if environ is None else environ).get("INTAKE_CONFIG")
    if not path:
        return {}
    try:
        with open(path, "rb") as handle:
            return dict(tomllib.load(handle).get("intake", {}))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the settings file {path} (INTAKE_CONFIG): {exc}") from None


class Section(BaseSettings):
    """A group of settings, read from ``INTAKE_<NAME>`` variables and the settings file."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, extra="forbid", case_sensitive=False)

    @classmethod
    def settings_customise_sources(cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
                                   **_: PydanticBaseSettingsSource) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, _MappingEnv(settings_cls), _TomlTable(settings_cls)

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, **overrides: Any):
        """Parse from file, environment and overrides (later ones win); ConfigError names the variable."""
        token = _environ.set(environ)
        try:
            return cls(**{k: v for k, v in overrides.items() if v is not None})
        except ValidationError as exc:
            raise ConfigError(explain(exc)) from None
        except SettingsError as exc:
            raise ConfigError(f"invalid settings: {exc}") from None
        finally:
            _environ.reset(token)

    @field_validator("*", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any, info: Any) -> Any:
        """``a, b`` for a list setting given as one string (environment variables)."""
        annotation = str(cls.model_fields[info.field_name].annotation)
        if isinstance(value, str) and annotation.startswith("tuple[str"):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value


class Settings(Section):
    """The core settings of an intake process (channels, delivery and the web app have their own)."""

    data_dir: Path = Path(".intake")
    broker_url: str = ""
    store_url: str = ""
    rules_file: Path | None = None
    ocr_languages: str = "fra+eng"
    ocr_dpi: int = Field(300, gt=0)
    ocr_workers: int = Field(0, ge=0)
    pdf_text_layer: Literal["pdfium", "pdfplumber"] = "pdfium"
    max_item_bytes: int = Field(50 * 1024 * 1024, gt=0)
    max_pages: int = Field(200, gt=0)
    max_attempts: int = Field(5, gt=0)
    retry_base_seconds: float = Field(0.5, ge=0)
    prefetch: int = Field(4, gt=0)
    chain_stages: bool = True  # a worker that handles the next stage too runs it at once
    member_number_pattern: str = DEFAULT_MEMBER_PATTERN
    policy_number_pattern: str = DEFAULT_POLICY_PATTERN
    link_window_days: int = Field(30, ge=0)
    log_format: Literal["text", "json"] = "text"
    connectors: CommaList = ()  # what `intake connect` runs (see connectors/README.md)
    metrics_port: int | None = Field(None, gt=0, lt=65536)
    metrics_host: str = "127.0.0.1"
    classifier_model: Path | None = None  # a model directory to load as is (development); None: from the store
    classifier_version: str = ""  # the model version to load from the store; "" = the latest published

    @field_validator("broker_url")
    @classmethod
    def _broker_scheme(cls, value: str) -> str:
        return _known_scheme(value, BROKER_SCHEMES, "amqp://user:password@host:5672/vhost")

    @field_validator("store_url")
    @classmethod
    def _store_scheme(cls, value: str) -> str:
        return _known_scheme(value, STORE_SCHEMES, "s3://KEY:SECRET@host:8333/bucket or file:///dir")

    @field_validator("member_number_pattern", "policy_number_pattern")
    @classmethod
    def _pattern_compiles(cls, value: str) -> str:
        try:
            if re.compile(value).groups < 1:
                raise ValueError("needs one capturing group for the number")
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from exc
        return value

    @model_validator(mode="after")
    def _no_default_credentials(self) -> "Settings":
        for name, url in (("INTAKE_BROKER_URL", self.broker_url), ("INTAKE_STORE_URL", self.store_url)):
            if uses_default_credentials(url):
                raise ValueError(f"{name} uses a well-known default user and password on a host other than "
                                 "loopback: set a password of your own")
        return self

    @property
    def effective_broker_url(self) -> str:
        """The broker URL; the embedded default is kombu's filesystem transport."""
        return self.broker_url or "filesystem://"

    @property
    def effective_store_url(self) -> str:
        """The store URL; the embedded default is a local directory."""
        return self.store_url or f"file://{(self.data_dir / 'store').resolve()}"

    @property
    def bus_dir(self) -> Path:
        return (self.data_dir / "bus").resolve()


def _known_scheme(url: str, known: tuple[str, ...], example: str) -> str:
    """``url`` if it is empty (the embedded default) or of a known scheme."""
    if url and scheme(url) not in known:
        raise ValueError(f"scheme must be one of {', '.join(known)} (e.g. {example}), "
                         "or leave it unset for the embedded default")
    return url


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine (plain-text credentials are allowed only there)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def uses_default_credentials(url: str) -> bool:
    """Whether ``url`` logs in with a well-known default user and password to a host that is not this machine."""
    try:
        parts = urlsplit(url)
        pair, host = (parts.username or "", parts.password or ""), parts.hostname or ""
    except ValueError:
        return False
    return pair in DEFAULT_CREDENTIALS and bool(host) and not is_loopback(host)


def explain(exc: ValidationError) -> str:
    """One line per bad setting, naming its variable; secrets are not echoed."""
    lines = ["invalid settings:"]
    for err in exc.errors():
        name = ".".join(str(p) for p in err["loc"])
        if not name:  # a check across several settings names them in its message
            lines.append(f"  {err['msg']}")
            continue
        secret = any(word in name for word in SECRET_WORDS) or isinstance(err.get("input"), (dict, list, tuple))
        value = err.get("input")
        shown = "<hidden>" if secret else repr(redacted(value) if isinstance(value, str) else value)
        message = err["msg"].removeprefix("Value error, ")
        lines.append(f"  {ENV_PREFIX}{name.split('.')[0].upper()}: {message} (got {shown})")
    return "\n".join(lines)
