"""A court's settings in one file, ``redact.toml``: found in the working folder, or given
with ``--config FILE`` (or REDACTOR_CONFIG). Flags override it, then environment variables,
then the file, then the built-in defaults; ``redact config show`` prints the effective
settings and where each came from.

    # redact.toml
    policy = "rules/court/my_court.yaml"   # strict | spc2016 | a YAML file
    ner = "judgment"                        # judgment | lac | none
    workers = 8
    out = "/publish/today"
    hmac_key_file = "/etc/redactor/hmac.key"
    production = true

Fail closed: an unknown key (a typo such as ``polcy``), a value of the wrong type or a file
that is not TOML is an error, never silently the default. Relative paths in the file are
relative to the file's folder.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redactor.ner_backends import DEFAULT_NER

CONFIG_NAME = "redact.toml"
CONFIG_ENV = "REDACTOR_CONFIG"


class ConfigError(ValueError):
    """The configuration file cannot be used (a user's mistake: exit code 2)."""


@dataclass(frozen=True)
class Setting:
    name: str  # the key in redact.toml; the CLI option is --name with - for _
    kind: type  # str | int | float | bool | Path
    default: Any
    env: str = ""  # the environment variable that sets it, if any
    help: str = ""


SETTINGS: tuple[Setting, ...] = (
    Setting("policy", str, "strict", help="strict | spc2016 | path/to/policy.yaml"),
    Setting("ner", str, DEFAULT_NER, help="NER backend: judgment | lac | none"),
    Setting("out", Path, None, help="output folder of `redact run`"),
    Setting("workers", int, 0, help="worker processes (0 = all cores)"),
    Setting("executor", str, "local", help="local | dask | inline"),
    Setting("scheduler", str, None, help="Dask scheduler, tcp://HOST:PORT"),
    Setting("timeout", float, 600.0, help="seconds allowed per document"),
    Setting("memory_limit_mb", int, 0, help="address-space limit per worker (0 = none)"),
    Setting("hmac_key_file", Path, None, env="REDACTOR_HMAC_KEY_FILE", help="key of the audit's keyed hashes"),
    Setting("reveal_key_file", Path, None, env="REDACTOR_REVEAL_KEY_FILE",
            help="key of the encrypted originals (`redact audit reveal`)"),
    Setting("production", bool, False, env="REDACTOR_PRODUCTION", help="a key is required (no development key)"),
    Setting("denylist_dir", Path, None, help="folder of NAME.denylist.txt trade-secret deny lists"),
    Setting("decisions", Path, None, help="reviewer decisions file"),
    Setting("lang", str, "zh", help="language of the review pages: zh | en"),
)
BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Value:
    value: Any
    source: str  # default | FILE | env NAME | flag


def find_config(explicit: Path | None = None, cwd: Path | None = None) -> Path | None:
    """``--config FILE``, else REDACTOR_CONFIG, else ./redact.toml, else none."""
    if explicit is not None:
        if not Path(explicit).is_file():
            raise ConfigError(f"configuration file not found: {explicit}")
        return Path(explicit)
    env = os.environ.get(CONFIG_ENV, "").strip()
    if env:
        if not Path(env).is_file():
            raise ConfigError(f"configuration file not found: {env} ({CONFIG_ENV})")
        return Path(env)
    here = Path(cwd or Path.cwd()) / CONFIG_NAME
    return here if here.is_file() else None


def _coerce(s: Setting, raw: Any, base: Path, where: str) -> Any:
    if s.kind is bool:
        if not isinstance(raw, bool):
            raise ConfigError(f"{where}: {s.name} must be true or false")
        return raw
    if s.kind is int:
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise ConfigError(f"{where}: {s.name} must be a whole number >= 0")
        return raw
    if s.kind is float:
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw <= 0:
            raise ConfigError(f"{where}: {s.name} must be a number > 0")
        return float(raw)
    if not isinstance(raw, str) or not raw.strip():
        raise ConfigError(f"{where}: {s.name} must be a non-empty string")
    if s.kind is Path:
        p = Path(raw).expanduser()
        return p if p.is_absolute() else base / p
    if s.name == "policy" and (raw.endswith((".yaml", ".yml")) or "/" in raw):
        p = Path(raw).expanduser()
        return str(p if p.is_absolute() else base / p)
    return raw


def read_config(path: Path | None) -> dict[str, Any]:
    """The settings a file gives, coerced and checked (an empty dict for no file)."""
    if path is None:
        return {}
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path} ({type(exc).__name__})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(BY_NAME))
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)} (known: {', '.join(BY_NAME)})")
    base = Path(path).resolve().parent
    return {k: _coerce(BY_NAME[k], v, base, str(path)) for k, v in data.items()}


def _env_value(s: Setting) -> Any:
    raw = os.environ.get(s.env, "") if s.env else ""
    if not raw.strip():
        return None
    if s.kind is bool:
        return raw.strip().lower() in ("1", "true", "yes", "on")
    return Path(raw) if s.kind is Path else raw


def effective(path: Path | None, flags: dict[str, Any] | None = None) -> dict[str, Value]:
    """Every setting with its value and source: flag > environment > file > default.

    ``flags`` holds only what was given on the command line."""
    from_file = read_config(path)
    out: dict[str, Value] = {}
    for s in SETTINGS:
        if flags and s.name in flags:
            out[s.name] = Value(flags[s.name], "flag")
        elif _env_value(s) is not None:
            out[s.name] = Value(_env_value(s), f"env {s.env}")
        elif s.name in from_file:
            out[s.name] = Value(from_file[s.name], str(path))
        else:
            out[s.name] = Value(s.default, "default")
    return out


def for_command(ctx, config_file: Path | None, names: tuple[str, ...]) -> dict[str, Any]:
    """The values a command runs with: what its flags say where they were given on the
    command line (or by their envvar), what the configuration file says elsewhere."""
    path = find_config(config_file)
    given = {}
    for name in names:
        # By name: typer vendors its own click, whose ParameterSource is another enum.
        src = getattr(ctx.get_parameter_source(name), "name", "DEFAULT")
        if src not in ("DEFAULT", "DEFAULT_MAP"):
            given[name] = ctx.params[name]
    values = effective(path, given)
    # Where nothing sets it, the command's own default (review's policy: the run's, from report.json).
    return {n: values[n].value if n in values and values[n].source != "default" else ctx.params[n]
            for n in names}


ENVIRONMENT = (
    # (variable, what it does) — the README's table is this list.
    ("REDACTOR_CONFIG", "the configuration file (instead of ./redact.toml)"),
    ("REDACTOR_HMAC_KEY", "the audit key itself (wins over any key file)"),
    ("REDACTOR_HMAC_KEY_FILE", "a file holding the audit key (`hmac_key_file`)"),
    ("REDACTOR_PRODUCTION", "1/true: a publication run; no key is an error (`production`)"),
    ("REDACTOR_REVEAL_KEY_FILE", "key of the encrypted originals (`reveal_key_file`)"),
    ("REDACTOR_OPERATOR", "the operator named in every audit record (default: the login name)"),
    ("REDACTOR_RULES", "a court's copy of `rules/` (policies, recognizers, dictionaries)"),
    ("REDACTOR_MODELS", "a court's copy of `models/`"),
    ("XDG_CONFIG_HOME", "where the per-user development audit key lives (default ~/.config)"),
    ("REDACTOR_CONVERT_TIMEOUT_S", "seconds LibreOffice may take to convert one .doc/.wps/.rtf/.odt (default 120)"),
    ("REDACTOR_DASK_CONNECT_TIMEOUT", "seconds to wait for a Dask scheduler before the run stops (default 5)"),
    ("REDACTOR_DEBUG", "developers only: print tracebacks of internal errors (they may quote text)"),
    ("REDACTOR_FAULT_INJECT", "tests only, read by tests/helpers/fault_injection.py (the product ignores it): crash:NAME,hang:NAME,slow:NAME a worker on a document"),
    ("REDACTOR_SCREENSHOT", "tests only: where the browser test saves the review-page screenshot"),
)
