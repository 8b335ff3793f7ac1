"""Publishing the graph as linked data: a read-only HTTP server and a static export.

>>> from diplokg.publish import Dataset, create_app, publish_static   # doctest: +SKIP
>>> app = create_app(Dataset.open("out/graph.trig"))                 # doctest: +SKIP

Run ``diplokg serve GRAPH`` (or ``--store DIR``) for the server, ``diplokg publish GRAPH --out DIR``
for the static files. The URL layout is in :mod:`diplokg.publish.urls`.
"""

from .dataset import Dataset, SparqlLimits
from .server import ServerOptions, create_app
from .static import publish_static
from .void import VoidOptions

__all__ = ["Dataset", "SparqlLimits", "ServerOptions", "VoidOptions", "create_app", "publish_static"]
