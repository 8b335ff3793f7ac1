"""``diplokg serve`` and ``diplokg publish``: thin over :mod:`diplokg.publish`.

:func:`register` adds both commands to the main Typer app (``diplokg.cli``), whose
:class:`~diplokg.cli.Command` turns their errors into one line and an exit code by the one table,
:data:`diplokg.cli.EXIT_CODES`.
"""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import ConfigError
from ..rdf.iris import DEFAULT_BASE

__all__ = ["register", "serve", "publish"]

# No emoji codes: ":x:" in an IRI or a file name must print as written.
console = Console(stderr=True, emoji=False)
out = Console(emoji=False)

GraphArg = Annotated[Optional[Path], typer.Argument(metavar="GRAPH", help="Graph file (.ttl, .trig, .nt, .nq, .jsonld), loaded into memory.")]
StoreOpt = Annotated[Optional[Path], typer.Option("--store", metavar="DIR", help="Embedded store directory, opened read-only.")]
BaseOpt = Annotated[str, typer.Option("--base", metavar="IRI", help="Namespace of the data IRIs (as given to build); a public IRI is mapped onto this server by its path.")]
LicenseOpt = Annotated[Optional[str], typer.Option("--license", metavar="IRI", help="IRI of the data licence, for the VoID/DCAT description.")]
PublisherOpt = Annotated[Optional[str], typer.Option("--publisher", metavar="IRI|NAME", help="Publisher (an IRI or a name), for the VoID/DCAT description.")]
SiteOpt = Annotated[Optional[str], typer.Option("--site", metavar="URL", help="Public URL of the server root (for the VoID links); default: the request's host (serve) or the base IRI's host (publish).")]


def _open(graph: Path | None, store_dir: Path | None, base: str):
    from ..console import check_base
    from .dataset import Dataset

    _one_source(graph, store_dir)
    return Dataset.open(graph, store_dir=store_dir, base=check_base(base, served=True))


def _one_source(graph: Path | None, store_dir: Path | None) -> None:
    if (graph is None) == (store_dir is None):
        raise ConfigError("give GRAPH or --store DIR (one of them).",
                          hint="name a graph file (out/graph.trig) or an embedded store (--store DIR).", code="E414")


def _listen(host: str, port: int) -> socket.socket:
    """A socket listening on ``host:port``, bound before anything starts, so that a busy port is
    one error line (uvicorn would log it and exit 3 after the server had started)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family, backlog=2048)
    except OSError as err:
        reason = os.strerror(err.errno) if err.errno else str(err)
        raise ConfigError(f"Cannot listen on {host}:{port}: {reason}.",
                          hint="choose another --port (or stop what holds this one), or another --host.", code="E413") from err


def _exit_on_sigterm(_signum: int, _frame: object) -> None:
    raise SystemExit(0)  # stopping a server is how it ends: success


def serve(
    graph: GraphArg = None,
    store_dir: StoreOpt = None,
    base: BaseOpt = DEFAULT_BASE,
    host: Annotated[str, typer.Option(metavar="HOST", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", min=0, max=65535, help="Port to listen on.")] = 8000,
    site: SiteOpt = None,
    license: LicenseOpt = None,
    publisher: PublisherOpt = None,
    timeout: Annotated[float, typer.Option("--query-timeout", metavar="SECONDS", help="Seconds a SPARQL query may run.")] = 10.0,
    max_rows: Annotated[int, typer.Option("--max-rows", metavar="N", help="Most rows (or triples) a SPARQL result may hold.")] = 10_000,
    workers: Annotated[int, typer.Option("--query-workers", metavar="N", min=1, help="SPARQL queries evaluated at once (one worker process each).")] = 4,
    memory: Annotated[int, typer.Option("--query-memory", metavar="MIB", min=0, help="MiB of memory one SPARQL query may use (0: no cap).")] = 1024,
) -> None:
    """Serve the graph as linked data: dereferenceable IRIs, HTML pages, /sparql, /void (read-only)."""
    import uvicorn

    from ..console import check_base
    from .dataset import SparqlLimits
    from .server import ServerOptions, create_app
    from .void import VoidOptions

    check_base(base, served=True)
    _one_source(graph, store_dir)
    listener = _listen(host, port)
    port = listener.getsockname()[1]  # the one chosen by the system for --port 0
    try:
        dataset = _open(graph, store_dir, base)
    except BaseException:
        listener.close()
        raise
    options = ServerOptions(site=site, limits=SparqlLimits(timeout=timeout, max_rows=max_rows, workers=workers, memory_mib=memory),
                            void=VoidOptions(license=license, publisher=publisher))
    app = create_app(dataset, options)
    prefix = app.state.urls.resource_prefix
    out.print(f"serving {escape(dataset.source)} at http://{host}:{port}/  (resources under {prefix}, "
              f"SPARQL at /sparql, VoID at /void)", soft_wrap=True)
    # uvicorn shuts down gracefully on SIGTERM, restores this handler and raises the signal again:
    # exiting through SystemExit (not the default handler's abrupt end) lets the cleanup below and
    # the interpreter's exit hooks run (multiprocessing's /tmp/pymp-* folder among them).
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", server_header=False)
        uvicorn.Server(config).run(sockets=[listener])
    finally:
        listener.close()
        dataset.close()


def publish(
    graph: GraphArg = None,
    store_dir: StoreOpt = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Directory to write the static site into (created when missing).")] = Path("site"),
    base: BaseOpt = DEFAULT_BASE,
    site: SiteOpt = None,
    license: LicenseOpt = None,
    publisher: PublisherOpt = None,
) -> None:
    """Write every description as static files (Turtle, JSON-LD, N-Triples, HTML), dumps, VoID
    and web-server configuration (.htaccess, nginx.conf) for content negotiation."""
    from ..console import check_base, writable_dir
    from .static import publish_static
    from .void import VoidOptions

    check_base(base, served=True)  # before anything is created
    _one_source(graph, store_dir)
    writable_dir(out_dir)
    dataset = _open(graph, store_dir, base)
    try:
        report = publish_static(dataset, out_dir, site=site, void=VoidOptions(license=license, publisher=publisher, sparql=False))
    finally:
        dataset.close()
    out.print(f"wrote {report.files} files ({report.resources} resource descriptions): {escape(str(out_dir))}", soft_wrap=True)
    for iri in report.skipped:
        console.print(f"[yellow]skipped[/yellow] {escape(iri)} (no safe file name)")


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``publish`` to ``app``."""
    from ..console import Command

    app.command("serve", cls=Command)(serve)
    app.command("publish", cls=Command)(publish)
