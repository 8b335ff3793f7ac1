"""The ``diplokg`` command: thin over the public API (:mod:`diplokg`), whose functions return data.

The commands import the API's names where they run (importing them loads spaCy, pySHACL...), never
a stage's module: an import-linter contract in pyproject.toml keeps it so. Every command runs under
the one exit-code table (:data:`diplokg.console.EXIT_CODES`) through
:class:`~diplokg.console.Command`: one error line, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from .console import Command, check_base, console, exit_code, out, writable_dir
from .errors import ConfigError
from .rdf.formats import DEFAULT_WRITTEN, WRITTEN
from .rdf.iris import DEFAULT_BASE

if TYPE_CHECKING:
    from . import RemoteOptions

app = typer.Typer(
    name="diplokg",
    help="Build a linked-data knowledge graph of diplomats, states, forums, positions and events from news articles.",
    no_args_is_help=True,
    add_completion=False,
    # Plain help: Rich markup would eat any [bracketed] text of a help string.
    rich_markup_mode=None,
)
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
    from . import build_parallel, open_store

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
    except KeyboardInterrupt as err:  # Ctrl-C, or SIGTERM (diplokg.builder.BuildInterrupted)
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
    from . import RemoteOptions

    return RemoteOptions(endpoint, **options)


def _open_remote(options: RemoteOptions):
    from . import open_store

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
    from . import bundled_queries, open_store, prepare_query, select

    if list_:
        queries = bundled_queries()
        for name in sorted(queries):
            out.print(f"[bold]{name}[/bold]  {escape(queries[name].answers)}", soft_wrap=True)
            for param, default in queries[name].parameters.items():
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
    # The query's text first: a query that cannot be run opens no store.
    text = prepare_query(query_ref, params=_param_values(params or []), page=page,
                         page_size=0 if all_rows else page_size)
    if graph is not None:
        result = select(graph, text)
    else:
        store = open_store("embedded", path=store_dir, read_only=True) if remote is None else _open_remote(remote)
        try:
            result = select(store, text)
        finally:
            store.close()
    if format == "table":
        table = Table(*result.variables)
        for row in result.rows:
            table.add_row(*[row.get(v) or "" for v in result.variables])
        out.print(table)
    else:
        sys.stdout.write(result.format(format))


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
    from . import open_store

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
    from . import open_store

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
    from . import evaluate

    report = evaluate(gold_dir, graph)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    out.print(report.table())
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
    from . import nlp_eval

    scores = nlp_eval(shared_dir, limit=limit)
    if as_json:
        sys.stdout.write(json.dumps(scores, indent=2) + "\n")
        return
    out.print(escape(scores.table()), soft_wrap=True)


@app.command(cls=Command)
def validate(
    graph: Annotated[Path, typer.Argument(metavar="GRAPH", help="Graph file (.ttl, .trig, .nt, .nq, .jsonld) to check.")],
    reasoner: Annotated[bool, typer.Option("--reasoner/--no-reasoner", help="Also check OWL consistency with HermiT (needs Java).")] = True,
) -> None:
    """Check a graph against the packaged SHACL shapes and the ontology; exit 1 when it does not conform or is inconsistent."""
    from . import validate_graph

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
