"""Typed readers for the environment variables that configure the site.

Each reader either returns a value or raises ``ConfigurationError`` whose message is
one line naming the variable. ``ConfigurationError`` is a ``SystemExit`` so that an
unhandled one stops ``manage.py``, gunicorn and celery with that line and no traceback.
"""

from __future__ import annotations

import json
import os
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import unquote, urlsplit

import environ


class ConfigurationError(SystemExit):
    def __init__(self, variable: str, problem: str) -> None:
        self.variable = variable
        super().__init__(f"Configuration error: {variable} {problem}")


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def string(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = _raw(name)
    if value is None:
        if required:
            raise ConfigurationError(name, "is required but not set")
        return default
    return value


def boolean(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(name, f"must be 1/0, true/false, yes/no or on/off, not {value!r}")


def json_object(name: str, default: dict) -> dict:
    value = _raw(name)
    if value is None:
        return default
    try:
        parsed = json.loads(value)
    except ValueError as error:
        raise ConfigurationError(name, f"is not valid JSON ({error})") from None
    if not isinstance(parsed, dict):
        raise ConfigurationError(name, 'must be a JSON object, like {"bucket_name": "papers"}')
    return parsed


def integer(name: str, default: int, *, minimum: int = 0) -> int:
    """A whole number, at least `minimum`."""
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigurationError(name, f"must be a whole number, not {value!r}") from None
    if number < minimum:
        raise ConfigurationError(name, f"must be at least {minimum}, not {number}")
    return number


def string_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def http_url(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = string(name, default, required=required)
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigurationError(name, f"must be an http(s) URL such as https://example.org, not {value!r}")
    return value.rstrip("/")


def origin_list(name: str, default: list[str]) -> list[str]:
    origins = string_list(name, default)
    for origin in origins:
        parts = urlsplit(origin)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ConfigurationError(name, f"must list origins such as https://example.org, not {origin!r}")
    return origins


def database(name: str, default_sqlite_path: Path) -> dict:
    value = _raw(name)
    if value is None:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite_path)}
    scheme = urlsplit(value).scheme
    if scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
        raise ConfigurationError(name, f"must be a postgres:// or sqlite:// URL, not scheme {scheme!r}")
    try:
        config = environ.Env.db_url_config(value)
    except (ValueError, KeyError) as error:
        raise ConfigurationError(name, f"is not a valid database URL ({error})") from None
    if scheme != "sqlite" and not config.get("NAME"):
        raise ConfigurationError(name, "must name a database, e.g. postgres://user@host:5432/zimmerwald")
    return config


def redis_url(name: str) -> str | None:
    value = _raw(name)
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in {"redis", "rediss", "unix"}:
        raise ConfigurationError(name, f"must be a redis://, rediss:// or unix:// URL, not {value!r}")
    if parts.scheme != "unix" and not parts.hostname:
        raise ConfigurationError(name, f"must name a host, e.g. redis://127.0.0.1:6379/0, not {value!r}")
    try:
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise ConfigurationError(name, f"has an invalid port in {value!r}") from None
    return value


EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
    "file": "outbox.backends.EmlFileBackend",
}


def email(name: str, default_mail_dir: Path) -> dict:
    """Email settings from a URL.

    ``smtp://user:password@host:port`` (STARTTLS with ``smtp+tls://``, implicit TLS with
    ``smtps://``), ``console://``, ``memory://``, or ``file:///path/to/dir``: one .eml
    file per message. Unset means ``file://`` in the project's ``var/mail/``.
    """
    value = _raw(name) or f"file://{default_mail_dir}"
    parts = urlsplit(value)
    backend = EMAIL_BACKENDS.get(parts.scheme)
    if backend is None:
        schemes = ", ".join(f"{scheme}://" for scheme in EMAIL_BACKENDS)
        raise ConfigurationError(name, f"must use one of {schemes}, not {parts.scheme!r}")
    config = {"EMAIL_BACKEND": backend}
    if parts.scheme == "file":
        config["EMAIL_FILE_PATH"] = unquote(parts.path) or str(default_mail_dir)
    elif parts.scheme.startswith("smtp"):
        if not parts.hostname:
            raise ConfigurationError(
                name, f"must name a host, e.g. smtp://mail.example.org:587, not {value!r}"
            )
        try:
            port = parts.port
        except ValueError:
            raise ConfigurationError(name, f"has an invalid port in {value!r}") from None
        config.update(
            EMAIL_HOST=parts.hostname,
            EMAIL_PORT=port or {"smtps": 465, "smtp+tls": 587}.get(parts.scheme, 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_TLS=parts.scheme == "smtp+tls",
            EMAIL_USE_SSL=parts.scheme == "smtps",
        )
    return config


def email_address(name: str, default: str) -> str:

    value = string(name, default)
    _, address = parseaddr(value)
    if "@" not in address or address.startswith("@") or address.endswith("@"):
        raise ConfigurationError(
            name, f"must be an email address such as 'Zimmerwald <noreply@example.org>', not {value!r}"
        )
    return value
