"""What every ``diplokg`` command shares: the exit-code table, the one error line, the command
class, and the checks of common options.

Exit codes: 0 success; 1 the work ran but something failed (inputs that could not be read, a
graph that does not conform, a triple store that is down or refuses); 2 usage or configuration
error. :data:`EXIT_CODES` maps each exception class to its exit code and to the error code printed
for an exception that carries none; every command (``serve`` and ``publish`` too) runs under it
through :class:`Command`, and :func:`fail` prints the one error line, never a traceback.

>>> from diplokg.errors import ConfigError, StoreError
>>> exit_code(StoreError("down")), exit_code(ConfigError("bad")), exit_code(FileNotFoundError(2, "gone"))
(1, 2, 1)
>>> error_line(FileNotFoundError(2, "No such file or directory", "a.ttl"))
'[E101] a.ttl: No such file or directory. Fix: check the path and its permissions.'
"""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import typer
from pyoxigraph import NamedNode
from rich.console import Console
from rich.markup import escape

from .errors import ConfigError, DiplokgError, StoreError

__all__ = ["EXIT_CODES", "Command", "ExitRule", "check_base", "console", "error_line", "exit_code", "fail", "out",
           "writable_dir"]

# No emoji codes: ":x:" in an IRI or a file name must print as written.
console = Console(stderr=True, emoji=False)
out = Console(emoji=False)
#: Click's UsageError as Typer raises it (newer Typer vendors its own click, older uses click itself).
UsageError: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


class ExitRule(NamedTuple):
    """One row of :data:`EXIT_CODES`."""

    error: type[BaseException]
    #: The process's exit status.
    exit: int
    #: The error code printed for an exception that carries none (a :class:`DiplokgError` prints its own).
    code: str
    #: How to fix it, printed when the exception gives no hint of its own.
    hint: str


#: The one table from exception class to exit code, for every command; the first row that matches
#: wins. README's "Exit codes" lists the same.
EXIT_CODES: tuple[ExitRule, ...] = (
    # a store that is down or refuses, a graph file that cannot be loaded: the work ran and failed
    ExitRule(StoreError, 1, "E200", "check that the store is running and the path or URL is right."),
    # configuration, arguments, a query that is not valid, a gold or test folder that is missing
    ExitRule(DiplokgError, 2, "E400", "see {command} --help."),
    # a missing argument, an unknown option, a value of the wrong type (parsed by Click)
    ExitRule(UsageError, 2, "E414", "see {command} --help."),
    # a graph file that does not parse (rdflib, pyoxigraph)
    ExitRule(SyntaxError, 1, "E100", "check the file's format, or rebuild it with diplokg build."),
    ExitRule(ValueError, 2, "E400", "see {command} --help."),
    # reading or writing failed midway (output paths are checked up front as ConfigError)
    ExitRule(OSError, 1, "E101", "check the path and its permissions."),
    # Ctrl-C, or SIGTERM during a build (diplokg.builder.BuildInterrupted)
    ExitRule(KeyboardInterrupt, 1, "E120", "run the same command again."),
)
#: Exceptions a command's error line stands for (``build`` prints its own line for KeyboardInterrupt).
_HANDLED = tuple(rule.error for rule in EXIT_CODES)


def _rule(err: BaseException) -> ExitRule | None:
    return next((rule for rule in EXIT_CODES if isinstance(err, rule.error)), None)


def exit_code(err: BaseException) -> int:
    """The exit code :data:`EXIT_CODES` gives ``err`` (1 for anything it does not list)."""
    rule = _rule(err)
    return rule.exit if rule else 1


def error_line(err: BaseException, command: str = "diplokg COMMAND") -> str:
    """``err`` as one line: ``[code] what failed. Fix: how`` (code and hint from :data:`EXIT_CODES`
    when ``err`` has none of its own)."""
    rule = _rule(err)
    hint = (rule.hint if rule else "").format(command=command)
    if isinstance(err, DiplokgError):
        text = str(err) if err.hint or not hint else f"{err} Fix: {hint}"
    else:
        if isinstance(err, UsageError):
            message = err.format_message()
        elif isinstance(err, OSError) and err.strerror:
            message = f"{err.filename}: {err.strerror}" if err.filename else err.strerror
        elif isinstance(err, SyntaxError) and err.filename and err.msg:
            message = f"{err.filename}: {err.msg}"
        elif isinstance(err, KeyboardInterrupt):
            message = f"stopped ({err})" if str(err) else "stopped"
        else:
            message = str(err) or type(err).__name__
        message = message.rstrip()
        text = f"[{rule.code if rule else 'E000'}] {message}{'' if message.endswith('.') else '.'}"
        if hint:
            text += f" Fix: {hint}"
    return " ".join(text.split())  # one line, whatever the message held


def fail(err: BaseException, command: str = "diplokg COMMAND") -> typer.Exit:
    """Print ``err`` as one error line and return the exit to raise (``raise fail(err) from err``)."""
    console.print(f"[red]error[/red] {escape(error_line(err, command))}", soft_wrap=True)
    return typer.Exit(exit_code(err))


def check_base(base: str, *, served: bool = False) -> str:
    """``base`` when it is an absolute IRI (RFC 3987, checked by pyoxigraph's parser), else ConfigError.

    ``served``: the base is also mapped onto a server's paths, so it needs a path from ``/``
    (``https://host/...``, not ``urn:...``).
    """
    try:
        NamedNode(base)
        absolute = bool(urlsplit(base).scheme)
    except ValueError:
        absolute = False
    if not absolute:
        raise ConfigError(f"--base {base!r} is not an absolute IRI.",
                          hint="give a namespace with a scheme, such as https://example.org/id/.", code="E410")
    if served and not urlsplit(base).path.startswith("/"):
        raise ConfigError(f"--base {base!r} has no path to serve its resources at.",
                          hint="give a base such as https://example.org/id/ (scheme, host and path).", code="E410")
    return base


def writable_dir(path: Path, option: str = "--out") -> Path:
    """``path`` as a directory that exists (created when missing) and can be written, else ConfigError."""
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{option} {path} is a file, not a directory.",
                          hint=f"give {option} a directory (created when missing), or move the file away.", code="E411")
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as err:
        raise ConfigError(f"Cannot write into {option} {path}: {err.strerror or err}.",
                          hint=f"give {option} a directory you can create and write to.", code="E412") from err
    return path


def _value_name(param, ctx) -> str | None:
    """What help shows beside a parameter: its metavar; nothing for a flag or an argument (the
    argument's own column already names it). Duck-typed: newer Typer vendors its own click."""
    if param.param_type_name == "argument" or getattr(param, "is_flag", False):
        return None
    kind = getattr(param, "type", None)
    return param.metavar or (kind.name.upper() if kind is not None else None)


class Command(typer.core.TyperCommand):
    """A command whose help names values by their metavar (``PATH...``), never by the Python type
    that newer Typer versions print (``<list[Path]>``, ``<bool>``)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if hasattr(param, "display_type_rich"):  # Typer >= 0.2x only
                param.display_type_rich = partial(_value_name, param)

    # Every command's errors pass through EXIT_CODES here, both those of its arguments (parsed in
    # make_context) and those its work raises (invoke): one line, no traceback, the table's code.
    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except UsageError as err:
            raise fail(err, _command_path(err.ctx, info_name)) from err

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except _HANDLED as err:
            raise fail(err, ctx.command_path) from err


def _command_path(ctx, name: str | None) -> str:
    return ctx.command_path if ctx is not None else f"diplokg {name or 'COMMAND'}"


