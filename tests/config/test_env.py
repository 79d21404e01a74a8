import pytest

from config import env


@pytest.mark.parametrize(
    ("variable", "value", "reader"),
    [
        ("DEBUG", "maybe", lambda: env.boolean("DEBUG", True)),
        ("DATABASE_URL", "mysql://root@localhost/db", lambda: env.database("DATABASE_URL", "x.sqlite3")),
        ("DATABASE_URL", "postgres://postgres@127.0.0.1:5432", lambda: env.database("DATABASE_URL", "x")),
        ("REDIS_URL", "127.0.0.1:6379", lambda: env.redis_url("REDIS_URL")),
        ("REDIS_URL", "redis://127.0.0.1:notaport/0", lambda: env.redis_url("REDIS_URL")),
        ("EMAIL_URL", "pigeon://coop", lambda: env.email("EMAIL_URL", "var/mail")),
        ("EMAIL_URL", "smtp://", lambda: env.email("EMAIL_URL", "var/mail")),
        ("EMAIL_URL", "smtp://mail.example.org:99999", lambda: env.email("EMAIL_URL", "var/mail")),
        ("SITE_URL", "example.org", lambda: env.http_url("SITE_URL")),
        ("CSRF_TRUSTED_ORIGINS", "example.org", lambda: env.origin_list("CSRF_TRUSTED_ORIGINS", [])),
        ("DEFAULT_FROM_EMAIL", "nobody", lambda: env.email_address("DEFAULT_FROM_EMAIL", "a@b.org")),
        ("TRUSTED_PROXY_COUNT", "-1", lambda: env.integer("TRUSTED_PROXY_COUNT", 0)),
        ("TRUSTED_PROXY_COUNT", "one", lambda: env.integer("TRUSTED_PROXY_COUNT", 0)),
    ],
)
def test_reader_malformed_value_names_the_variable(monkeypatch, variable, value, reader):
    monkeypatch.setenv(variable, value)

    with pytest.raises(env.ConfigurationError) as raised:
        reader()

    message = str(raised.value.code)
    assert message.startswith(f"Configuration error: {variable} ")
    assert "\n" not in message


def test_required_string_missing_names_the_variable(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)

    with pytest.raises(env.ConfigurationError) as raised:
        env.string("SECRET_KEY", required=True)

    assert raised.value.code == "Configuration error: SECRET_KEY is required but not set"


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("TRUE", True), ("off", False), ("0", False)])
def test_boolean_reads_common_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("DEBUG", value)

    assert env.boolean("DEBUG", not expected) is expected


def test_database_unset_is_sqlite_in_var(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)

    assert env.database("DATABASE_URL", tmp_path / "db.sqlite3") == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "db.sqlite3"),
    }


def test_database_postgres_url_is_parsed(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://zw:secret@db.internal:5433/zimmerwald")

    config = env.database("DATABASE_URL", "unused")

    assert (
        config["ENGINE"],
        config["NAME"],
        config["USER"],
        config["PASSWORD"],
        config["HOST"],
        config["PORT"],
    ) == (
        "django.db.backends.postgresql",
        "zimmerwald",
        "zw",
        "secret",
        "db.internal",
        5433,
    )


def test_email_unset_writes_files_into_the_mail_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("EMAIL_URL", raising=False)

    assert env.email("EMAIL_URL", tmp_path) == {
        "EMAIL_BACKEND": "outbox.backends.EmlFileBackend",
        "EMAIL_FILE_PATH": str(tmp_path),
    }


def test_email_smtp_with_starttls_and_quoted_password(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp+tls://mailer%40example.org:p%40ss%2Fword@smtp.example.org")

    assert env.email("EMAIL_URL", "unused") == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "mailer@example.org",
        "EMAIL_HOST_PASSWORD": "p@ss/word",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
    }


def test_email_smtps_defaults_to_port_465(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtps://smtp.example.org")

    config = env.email("EMAIL_URL", "unused")

    assert (config["EMAIL_PORT"], config["EMAIL_USE_SSL"], config["EMAIL_USE_TLS"]) == (465, True, False)


def test_string_list_ignores_blanks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " example.org, ,www.example.org ")

    assert env.string_list("ALLOWED_HOSTS", []) == ["example.org", "www.example.org"]
