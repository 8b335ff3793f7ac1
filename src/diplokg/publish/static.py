"""Static export: the server's descriptions as files, publishable without Python.

``publish_static(dataset, out)`` writes, under ``out``:

- ``doc/{rest}.{ttl,jsonld,nt,html}`` for every resource ``{base}{rest}`` the graph describes
  (hash IRIs live in their document, as on the server);
- ``index.html``, ``ontology.ttl``, ``ontology.html``, ``void.{ttl,jsonld,nt,html}``,
  ``dumps/graph.{ttl,nt,nq}``, ``static/style.css``;
- ``.htaccess`` (Apache) and ``nginx.conf`` (a ``server`` block to include): ``303`` from each
  resource IRI's path to its document in the format the ``Accept`` header asks for, content
  negotiation on ``/doc/{rest}``, ``/void``, ``/ontology``, and the media types of the suffixes.

Served at the root of a host (links are root-relative, as on the live server).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


from ..rdf.formats import DESCRIPTIONS, FORMATS
from ..rdf.formats import DUMPS as DUMP_FORMATS
from .dataset import Dataset, serialize_triples
from .pages import Pages, asset, ontology_turtle
from .urls import SUFFIXES, BadPath, UrlMap, check_rest
from .void import DUMPS, VoidOptions, void_triples

__all__ = ["StaticReport", "publish_static", "apache_config", "nginx_config"]


@dataclass
class StaticReport:
    """What :func:`publish_static` did: resources described, files written (``paths``, each once,
    relative to ``out``) and resources skipped for want of a safe file name."""

    resources: int = 0
    skipped: list[str] = field(default_factory=list)
    out: Path = Path(".")
    paths: list[Path] = field(default_factory=list)

    @property
    def files(self) -> int:
        """Number of files written (counted as written, not estimated)."""
        return len(self.paths)


def _write(root: Path, relative: str, data: bytes | str) -> Path:
    path = (root / relative).resolve()
    if root.resolve() not in path.parents:
        raise BadPath(f"{relative} would leave the output directory")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    os.replace(tmp, path)
    return path


def apache_config(urls: UrlMap) -> str:
    """An ``.htaccess`` for the export's root (mod_rewrite, mod_mime, mod_headers)."""
    prefix = urls.resource_prefix.lstrip("/")
    rules = []
    described = [(f.suffix, f.media_type.replace("+", "\\+")) for f in map(FORMATS.get, DESCRIPTIONS)]
    for ext, media in described:
        rules.append(f"RewriteCond %{{HTTP_ACCEPT}} {media}\nRewriteRule ^{prefix}(.+)$ /doc/$1.{ext} [R=303,L]")
    docs = []
    for ext, media in described:
        docs.append(f"RewriteCond %{{HTTP_ACCEPT}} {media}\nRewriteCond %{{DOCUMENT_ROOT}}/doc/$1.{ext} -f\n"
                    f"RewriteRule ^doc/(.+?)$ /doc/$1.{ext} [L]")
    add_types = "\n".join(f"AddType {f.media_type} .{f.suffix}" for f in _served())
    return f"""# diplokg static export: Apache configuration (mod_rewrite, mod_mime, mod_headers).
# Resource IRIs {urls.base}... are served at /{prefix}...: a GET answers 303 See Other to the
# description in the format the Accept header asks for (Turtle, JSON-LD, N-Triples, else HTML).
Options -MultiViews
{add_types}
AddType "text/html; charset=utf-8" .html
Header set Vary Accept
Header set Access-Control-Allow-Origin "*"
RewriteEngine On

# resource IRI -> 303 to its description
{chr(10).join(rules)}
RewriteRule ^{prefix}(.+)$ /doc/$1.html [R=303,L]

# a document without suffix -> the negotiated file
{chr(10).join(docs)}
RewriteCond %{{DOCUMENT_ROOT}}/doc/$1.html -f
RewriteRule ^doc/(.+?)$ /doc/$1.html [L]

# the dataset description and the ontology
RewriteCond %{{HTTP_ACCEPT}} text/html
RewriteRule ^(void|\\.well-known/void)$ /void.html [L]
RewriteRule ^(void|\\.well-known/void)$ /void.ttl [L]
RewriteCond %{{HTTP_ACCEPT}} text/turtle
RewriteRule ^ontology$ /ontology.ttl [L]
RewriteRule ^ontology$ /ontology.html [L]
"""


def _served():
    """The RDF formats a static export holds files of: its descriptions and its dumps."""
    return [FORMATS[name] for name in dict.fromkeys((*DESCRIPTIONS, *DUMP_FORMATS))]


def nginx_config(urls: UrlMap, root: str = "/srv/diplokg") -> str:
    """A ``server`` block for nginx doing the same as :func:`apache_config`."""
    prefix = urls.resource_prefix
    escaped = {f.name: f.media_type.replace("+", "\\+") for f in _served()}  # nginx map values are regexes
    negotiated = "\n".join(f"    ~{escaped[name]} {FORMATS[name].suffix};" for name in DESCRIPTIONS)
    types = "\n".join(f"        {f.media_type} {f.suffix};" for f in _served())
    return f"""# diplokg static export: nginx configuration. Put the map in the http block and the server
# block in sites-enabled; set root to where `diplokg publish --out` wrote the files.
map $http_accept $diplokg_ext {{
    default html;
{negotiated}
}}

server {{
    listen 80;
    root {root};
    types {{
        text/html html;
        text/css css;
{types}
    }}
    add_header Vary Accept always;
    add_header Access-Control-Allow-Origin * always;

    # resource IRI -> 303 to its description in the asked-for format
    location ~ ^{prefix}(.+)$ {{
        return 303 /doc/$1.$diplokg_ext;
    }}
    # a document without suffix -> the negotiated file
    location ~ ^/doc/(.+)$ {{
        try_files $uri $uri.$diplokg_ext =404;
    }}
    location = /void {{ try_files /void.$diplokg_ext =404; }}
    location = /.well-known/void {{ try_files /void.$diplokg_ext =404; }}
    location = /ontology {{ try_files /ontology.$diplokg_ext /ontology.html =404; }}
    location / {{ try_files $uri $uri/index.html =404; }}
}}
"""


def publish_static(dataset: Dataset, out: str | Path, *, site: str | None = None,
                   void: VoidOptions = VoidOptions(sparql=False), title: str = "diplokg") -> StaticReport:
    """Write the static publication of ``dataset`` into ``out`` (see the module docstring).

    ``site`` is the URL the files will be served at (for the VoID description); default: the
    scheme and host of the base IRI.
    """
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    urls = UrlMap(dataset.base)
    pages = Pages(dataset, urls, static=True, title=title)
    if site is None:
        from urllib.parse import urlsplit

        parts = urlsplit(dataset.base)
        site = f"{parts.scheme}://{parts.netloc}"
    report = StaticReport(out=root)
    written: set[Path] = set()

    def write(relative: str, data: bytes | str) -> None:
        path = _write(root, relative, data)
        if path not in written:  # a file written twice is one file
            written.add(path)
            report.paths.append(path.relative_to(root.resolve()))

    done: set[str] = set()
    for row in dataset.select("resources"):
        iri = row["resource"].value
        rest = urls.rest(iri)
        if not rest or rest in done:
            continue
        done.add(rest)
        try:
            check_rest(rest)
        except BadPath:
            report.skipped.append(iri)
            continue
        # A file name holds at most 255 bytes, and a non-ASCII letter takes 2 to 4 of them.
        if max(len(segment.encode("utf-8")) for segment in rest.split("/")) > 255 - len(".jsonld"):
            report.skipped.append(iri)
            continue
        doc_iri = urls.iri(rest)
        triples = dataset.describe(doc_iri)
        if not triples:
            continue
        for ext, media in SUFFIXES.items():
            body = pages.resource(doc_iri, triples) if media == "text/html" else serialize_triples(triples, media)
            write(f"doc/{rest}.{ext}", body or b"")
        report.resources += 1
    write("index.html", pages.index())
    write("ontology.ttl", ontology_turtle())
    write("ontology.html", pages.ontology())
    iri, triples = void_triples(dataset, urls, site, void)
    for ext, media in SUFFIXES.items():
        if media == "text/html":
            alternates = [(f.label, f.media_type, f"/void.{f.suffix}") for f in map(FORMATS.get, DESCRIPTIONS)]
            write("void.html", pages.generic(iri, triples, void.title, alternates))
        else:
            write(f"void.{ext}", serialize_triples(triples, media))
    for name, media in DUMPS.items():
        write(f"dumps/{name}", dataset.dump(media))
    write("static/style.css", asset("style.css"))
    write(".htaccess", apache_config(urls))
    write("nginx.conf", nginx_config(urls))
    return report


