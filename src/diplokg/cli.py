"""The ``diplokg`` command: thin over library functions that return data.

Exit codes: 0 success; 1 the work ran but something failed (inputs that could not be read, a
graph that does not conform); 2 usage or configuration error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from .errors import DiplokgError

app = typer.Typer(
    name="diplokg",
    help="Build a linked-data knowledge graph of diplomats, states, forums, positions and events from news articles.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)
out = Console()


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


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Article files (.txt, .md, .jsonl) or directories of them.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output directory for graph.ttl and graph.trig.")] = Path("build"),
    base: Annotated[str, typer.Option(help="Namespace for the data IRIs.")] = "https://w3id.org/diplokg/id/",
    format: Annotated[Optional[list[str]], typer.Option("--format", "-f", help="Output format(s): turtle, trig, ntriples, nquads. Default: turtle and trig.")] = None,
    language: Annotated[Optional[str], typer.Option(help="Force the language (id or en) instead of detecting it.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read articles and write the knowledge graph (Turtle and TriG by default)."""
    from .build import build as run_build

    formats = format or ["turtle", "trig"]
    total = _count_inputs(paths)
    progress = Progress(
        TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]} art/s"),
        TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(), console=console, disable=quiet,
    )
    try:
        with progress:
            task = progress.add_task("build", total=total, rate="-")

            def tick(_doc) -> None:
                progress.advance(task)
                elapsed = progress.tasks[0].elapsed or 0
                done = progress.tasks[0].completed
                progress.update(task, rate=f"{done / elapsed:.1f}" if elapsed else "-")

            report = run_build(paths, out_dir, base=base, formats=formats, language=language, on_article=tick)
    except DiplokgError as err:
        console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(2) from err
    except ValueError as err:
        console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(2) from err

    table = Table(title=f"{report.articles} articles, {report.words} words, {report.quads} quads")
    table.add_column("class")
    table.add_column("count", justify="right")
    for cls, count in sorted(report.classes.items()):
        table.add_row(cls, str(count))
    out.print(table)
    for name, path in report.outputs.items():
        out.print(f"wrote {name}: {path}")
    for failure in report.failures:
        console.print(f"[yellow]failed[/yellow] {escape(str(failure))}", soft_wrap=True)
    if report.failures:
        console.print(f"{len(report.failures)} input(s) failed")
        raise typer.Exit(1)


@app.command()
def query(
    query_ref: Annotated[str, typer.Argument(metavar="QUERY", help="A .rq file or the name of a bundled query (see --list).")] = "",
    graph: Annotated[Optional[Path], typer.Argument(help="Graph file (.ttl, .trig, .nt, .nq).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    list_: Annotated[bool, typer.Option("--list", help="List the bundled queries and exit.")] = False,
) -> None:
    """Run a SPARQL query on a graph and print the answer."""
    from .query import format_result, resolve_query, run_query
    from .resources import list_queries, query_text

    if list_:
        for name in list_queries():
            first = next((line[len("# answers:"):].strip() for line in query_text(name).splitlines() if line.startswith("# answers:")), "")
            out.print(f"[bold]{name}[/bold]  {first}")
        return
    if not query_ref or graph is None:
        console.print("[red]error[/red] give QUERY and GRAPH (or --list)")
        raise typer.Exit(2)
    if format not in ("table", "csv", "json"):
        console.print(f"[red]error[/red] unknown format {format!r}: use table, csv or json")
        raise typer.Exit(2)
    try:
        text = resolve_query(query_ref)
        result = run_query(graph, text)
    except (DiplokgError, ValueError, OSError) as err:
        console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(2) from err
    if format == "table":
        table = Table(*result.variables)
        for row in result.rows:
            table.add_row(*[row.get(v) or "" for v in result.variables])
        out.print(table)
    else:
        sys.stdout.write(format_result(result, format))


@app.command("eval")
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Directory of gold JSON files.")],
    graph: Annotated[Path, typer.Argument(help="The built graph (graph.ttl).")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="Also list false positives and negatives.")] = False,
) -> None:
    """Score a build against gold annotations (precision, recall, F1 per category)."""
    from .evaluate import evaluate, render_table

    try:
        report = evaluate(gold_dir, graph)
    except (DiplokgError, ValueError, OSError) as err:
        console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(2) from err
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    out.print(render_table(report))
    if errors:
        for err in report.errors:
            out.print(escape(str(err)), soft_wrap=True)


@app.command()
def validate(
    graph: Annotated[Path, typer.Argument(help="Graph file to check against the packaged SHACL shapes.")],
) -> None:
    """Check a graph against the packaged SHACL shapes; exit 1 when it does not conform."""
    from .validate import validate_graph

    try:
        result = validate_graph(graph)
    except (DiplokgError, ValueError, OSError) as err:
        console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(2) from err
    if result.conforms:
        out.print(f"[green]conforms[/green]: {graph}")
        return
    for violation in result.violations:
        out.print(escape(str(violation)), soft_wrap=True)
    console.print(f"[red]{len(result.violations)} violation(s)[/red]")
    raise typer.Exit(1)


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
