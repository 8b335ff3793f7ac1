"""The RDF wing: everything that spells an IRI, a term, a prefix or a serialisation.

- :mod:`diplokg.rdf.iris`: data IRIs, made and parsed by one :class:`~diplokg.rdf.iris.Minter`;
  the base, document slugs, the reserved and internal graphs.
- :mod:`diplokg.rdf.terms`: the closed namespace generated from ``ontology/diplokg.ttl`` and the
  prefix table.
- :mod:`diplokg.rdf.formats`: the one table of RDF serialisations (suffix, media type, parser).
- :mod:`diplokg.rdf.writers`: quads -> files, deterministic, streaming, atomic.
- :mod:`diplokg.rdf.jsonld`: JSON-LD compacted with the published context.

Nothing outside this package spells an IRI pattern, a prefix table or a format list.
"""
