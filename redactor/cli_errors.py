"""The last line of the CLI's error handling: no traceback for a user's mistake.

Each command reports the mistakes it knows with its own ``error:`` line and exit 2. What
escapes a command still ends as one ``error:`` line: a mistake in the user's files or
environment (a policy, a decisions file, a folder given for a file, a port in use, an
unreachable scheduler) exits 2; anything else is an internal error, exit 1, shown by its
type only, since an exception's message may quote document text. ``REDACTOR_DEBUG=1``
shows the full traceback instead.
"""

from __future__ import annotations

import errno
import os
import sys

import typer

try:  # typer 0.2x carries its own copy of Click, whose exceptions are not Click's
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - an older typer on the real Click
    from click import exceptions as click_exceptions

_OS_HINTS = {
    errno.EADDRINUSE: "the address is already in use (another program listens on that port: choose another "
                      "--port, or 0 for any free one)",
    errno.EADDRNOTAVAIL: "the address is not available on this machine (check --host)",
    errno.EISDIR: "is a folder, a file was expected",
    errno.ENOTDIR: "is not a folder",
    errno.ENOENT: "not found",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENOSPC: "no space left on the device",
    errno.EROFS: "the file system is read-only",
    errno.ECONNREFUSED: "connection refused",
}


def debug() -> bool:
    return os.environ.get("REDACTOR_DEBUG", "") not in ("", "0")


def user_error_line(exc: BaseException) -> tuple[int, str]:
    """The exit code and the one line to print for an exception that escaped a command."""
    from redactor.policy_schema import PolicyError

    user_types: tuple[type, ...] = (PolicyError,)
    try:
        import yaml

        user_types += (yaml.YAMLError,)
        from redactor.review_decisions import DecisionsError

        user_types += (DecisionsError,)
        from redactor.batch import ConfigurationError, OutLocked, UnsafeOut

        user_types += (ConfigurationError, OutLocked, UnsafeOut)
        from redactor.review import ReviewError

        user_types += (ReviewError,)
    except Exception:  # pragma: no cover - a module that cannot even import is reported below
        pass
    if isinstance(exc, user_types):
        return 2, f"error: {_one_line(str(exc))}"
    if isinstance(exc, OSError):
        what = _OS_HINTS.get(exc.errno or 0) or (exc.strerror or type(exc).__name__)
        where = f"{exc.filename}: " if exc.filename else ""
        return 2, f"error: {where}{what}"
    return 1, (f"error: internal error ({type(exc).__name__}); nothing more is shown because the message may "
               "quote a document: rerun with REDACTOR_DEBUG=1 for the traceback")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def usage_error_line(exc: click_exceptions.UsageError) -> str:
    """A mistake on the command line (an unknown option, a missing argument) as one line.

    Click would print a usage line and a boxed message; a clerk's script or a log wants the
    same ``error:`` line as every other refusal, with where to look for help.
    """
    where = exc.ctx.command_path if exc.ctx is not None else "redact"
    return f"error: {_one_line(exc.format_message())} (see '{where} -h')"


class SafeTyper(typer.Typer):
    """A Typer app whose uncaught exceptions end as one ``error:`` line (see module doc)."""

    def __call__(self, *args, **kwargs):
        if debug():
            return super().__call__(*args, **kwargs)
        # Not standalone: Click hands usage errors and exit codes back instead of printing them.
        kwargs.setdefault("standalone_mode", False)
        try:
            rv = super().__call__(*args, **kwargs)
        except click_exceptions.NoArgsIsHelpError as exc:  # `redact` alone: the help, as before
            exc.show()
            sys.exit(exc.exit_code)
        except click_exceptions.UsageError as exc:
            typer.echo(usage_error_line(exc), err=True)
            sys.exit(2)
        except typer.Abort:
            typer.echo("error: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:
            code, line = user_error_line(exc)
            typer.echo(line, err=True)
            sys.exit(code)
        sys.exit(rv if isinstance(rv, int) else 0)
