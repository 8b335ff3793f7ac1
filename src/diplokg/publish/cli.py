"""``diplokg serve`` and ``diplokg publish``: thin over :mod:`diplokg.publish`.

:func:`register` adds both commands to the main Typer app (``diplokg.cli``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import DiplokgError
from ..mapping import DEFAULT_BASE

__all__ = ["register", "serve", "publish"]

console = Console(stderr=True)
out = Console()

GraphArg = Annotated[Optional[Path], typer.Argument(help="Graph file (.ttl, .trig, .nt, .nq, .jsonld), loaded into memory.")]
StoreOpt = Annotated[Optional[Path], typer.Option("--store", help="Embedded store directory, opened read-only.")]
BaseOpt = Annotated[str, typer.Option("--base", help="Namespace of the data IRIs (as given to build); a public IRI is mapped onto this server by its path.")]
LicenseOpt = Annotated[Optional[str], typer.Option("--license", help="IRI of the data licence, for the VoID/DCAT description.")]
PublisherOpt = Annotated[Optional[str], typer.Option("--publisher", help="Publisher (an IRI or a name), for the VoID/DCAT description.")]
SiteOpt = Annotated[Optional[str], typer.Option("--site", help="Public URL of the server root (for the VoID links); default: the request's host (serve) or the base IRI's host (publish).")]


def _open(graph: Path | None, store_dir: Path | None, base: str):
    from .dataset import Dataset

    if (graph is None) == (store_dir is None):
        console.print("[red]error[/red] give GRAPH or --store DIR (one of them)")
        raise typer.Exit(2)
    try:
        return Dataset.open(graph, store_dir=store_dir, base=base)
    except (DiplokgError, OSError, ValueError) as err:
        console.print(f"[red]error[/red] {escape(str(err))}", soft_wrap=True)
        raise typer.Exit(2) from err


def serve(
    graph: GraphArg = None,
    store_dir: StoreOpt = None,
    base: BaseOpt = DEFAULT_BASE,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    site: SiteOpt = None,
    license: LicenseOpt = None,
    publisher: PublisherOpt = None,
    timeout: Annotated[float, typer.Option("--query-timeout", help="Seconds a SPARQL query may run.")] = 10.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="Most rows (or triples) a SPARQL result may hold.")] = 10_000,
    workers: Annotated[int, typer.Option("--query-workers", min=1, help="SPARQL queries evaluated at once (one worker process each).")] = 4,
    memory: Annotated[int, typer.Option("--query-memory", min=0, help="MiB of memory one SPARQL query may use (0: no cap).")] = 1024,
) -> None:
    """Serve the graph as linked data: dereferenceable IRIs, HTML pages, /sparql, /void (read-only)."""
    import uvicorn

    from .dataset import SparqlLimits
    from .server import ServerOptions, create_app
    from .void import VoidOptions

    dataset = _open(graph, store_dir, base)
    options = ServerOptions(site=site, limits=SparqlLimits(timeout=timeout, max_rows=max_rows, workers=workers, memory_mib=memory),
                            void=VoidOptions(license=license, publisher=publisher))
    app = create_app(dataset, options)
    prefix = app.state.urls.resource_prefix
    out.print(f"serving {escape(dataset.source)} at http://{host}:{port}/  (resources under {prefix}, "
              f"SPARQL at /sparql, VoID at /void)", soft_wrap=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    finally:
        dataset.close()


def publish(
    graph: GraphArg = None,
    store_dir: StoreOpt = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Directory to write the static site into.")] = Path("site"),
    base: BaseOpt = DEFAULT_BASE,
    site: SiteOpt = None,
    license: LicenseOpt = None,
    publisher: PublisherOpt = None,
) -> None:
    """Write every description as static files (Turtle, JSON-LD, N-Triples, HTML), dumps, VoID
    and web-server configuration (.htaccess, nginx.conf) for content negotiation."""
    from .static import publish_static
    from .void import VoidOptions

    dataset = _open(graph, store_dir, base)
    try:
        report = publish_static(dataset, out_dir, site=site, void=VoidOptions(license=license, publisher=publisher, sparql=False))
    except (DiplokgError, OSError, ValueError) as err:
        console.print(f"[red]error[/red] {escape(str(err))}", soft_wrap=True)
        raise typer.Exit(1) from err
    finally:
        dataset.close()
    out.print(f"wrote {report.resources} resource descriptions, {report.files} files: {out_dir}")
    for iri in report.skipped:
        console.print(f"[yellow]skipped[/yellow] {escape(iri)} (no safe file name)")


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``publish`` to ``app``."""
    app.command("serve")(serve)
    app.command("publish")(publish)
