"""TEMPORARY: shards.py's old import path, until its import lines move to ``diplokg.rdf.writers``
(shards.py had uncommitted changes by another engineer when rdf/ was created). Remove this file
then; everything else imports from :mod:`diplokg.rdf`."""

from .rdf.formats import FORMATS
from .rdf.writers import GraphWriter, ShardWriter, lock_directory, write_atomically

__all__ = ["FORMATS", "GraphWriter", "ShardWriter", "lock_directory", "write_atomically"]
