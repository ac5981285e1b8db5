"""``redact config show``: the effective settings and where each came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    config_app = typer.Typer(no_args_is_help=True, help="The configuration file redact.toml.")
    app.add_typer(config_app, name="config")

    @config_app.command("show")
    def config_show(
        config_file: Optional[Path] = typer.Option(None, "--config", "-c", help="A redact.toml (default: "
                                                   "REDACTOR_CONFIG, else ./redact.toml)"),
        json_out: bool = typer.Option(False, "--json", help="Print the settings as JSON"),
    ) -> None:
        """Print every setting `redact run` would use, and where it comes from (file, env, default)."""
        from redactor.config import ConfigError, effective, find_config

        try:
            path = find_config(config_file)
            values = effective(path)
        except ConfigError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2)
        if json_out:
            typer.echo(json.dumps({"file": str(path) if path else None,
                                   "settings": {k: {"value": None if v.value is None else
                                                    (v.value if isinstance(v.value, (bool, int, float)) else str(v.value)),
                                                    "source": v.source} for k, v in values.items()}},
                                  ensure_ascii=False, indent=1))
            return
        typer.echo(f"# configuration file: {path or 'none (no ./redact.toml)'}")
        width = max(len(k) for k in values)
        for name, v in values.items():
            shown = "" if v.value is None else (str(v.value).lower() if isinstance(v.value, bool) else str(v.value))
            typer.echo(f"{name:<{width}}  {shown or '-':<40}  {v.source}")
        import os

        if os.environ.get("REDACTOR_HMAC_KEY"):
            typer.echo("# the audit key comes from REDACTOR_HMAC_KEY (not shown); it wins over hmac_key_file")
