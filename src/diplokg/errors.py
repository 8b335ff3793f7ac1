"""Coded errors: what failed, on which input, and how to fix it.

Every error carries a stable ``code`` (``E1xx`` input, ``E2xx`` store, ``E3xx`` query,
``E4xx`` configuration) so that messages can be looked up and the CLI can map an exception class
to an exit code. In batch work an :class:`InputError` is *yielded* as a record by
:func:`diplokg.ingest.read_inputs` so one bad article does not stop the rest; the same object can
be raised when a single input must succeed.

>>> err = InputError("news/a.jsonl", "line is not valid JSON", line=3, kind="jsonl")
>>> err.code, err.line
('E107', 3)
>>> str(err).startswith("[E107] news/a.jsonl:3: line is not valid JSON")
True
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "DiplokgError",
    "InputError",
    "StoreError",
    "QueryError",
    "ConfigError",
    "INPUT_ERROR_CODES",
]

#: One code per kind of input problem; the kinds are what :attr:`InputError.kind` holds.
INPUT_ERROR_CODES: dict[str, str] = {
    "input": "E100",  # any other input problem
    "unreadable": "E101",  # missing path, permission denied, I/O error
    "empty": "E102",  # no text, or whitespace only
    "binary": "E103",  # NUL bytes or mostly control characters
    "encoding": "E104",  # not UTF-8
    "too-large": "E105",  # bigger than the configured per-article maximum
    "front-matter": "E106",  # Markdown YAML front matter unterminated, invalid or not a mapping
    "jsonl": "E107",  # a JSONL line that is not a JSON object
    "missing-text": "E108",  # a JSONL object without a usable ``text``
    "duplicate-id": "E109",  # an id already used by an earlier input
    "no-inputs": "E110",  # a directory without any readable input file
    "unsupported": "E111",  # a file type diplokg does not read, named explicitly
    "language": "E112",  # a language diplokg does not support
    "shard": "E113",  # a shard of a parallel build whose worker failed (the other shards complete)
}


def _rebuild(cls: type[DiplokgError], state: dict[str, Any]) -> DiplokgError:
    err = cls.__new__(cls)
    Exception.__init__(err, state.get("message", ""))
    err.__dict__.update(state)
    return err


class DiplokgError(Exception):
    """Base class of every error diplokg raises on purpose.

    ``message`` says what failed and on which input; ``hint`` says how to fix it.
    """

    code: ClassVar[str] = "E000"

    def __init__(self, message: str, *, hint: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code is not None:
            self.code = code  # type: ignore[misc]  # instance override of the class default

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f" Fix: {self.hint}"
        return text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"

    # Keyword-only constructors do not survive the default Exception pickling, and errors cross
    # process boundaries when a batch runs on several processes.
    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), dict(self.__dict__)))


class InputError(DiplokgError):
    """An input file, JSONL line or text that cannot become a :class:`~diplokg.records.Document`.

    ``path`` is the file (or ``"<text>"``), ``line`` the 1-based JSONL line when there is one,
    ``reason`` the problem in a few words and ``kind`` one of :data:`INPUT_ERROR_CODES`, which
    fixes ``code``. ``doc_id`` is the document id when it is known.
    """

    code: ClassVar[str] = "E100"

    def __init__(
        self,
        path: str,
        reason: str,
        *,
        line: int | None = None,
        kind: str = "input",
        hint: str | None = None,
        doc_id: str | None = None,
    ) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        self.kind = kind
        self.doc_id = doc_id
        where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{where}: {reason}", hint=hint, code=INPUT_ERROR_CODES.get(kind, "E100"))

    @property
    def where(self) -> str:
        """``path`` or ``path:line``, as an editor understands it."""
        return self.path if self.line is None else f"{self.path}:{self.line}"


class StoreError(DiplokgError):
    """A triple store could not be opened, loaded or reached."""

    code: ClassVar[str] = "E200"


class QueryError(DiplokgError):
    """A SPARQL query is invalid or failed to run."""

    code: ClassVar[str] = "E300"


class ConfigError(DiplokgError):
    """Configuration, packaged data (ontology, cue lists) or an argument is invalid."""

    code: ClassVar[str] = "E400"
