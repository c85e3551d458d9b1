"""Settings: one documented place.

Each setting has a name, a type, a default and a one-line description. Values come, in order of
precedence, from the ``LMS_BRIDGE_<NAME>`` environment variable, then ``config.toml`` in the
instance folder (lower-case keys without the prefix), then the default. The instance folder
itself comes from ``LMS_BRIDGE_INSTANCE_PATH`` (default ``./instance``). Every value is checked
at start-up and a bad one stops the app with a message naming the variable and what it expected.

No secret lives in the code: on first run a secret key is generated into the instance folder
(``secret_key``, mode 0600) and reused after that.
"""
from __future__ import annotations

import ipaddress
import os
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

ENV_PREFIX = "LMS_BRIDGE_"


class ConfigError(Exception):
    """A setting has a value the service cannot run with."""


def _as_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off"}:
        return False
    raise ValueError("expected true or false")


def _as_positive_int(raw: Any) -> int:
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise ValueError("expected a whole number") from None
    if value < 1:
        raise ValueError("expected a whole number of at least 1")
    return value


def _as_retention_years(raw: Any) -> int:
    try:
        value = int(str(raw).strip() or "0")
    except ValueError:
        raise ValueError("expected a whole number of years (0: keep accounts)") from None
    if not 0 <= value <= 100:
        raise ValueError("expected a whole number of years from 0 (keep accounts) to 100")
    return value


def _as_database_url(raw: Any) -> str:
    text = str(raw).strip()
    if not text.startswith(("sqlite:", "postgresql:", "postgresql+psycopg:")):
        raise ValueError("expected a sqlite:/// or postgresql+psycopg:// URL")
    if text.startswith("postgresql:"):
        text = "postgresql+psycopg:" + text[len("postgresql:"):]
    return text


def _as_host_list(raw: Any) -> tuple[str, ...]:
    items = raw if isinstance(raw, (list, tuple)) else str(raw).split(",")
    hosts = tuple(str(item).strip().lower() for item in items if str(item).strip())
    if any("/" in host or ":" in host or " " in host for host in hosts):
        raise ValueError("expected host names separated by commas (no scheme, port or path)")
    return hosts


def _as_origin(raw: Any) -> str | None:
    text = str(raw).strip().rstrip("/")
    if not text:
        return None
    if not text.startswith(("http://", "https://")) or text.count("/") != 2:
        raise ValueError("expected an origin like https://content.example.org (no path)")
    return text


def _as_non_negative_int(raw: Any) -> int:
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise ValueError("expected a whole number") from None
    if value < 0:
        raise ValueError("expected a whole number of at least 0")
    return value


def _as_log_format(raw: Any) -> str:
    text = str(raw).strip().lower()
    if text not in {"text", "json"}:
        raise ValueError("expected text or json")
    return text


def _as_network_list(raw: Any) -> tuple[str, ...]:
    items = raw if isinstance(raw, (list, tuple)) else str(raw).split(",")
    networks = []
    for item in (str(item).strip() for item in items):
        if not item:
            continue
        try:
            networks.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError:
            raise ValueError(f"expected networks like 10.0.0.0/8 separated by commas "
                             f"({item!r} is not one)") from None
    return tuple(networks)


def _as_folder(raw: Any) -> Path:
    path = Path(str(raw).strip()).expanduser()
    if not path.is_absolute():
        raise ValueError("expected an absolute folder path")
    return path.resolve()


def _as_log_level(raw: Any) -> str:
    text = str(raw).strip().upper()
    if text not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise ValueError("expected DEBUG, INFO, WARNING or ERROR")
    return text


@dataclass(frozen=True)
class Setting:
    name: str
    parse: Callable[[Any], Any]
    default: Any
    description: str


SETTINGS: tuple[Setting, ...] = (
    Setting("DATABASE_URL", _as_database_url, None,
            "SQLAlchemy URL; default: SQLite file `lms_bridge.sqlite3` in the instance folder"),
    Setting("SECRET_KEY", str, None,
            "signs sessions and launch tokens; default: generated once into `instance/secret_key`"),
    Setting("SESSION_COOKIE_SECURE", _as_bool, False,
            "send the session cookie over HTTPS only (set true behind TLS)"),
    Setting("LOGIN_MAX_FAILURES", _as_positive_int, 5,
            "failed sign-ins per e-mail or address before sign-in is paused"),
    Setting("LOGIN_LOCKOUT_SECONDS", _as_positive_int, 900,
            "how long sign-in stays paused after too many failures"),
    Setting("MAX_REQUEST_BYTES", _as_positive_int, 1024 * 1024,
            "largest request body accepted outside package upload"),
    Setting("API_TOKEN_DAYS", _as_positive_int, 365,
            "lifetime of a new personal API token"),
    Setting("LOG_LEVEL", _as_log_level, "INFO", "DEBUG, INFO, WARNING or ERROR"),
    Setting("SMTP_HOST", str, None,
            "mail server for notifications; unset: messages stay in the outbox page"),
    Setting("SMTP_PORT", _as_positive_int, 587, "mail server port"),
    Setting("SMTP_STARTTLS", _as_bool, True, "switch to TLS with STARTTLS before sending"),
    Setting("SMTP_USERNAME", str, None, "mail server login (none: no login)"),
    Setting("SMTP_PASSWORD", str, None, "mail server password"),
    Setting("SMTP_FROM", str, "lms-bridge@localhost", "sender address of notifications"),
    Setting("MAX_UPLOAD_BYTES", _as_positive_int, 512 * 1024 * 1024,
            "largest package upload (the import page and API only) or package fetched by URL"),
    Setting("IMPORT_URL_HOSTS", _as_host_list, (),
            "hosts packages may be imported from by URL, comma-separated (empty: none)"),
    Setting("IMPORT_URL_ALLOW_PRIVATE", _as_bool, False,
            "let URL imports reach private or loopback addresses (an intranet host; tests)"),
    Setting("IMPORT_URL_RECHECK_HOURS", _as_positive_int, 24,
            "how often the scheduler re-fetches packages imported from a URL"),
    Setting("IMPORT_URL_DEADLINE_SECONDS", _as_positive_int, 600,
            "longest a URL import may take to connect and download, redirects included"),
    Setting("MAX_PACKAGE_UNPACKED_BYTES", _as_positive_int, 4 * 1024 ** 3,
            "largest total size of a package's files once unpacked (declared and counted)"),
    Setting("MAX_PACKAGE_EXPANSION_RATIO", _as_positive_int, 100,
            "largest unpacked size of a package as a multiple of its zip's size (zip bombs; "
            "packages under 1 MiB unpacked are exempt)"),
    Setting("SYNC_MAX_RESPONSE_BYTES", _as_positive_int, 64 * 1024 * 1024,
            "largest answer a sync source may send to one request (streamed; refused beyond)"),
    Setting("SYNC_CSV_IMPORT_DIR", _as_folder, None,
            "the server folder CSV sync sources may read reports from (unset: uploads only)"),
    Setting("RETENTION_YEARS", _as_retention_years, 0,
            "erase accounts inactive for this many years (never admins; 0: never)"),
    Setting("CONTENT_ORIGIN", _as_origin, None,
            "serve package content from this separate origin (see README: content isolation)"),
    Setting("LOG_FORMAT", _as_log_format, "text",
            "text (one readable line) or json (one JSON object per line) for every log line"),
    Setting("PROXY_COUNT", _as_non_negative_int, 0,
            "reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host are "
            "trusted (0: none; 1 behind one nginx)"),
    Setting("READY_SCHEDULER_MINUTES", _as_non_negative_int, 5,
            "/readyz fails when no scheduler ran a job for this long (0: do not check)"),
    Setting("METRICS_NETWORKS", _as_network_list, ("127.0.0.0/8", "::1/128"),
            "client networks allowed to read /metrics, comma-separated (empty: none)"),
    Setting("METRICS_TOKEN", str, None,
            "bearer token that also lets a client read /metrics (unset: networks only)"),
)


def instance_path_from_env() -> Path:
    return Path(os.environ.get(ENV_PREFIX + "INSTANCE_PATH", "instance")).resolve()


def _read_instance_file(instance_path: Path) -> dict[str, Any]:
    path = instance_path / "config.toml"
    if not path.exists():
        return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    known = {s.name.lower() for s in SETTINGS}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}; "
                          f"known: {', '.join(sorted(known))}")
    return data


def _secret_key(instance_path: Path) -> str:
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def load_settings(instance_path: Path, environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Resolve every setting from the environment, the instance file and the defaults.

    Raises ConfigError naming the variable (or file) and what it expected.
    """
    environ = os.environ if environ is None else environ
    from_file = _read_instance_file(instance_path)
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        env_name = ENV_PREFIX + setting.name
        if env_name in environ:
            raw, where = environ[env_name], env_name
        elif setting.name.lower() in from_file:
            raw, where = from_file[setting.name.lower()], f"{instance_path / 'config.toml'}: {setting.name.lower()}"
        else:
            values[setting.name] = setting.default
            continue
        try:
            values[setting.name] = setting.parse(raw)
        except ValueError as exc:
            raise ConfigError(f"{where}: {exc}, got {raw!r}") from None
    if values["DATABASE_URL"] is None:
        values["DATABASE_URL"] = f"sqlite:///{instance_path / 'lms_bridge.sqlite3'}"
    if not values["SECRET_KEY"]:
        values["SECRET_KEY"] = _secret_key(instance_path)
    return values
