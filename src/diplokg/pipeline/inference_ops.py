"""``diplokg``: thinc's :class:`~thinc.api.NumpyOps` with two kernels the encoder spends most of its
time in done by numpy's vectorised loops, giving the same numbers.

- ``maxout`` (every Maxout layer of the tok2vec): thinc's C++ loop takes an argmax per output, one
  scalar at a time; ``numpy.maximum`` over the pieces is 4-7x faster (2 and 3 pieces).
- ``gather_add`` (every HashEmbed: the sum of a token's rows): thinc adds each row with a BLAS
  ``axpy`` call, 2x slower than numpy's ``take`` and ``+=`` on whole columns of rows.

Both keep thinc's arithmetic: the maximum and the first piece that holds it (thinc's tie rule), and
the rows added in the same order, so a model gives bit-identical outputs under these ops
(``tests/test_language_layer.py`` checks it against ``NumpyOps``). Training is unaffected: it runs
under spaCy's default ops.
"""

from __future__ import annotations

import numpy
from thinc.api import NumpyOps, registry

__all__ = ["InferenceOps"]


@registry.ops("DiplokgInferenceOps")
class InferenceOps(NumpyOps):
    """NumpyOps with numpy-vectorised ``maxout`` and ``gather_add`` (see the module docstring)."""

    name = "diplokg"

    def maxout(self, X):  # noqa: N803 - thinc's signature
        pieces = X.shape[2] if X.ndim == 3 else 0
        if pieces not in (2, 3) or X.dtype != numpy.float32 or not len(X):
            return super().maxout(X)
        first, second = X[:, :, 0], X[:, :, 1]
        best = numpy.maximum(first, second)
        which = (second > first).astype("int32")
        if pieces == 3:
            third = X[:, :, 2]
            # The earliest piece holding the maximum wins, as in thinc's argmax.
            later = third > best
            numpy.maximum(best, third, out=best)
            which[later] = 2
        return best, which

    def gather_add(self, table, indices):
        if table.ndim != 2 or indices.ndim != 2 or not indices.shape[1] or table.dtype != numpy.float32:
            return super().gather_add(table, indices)
        output = table.take(indices[:, 0], axis=0)
        for column in range(1, indices.shape[1]):
            output += table.take(indices[:, column], axis=0)
        return output
