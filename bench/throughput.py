"""Throughput and memory of the full build against a bare spaCy pass over the same corpus.

Generates a synthetic corpus (default 20,000 articles) from templates and the knowledge base, with
realistic length and noise (page furniture, damaged spellings, quotes, dates), then prints:

- words/s of a bare spaCy pass: blank tokenizer + sentencizer + an EntityRuler with the
  knowledge base's surface forms (what the brief compares against);
- words/s of the full build, text to Turtle and TriG on disk, in one process;
- peak memory, and resident memory after 5,000 and after all articles (it must not grow: the
  build streams).

    python bench/throughput.py [--articles 20000] [--out /tmp/diplokg-bench]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import spacy

from diplokg.build import build
from diplokg.kb import load_kb

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_corpus  # noqa: E402 - beside this script

def bare_pass(path: Path) -> tuple[float, int]:
    """Blank tokenizer + sentencizer + EntityRuler over the knowledge base's forms."""
    kb = load_kb()
    nlps = {}
    for lang in ("id", "en"):
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
        ruler.add_patterns([{"label": kind, "pattern": surface} for surface, _l, _k, kind in kb.surface_forms()])
        nlps[lang] = nlp
    records = [json.loads(line) for line in open(path, encoding="utf-8")]
    words = sum(len(r["text"].split()) for r in records)
    start = time.perf_counter()
    for lang, nlp in nlps.items():
        for _doc in nlp.pipe((r["text"] for r in records if r["language"] == lang), batch_size=256):
            pass
    return words / (time.perf_counter() - start), words


def _rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/diplokg-bench"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    corpus = args.out / "corpus.jsonl"
    words = make_corpus(corpus, args.articles)
    print(f"corpus: {args.articles} articles, {words} words ({words / args.articles:.0f} words/article)")

    rss: dict[int, float] = {}
    done = 0

    def sample(_doc) -> None:
        nonlocal done
        done += 1
        if done in (1_000, 5_000, 10_000, 20_000) or done == args.articles:
            rss[done] = _rss_mib()

    start = time.perf_counter()
    report = build([corpus], args.out / "graph", on_article=sample)
    elapsed = time.perf_counter() - start
    full = report.words / elapsed
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"full build (text -> Turtle+TriG on disk): {full:,.0f} words/s, {elapsed:.1f} s, {report.quads:,} quads")
    print("resident memory after N articles: " + ", ".join(f"{n}: {m:.0f} MiB" for n, m in sorted(rss.items())))
    print(f"peak memory of the build: {peak:.0f} MiB")

    bare, _ = bare_pass(corpus)
    print(f"bare spaCy pass (tokenizer + sentencizer + entity ruler): {bare:,.0f} words/s")
    print(f"full build / bare pass: {full / bare:.2f} (target >= 0.25)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
