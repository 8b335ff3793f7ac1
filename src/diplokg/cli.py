"""The ``diplokg`` command: thin over library functions that return data.

Exit codes: 0 success; 1 the work ran but something failed (inputs that could not be read, a
graph that does not conform, a triple store that is down or refuses); 2 usage or configuration
error. :data:`EXIT_CODES` maps each exception class to its exit code and to the error code printed
for an exception that carries none; every command (``serve`` and ``publish`` too) runs under it
through :class:`Command`, and :func:`fail` prints the one error line, never a traceback.

>>> from diplokg.errors import StoreError
>>> exit_code(StoreError("down")), exit_code(ConfigError("bad")), exit_code(FileNotFoundError(2, "gone"))
(1, 2, 1)
>>> error_line(FileNotFoundError(2, "No such file or directory", "a.ttl"))
'[E101] a.ttl: No such file or directory. Fix: check the path and its permissions.'
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple, Optional
from urllib.parse import urlsplit

import typer
from pyoxigraph import NamedNode
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from .errors import ConfigError, DiplokgError, StoreError
from .rdf.formats import DEFAULT_WRITTEN, WRITTEN
from .rdf.iris import DEFAULT_BASE

if TYPE_CHECKING:
    from .stores.remote import RemoteOptions

app = typer.Typer(
    name="diplokg",
    help="Build a linked-data knowledge graph of diplomats, states, forums, positions and events from news articles.",
    no_args_is_help=True,
    add_completion=False,
    # Plain help: Rich markup would eat any [bracketed] text of a help string.
    rich_markup_mode=None,
)
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
    # Ctrl-C, or SIGTERM during a build (diplokg.build.BuildInterrupted)
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


def _count_inputs(paths: list[Path]) -> int | None:
    """Rough number of articles for the progress bar (JSONL lines count as articles)."""
    total = 0
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.suffix == ".jsonl":
                try:
                    with open(f, "rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    pass
            elif f.suffix in (".txt", ".md") and f.is_file():
                total += 1
    return total or None


@app.command(cls=Command)
def build(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="One or more article files (.txt, .md, .jsonl) or directories of them.")],
    # Not "build": that is setuptools' own directory in a source checkout.
    out_dir: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Output directory for graph.ttl and graph.trig (created when missing).")] = Path("out"),
    base: Annotated[str, typer.Option(metavar="IRI", help="Namespace for the data IRIs (an absolute IRI).")] = DEFAULT_BASE,
    format: Annotated[Optional[list[str]], typer.Option("--format", "-f", metavar="FORMAT", help=f"Output format: {', '.join(WRITTEN[:-1])} or {WRITTEN[-1]} (repeat the option for several). Default: {' and '.join(DEFAULT_WRITTEN)}.")] = None,
    language: Annotated[Optional[str], typer.Option(metavar="LANG", help="Force the language (id or en) instead of detecting it.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    store_dir: Annotated[Optional[Path], typer.Option("--store", metavar="DIR", help="Also write every article graph into this embedded store (created when missing); an article built again replaces its graph there.")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", metavar="N", help="Worker processes, each running the pipeline on shards of articles (default: every core). The files are the same whatever N.")] = None,
    dask: Annotated[Optional[str], typer.Option("--dask", metavar="SCHEDULER", help="Run the shards on a Dask cluster: its scheduler's address (tcp://HOST:8786), or 'local' for a LocalCluster of --workers processes. Needs pip install \"diplokg[dask]\".")] = None,
    shard_size: Annotated[int, typer.Option("--shard-size", metavar="N", help="Articles per shard (the unit a worker builds and a re-run skips when finished).")] = 500,
    shards_dir: Annotated[Optional[Path], typer.Option("--shards", metavar="DIR", help="Work directory of the shards (default: OUT/.diplokg-shards); with --dask, one every worker reaches at the same path.")] = None,
    keep_shards: Annotated[bool, typer.Option("--keep-shards", help="Keep the finished shards after the build, so that a later build of the same articles skips them.")] = False,
) -> None:
    """Read articles and write the knowledge graph (Turtle and TriG by default)."""
    from .shards import build_parallel

    check_base(base)
    writable_dir(out_dir)
    formats = format or list(DEFAULT_WRITTEN)
    total = _count_inputs(paths)
    progress = Progress(
        TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]} art/s"),
        TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(), console=console, disable=quiet,
    )
    store = None
    try:
        if store_dir is not None:
            from .stores import open_store

            store = open_store("embedded", path=store_dir)
        with progress:
            task = progress.add_task("build", total=total, rate="-")

            def tick(n: int) -> None:
                progress.advance(task, n)
                elapsed = progress.tasks[0].elapsed or 0
                done = progress.tasks[0].completed
                progress.update(task, rate=f"{done / elapsed:.1f}" if elapsed else "-")

            report = build_parallel(paths, out_dir, base=base, formats=formats, language=language, workers=workers,
                                    dask=dask, shard_size=shard_size, work_dir=shards_dir, keep_shards=keep_shards,
                                    store=store, on_articles=tick)
    except KeyboardInterrupt as err:  # Ctrl-C, or SIGTERM (diplokg.build.BuildInterrupted)
        # The build's own line (what stopped it, what was kept); its exit code is the table's.
        console.print(f"[red]error[/red] build {escape(str(err) or 'interrupted')}: nothing written to {escape(str(out_dir))} "
                      "(earlier graph files unchanged); run the same build again"
                      + (" to bring the store back into agreement" if store_dir is not None else ""), soft_wrap=True)
        raise typer.Exit(exit_code(err)) from err
    finally:
        if store is not None:
            store.close()

    table = Table(title=f"{report.articles} articles, {report.words} words, {report.quads} quads")
    table.add_column("class")
    table.add_column("count", justify="right")
    for cls, count in sorted(report.classes.items()):
        table.add_row(cls, str(count))
    out.print(table)
    for name, path in report.outputs.items():
        out.print(f"wrote {name}: {escape(str(path))}", soft_wrap=True)
    if report.stored is not None:
        out.print(f"stored {report.stored[0]} article graph(s), {report.stored[1]} triples: {store_dir}")
    reused = sum(s["reused"] for s in report.shards)
    if report.shards:
        out.print(f"{len(report.shards)} shard(s), {reused} finished by an earlier run")
    for failure in report.failures:
        console.print(f"[yellow]failed[/yellow] {escape(str(failure))}", soft_wrap=True)
    if report.failures:
        console.print(f"{len(report.failures)} input(s) failed")
        raise typer.Exit(1)


# Options shared by the commands that talk to a remote SPARQL store.
EndpointOpt = Annotated[Optional[str], typer.Option("--endpoint", metavar="URL", help="SPARQL query URL of a running triple store, e.g. http://127.0.0.1:7878/query (Oxigraph) or http://127.0.0.1:8890/sparql (Virtuoso).")]
UpdateEndpointOpt = Annotated[Optional[str], typer.Option("--update-endpoint", metavar="URL", help="SPARQL Update URL (default: guessed from --endpoint).")]
GraphStoreOpt = Annotated[Optional[str], typer.Option("--graph-store", metavar="URL", help="Graph Store Protocol URL (default: guessed from --endpoint).")]
ProtocolOpt = Annotated[str, typer.Option("--protocol", metavar="PROTOCOL", help="auto (Graph Store Protocol, falling back to SPARQL Update), gsp or update.")]
UserOpt = Annotated[Optional[str], typer.Option("--user", metavar="USER", envvar="DIPLOKG_USER", show_envvar=True, show_default=False, help="Account on the store.")]
PasswordOpt = Annotated[Optional[str], typer.Option("--password", metavar="PASSWORD", envvar="DIPLOKG_PASSWORD", show_envvar=True, show_default=False, help="Password; never printed.")]
AuthOpt = Annotated[str, typer.Option("--auth", metavar="SCHEME", help="HTTP authentication scheme for queries: basic or digest (Virtuoso's /sparql-auth).")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", metavar="SECONDS", help="Seconds per request.")]
RetriesOpt = Annotated[int, typer.Option("--retries", metavar="N", help="Retries of a request that could not reach the store.")]


def remote_options(endpoint: str, **options) -> RemoteOptions:
    """The one :class:`~diplokg.stores.remote.RemoteOptions` of a command, from its options (``--user``
    and ``--password`` already read from the environment by Typer when not given); checked here,
    before any store is opened."""
    from .stores.remote import RemoteOptions

    return RemoteOptions(endpoint, **options)


def _open_remote(options: RemoteOptions):
    from .stores import open_store

    return open_store("remote", options=options)


@app.command(cls=Command)
def query(
    query_ref: Annotated[str, typer.Argument(metavar="QUERY", help="A .rq file or the name of a bundled query (see --list).")] = "",
    graph: Annotated[Optional[Path], typer.Argument(metavar="GRAPH", help="Graph file (.ttl, .trig, .nt, .nq).")] = None,
    store_dir: Annotated[Optional[Path], typer.Option("--store", metavar="DIR", help="Query this embedded store directory instead of a file.")] = None,
    endpoint: EndpointOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    auth: AuthOpt = "basic",
    timeout: TimeoutOpt = 60.0,
    retries: RetriesOpt = 2,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table, csv or json.")] = "table",
    params: Annotated[Optional[list[str]], typer.Option("--param", "-p", metavar="NAME=VALUE", help="Bind a parameter of the query (see --list), e.g. --param personName=\"Wang Yi\"; repeat for several.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the bundled queries and their parameters, and exit.")] = False,
    page: Annotated[int, typer.Option("--page", metavar="N", min=1, help="Page of a paged listing query (from 1).")] = 1,
    page_size: Annotated[Optional[int], typer.Option("--page-size", metavar="N", min=1, help="Rows per page (default: the query's own).")] = None,
    all_rows: Annotated[bool, typer.Option("--all", help="Every row of a paged listing query, not one page (slow on a large store).")] = False,
) -> None:
    """Run a SPARQL query on a graph file, an embedded store or a SPARQL endpoint and print the answer.

    Listing queries answer one page of rows in their full order (see the query's "# page:" line);
    --page and --page-size choose another page, --all lists every row. Queries with parameters
    (see --list) take their values from --param NAME=VALUE.
    """
    from .query import bind_parameters, format_result, paged, query_parameters, resolve_query, run_query
    from .resources import list_queries, query_text

    if list_:
        for name in list_queries():
            text = query_text(name)
            first = next((line[len("# answers:"):].strip() for line in text.splitlines() if line.startswith("# answers:")), "")
            out.print(f"[bold]{name}[/bold]  {escape(first)}", soft_wrap=True)
            for param, default in query_parameters(text).items():
                out.print(f"    --param {param}=VALUE  (default: {escape(default)})", soft_wrap=True)
        return
    targets = sum(x is not None for x in (graph, store_dir, endpoint))
    remote = (remote_options(endpoint, user=user, password=password, auth=auth, timeout=timeout, retries=retries)
              if endpoint is not None else None)
    if not query_ref or targets != 1:
        raise ConfigError("give QUERY and one of GRAPH, --store DIR or --endpoint URL (or --list).",
                          hint="diplokg query meetings out/graph.ttl, or see diplokg query --list.", code="E414")
    if format not in ("table", "csv", "json"):
        raise ConfigError(f"unknown --format {format!r}.", hint="use table, csv or json.", code="E415")
    if all_rows and (page != 1 or page_size is not None):
        raise ConfigError("--all lists every row: it takes no --page or --page-size.",
                          hint="leave out --page and --page-size, or --all.", code="E414")
    text = paged(bind_parameters(resolve_query(query_ref), _param_values(params or [])), page,
                 0 if all_rows else page_size)
    if graph is not None:
        result = run_query(graph, text)
    else:
        from .stores import open_store

        store = open_store("embedded", path=store_dir, read_only=True) if remote is None else _open_remote(remote)
        try:
            result = store.query(text)
        finally:
            store.close()
    if format == "table":
        table = Table(*result.variables)
        for row in result.rows:
            table.add_row(*[row.get(v) or "" for v in result.variables])
        out.print(table)
    else:
        sys.stdout.write(format_result(result, format))


def _param_values(params: list[str]) -> Mapping[str, str]:
    """``NAME=VALUE`` strings of --param as a mapping (the value may hold ``=``)."""
    values: dict[str, str] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ConfigError(f"--param {item!r} is not NAME=VALUE.", hint='write it as --param personName="Wang Yi".',
                              code="E303")
        values[name.strip()] = value
    return values


@app.command(cls=Command)
def load(
    graph: Annotated[Optional[Path], typer.Argument(metavar="GRAPH", help="TriG or N-Quads file, or a build directory holding graph.nq/graph.trig.")] = None,
    store_dir: Annotated[Optional[Path], typer.Option("--store", metavar="DIR", help="With --endpoint: the embedded store to copy from. Without: the embedded store to load GRAPH into.")] = None,
    endpoint: EndpointOpt = None,
    update_endpoint: UpdateEndpointOpt = None,
    graph_store: GraphStoreOpt = None,
    protocol: ProtocolOpt = "auto",
    user: UserOpt = None,
    password: PasswordOpt = None,
    auth: AuthOpt = "basic",
    timeout: TimeoutOpt = 60.0,
    retries: RetriesOpt = 2,
    bulk: Annotated[bool, typer.Option("--bulk", help="Fastest, for a fresh store: write graphs straight into place, not atomically.")] = False,
) -> None:
    """Load a built graph into a triple store, one named graph per article.

    Each article graph replaces the stored one whole; the knowledge-base aliases are merged. A
    file that does not parse changes nothing; a store that fails midway keeps every graph whole
    (old or new).
    """
    from .stores import open_store

    if endpoint is not None:
        if (graph is None) == (store_dir is None):
            raise ConfigError("give GRAPH or --store DIR as the source (one of them).",
                              hint="diplokg load out/graph.trig --endpoint URL.", code="E414")
    elif graph is None or store_dir is None:
        raise ConfigError("give --endpoint URL (and GRAPH or --store DIR), or GRAPH --store DIR.",
                          hint="diplokg load out/graph.trig --endpoint URL, or diplokg load out/graph.trig --store DIR.",
                          code="E414")
    if endpoint is not None:
        remote = remote_options(endpoint, update_endpoint=update_endpoint, graph_store=graph_store, protocol=protocol,
                                user=user, password=password, auth=auth, timeout=timeout, retries=retries)
        target = _open_remote(remote)
        source = graph if graph is not None else open_store("embedded", path=store_dir, read_only=True)
        where = remote.where
    else:
        target = open_store("embedded", path=store_dir)
        source = graph
        where = str(store_dir)
    try:
        report = target.bulk_load(source) if bulk else target.load(source)
    finally:
        target.close()
        if hasattr(source, "close"):
            source.close()
    out.print(f"loaded {report.graphs} graph(s), {report.triples} triples into {where} "
              f"in {report.seconds:.1f} s ({report.rate:,.0f} triples/s, {report.method})", soft_wrap=True)


@app.command(cls=Command)
def remove(
    doc_id: Annotated[str, typer.Argument(metavar="DOC_ID", help="The article's id (JSONL id or file stem) or its graph IRI.")],
    store_dir: Annotated[Optional[Path], typer.Option("--store", metavar="DIR", help="Embedded store directory.")] = None,
    endpoint: EndpointOpt = None,
    update_endpoint: UpdateEndpointOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    auth: AuthOpt = "basic",
    timeout: TimeoutOpt = 60.0,
    retries: RetriesOpt = 2,
    base: Annotated[str, typer.Option(metavar="IRI", help="Namespace of the data IRIs (as given to build).")] = DEFAULT_BASE,
) -> None:
    """Delete one article's named graph from a store (and the aliases of entities only it mentioned)."""
    from .stores import open_store

    if (store_dir is None) == (endpoint is None):
        raise ConfigError("give --store DIR or --endpoint URL (one of them).",
                          hint="diplokg remove DOC_ID --store DIR, or diplokg remove DOC_ID --endpoint URL.", code="E414")
    check_base(base)
    store = (open_store("embedded", path=store_dir, create=False) if store_dir is not None
             else _open_remote(remote_options(endpoint, update_endpoint=update_endpoint, user=user, password=password,
                                              auth=auth, timeout=timeout, retries=retries)))
    try:
        removed = store.remove_article(doc_id, base=base)
    finally:
        store.close()
    out.print(f"removed article {doc_id} ({removed} triples)")


@app.command("eval", cls=Command)
def eval_(
    gold_dir: Annotated[Path, typer.Argument(metavar="GOLD_DIR", help="Directory of gold JSON files (see gold/README.md in the shared data).")],
    graph: Annotated[Path, typer.Argument(metavar="GRAPH", help="The built graph (graph.ttl).")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="Also list false positives and negatives.")] = False,
) -> None:
    """Score a build against gold annotations (precision, recall, F1 per category)."""
    from .evaluate import evaluate, render_table

    report = evaluate(gold_dir, graph)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    out.print(render_table(report))
    if errors:
        for err in report.errors:
            out.print(escape(str(err)), soft_wrap=True)


@app.command("nlp-eval", cls=Command)
def nlp_eval_(
    shared_dir: Annotated[Path, typer.Argument(metavar="SHARED_DIR", help="The shared data directory holding training/ and ner/ with the test splits.")] = Path("../shared"),
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output (fractions).")] = False,
    limit: Annotated[int, typer.Option("--limit", metavar="N", help="Score only the first N sentences of each test file (0: all).", min=0)] = 0,
) -> None:
    """Score the packaged id and en pipelines (UPOS, UAS, LAS, NER F1) on the test splits."""
    from .nlp_eval import format_table, nlp_eval

    scores = nlp_eval(shared_dir, limit=limit)
    if as_json:
        sys.stdout.write(json.dumps(scores, indent=2) + "\n")
        return
    out.print(escape(format_table(scores)), soft_wrap=True)


@app.command(cls=Command)
def validate(
    graph: Annotated[Path, typer.Argument(metavar="GRAPH", help="Graph file (.ttl, .trig, .nt, .nq, .jsonld) to check.")],
    reasoner: Annotated[bool, typer.Option("--reasoner/--no-reasoner", help="Also check OWL consistency with HermiT (needs Java).")] = True,
) -> None:
    """Check a graph against the packaged SHACL shapes and the ontology; exit 1 when it does not conform or is inconsistent."""
    from .validate import validate_graph

    result = validate_graph(graph, reasoner=reasoner)
    if result.conforms:
        out.print(f"[green]conforms[/green]{' and is consistent' if result.consistent else ''}: {graph}")
        return
    for violation in result.violations:
        out.print(escape(str(violation)), soft_wrap=True)
    console.print(f"[red]{len(result.violations)} violation(s)[/red]")
    raise typer.Exit(1)


from .publish.cli import register as _register_publish; _register_publish(app)  # noqa: E402,E702 - serve, publish

def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
