"""Throughput and memory of the full build against a bare spaCy pass over the same corpus.

Generates a synthetic corpus (default 20,000 articles) from templates and the knowledge base, with
realistic length and noise (page furniture, damaged spellings, quotes, dates), then prints:

- words/s of a bare spaCy pass: blank tokenizer + sentencizer + an EntityRuler with the
  knowledge base's surface forms (what the brief compares against);
- words/s of the full build, text to Turtle and TriG on disk, in one process;
- peak memory, and resident memory after 5,000 and after all articles (it must not grow: the
  build streams);
- the trained language layer (``diplokg_language_layer`` + ``diplokg_entities``): words/s of the
  full build with it, in each scope (NER on all or on cued sentences, syntax on cued sentences),
  on the synthetic corpus and on real text (``--real``, repeated to ``--real-words``), the share
  of words in cued sentences, and the layer's own pipe rate;
- each trained component's cost per token on the real text, with the spaCy version.

    python bench/throughput.py [--articles 20000] [--out /tmp/diplokg-bench] [--real ../shared/dev/corpus.jsonl]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import spacy

import diplokg.builder
from diplokg.builder import build
from diplokg.kb import load_kb
from diplokg.pipeline import build_nlp
from diplokg.resources import pipeline_config_path

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


#: Scopes of the language layer measured: (label, ner, syntax).
LAYER_SCOPES = (
    ("no layer (DIPLOKG_LANGUAGE_LAYER=0)", None, None),
    ("layer: NER all + syntax cued (the default)", "all", "cued"),
    ("layer: NER cued + syntax cued", "cued", "cued"),
    ("layer: NER all + syntax all", "all", "all"),
    ("layer: NER all, no syntax", "all", "none"),
    ("layer: NER cued, no syntax", "cued", "none"),
)


def layer_nlp(language: str, ner: str, syntax: str) -> spacy.Language:
    """diplokg's pipeline with the language layer on, in the given scopes (config overrides)."""
    config = spacy.util.load_config(str(pipeline_config_path()), overrides={
        "nlp.lang": language, "nlp.disabled": [],
        "components.diplokg_language_layer.ner": ner, "components.diplokg_language_layer.syntax": syntax})
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.initialize()
    return nlp


def repeat_corpus(source: Path, path: Path, words: int) -> int:
    """``source`` (JSONL articles) repeated under fresh ids until it holds at least ``words`` words."""
    records = [json.loads(line) for line in open(source, encoding="utf-8") if line.strip()]
    total, k = 0, 0
    with open(path, "w", encoding="utf-8") as f:
        while total < words:
            for r in records:
                f.write(json.dumps({**r, "id": f"{r.get('id', 'a')}-{k}"}, ensure_ascii=False) + "\n")
                total += len(r["text"].split())
            k += 1
    return total


def layer_runs(corpus: Path, out: Path, repeat: int = 3) -> None:
    """Full one-process builds of ``corpus`` without and with the layer in each scope: one build
    untimed first (the process's one-time costs), then each scope ``repeat`` times, in turn, so a
    slow spell of the shared machine falls on every scope alike; the median and the best are printed."""
    records = [json.loads(line) for line in open(corpus, encoding="utf-8")]
    pipelines = {label: {lang: build_nlp(lang, layer=False) if ner is None else layer_nlp(lang, ner, syntax)
                         for lang in ("id", "en")}
                 for label, ner, syntax in LAYER_SCOPES}
    rates: dict[str, list[float]] = {label: [] for label, _ner, _syntax in LAYER_SCOPES}
    original = diplokg.builder.build_nlp
    try:
        for round_ in range(repeat + 1):
            for label, _ner, _syntax in LAYER_SCOPES:
                nlps = pipelines[label]
                diplokg.builder.build_nlp = lambda language="id", _nlps=nlps, **_kw: _nlps[language]  # the build reads this name
                start = time.perf_counter()
                report = build([corpus], out / "graph-layer")
                if round_:  # round 0 warms the process up
                    rates[label].append(report.words / (time.perf_counter() - start))
                if round_ == 0 and label == LAYER_SCOPES[0][0]:
                    break  # one untimed build is warm-up enough
    finally:
        diplokg.builder.build_nlp = original
    for label, ner, _syntax in LAYER_SCOPES:
        runs = sorted(rates[label])
        line = f"  {label}: full build {runs[len(runs) // 2]:,.0f} words/s (median of {len(runs)}, best {runs[-1]:,.0f})"
        if ner is not None:
            nlps = pipelines[label]
            cued = total = 0
            start = time.perf_counter()
            for lang, nlp in nlps.items():
                layer = nlp.get_pipe("diplokg_language_layer")
                for doc in nlp.pipe(r["text"] for r in records if r["language"] == lang):
                    total += len(doc)
                    cued += sum(len(s) for s in layer.cued_sentences(doc))
            pipe = sum(len(r["text"].split()) for r in records) / (time.perf_counter() - start)
            line += f"; spaCy pass alone {pipe:,.0f} words/s; cued sentences hold {cued / max(total, 1):.0%} of tokens"
        print(line, flush=True)


def component_costs(corpus: Path) -> None:
    """Microseconds per token of each trained component, a batch of Docs at a time (the layer's
    way), with the spaCy version: the parser's and NER's cost depends on how spaCy was built."""
    records = [json.loads(line) for line in open(corpus, encoding="utf-8")]
    for lang in ("id", "en"):
        nlp = build_nlp(lang)
        layer = nlp.get_pipe("diplokg_language_layer")
        with nlp.select_pipes(enable=["diplokg_sentences", "diplokg_gazetteer"]):
            docs = list(nlp.pipe(r["text"] for r in records if r["language"] == lang))
        tokens = sum(len(doc) for doc in docs)
        costs = []
        for name, proc in layer.trained.pipeline:
            if name == "lemmatizer":
                continue
            best = float("inf")
            for _ in range(3):  # the best of three: the machine is shared
                start = time.perf_counter()
                docs = list(proc.pipe(docs, batch_size=64))
                best = min(best, time.perf_counter() - start)
            costs.append(f"{name} {best / max(tokens, 1) * 1e6:.1f}")
        print(f"  {lang} (spaCy {spacy.__version__}), us/token on whole Docs: " + ", ".join(costs), flush=True)


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
    parser.add_argument("--real", type=Path, default=Path("../shared/dev/corpus.jsonl"),
                        help="real articles (JSONL) for the language-layer figures")
    parser.add_argument("--real-words", type=int, default=200_000)
    parser.add_argument("--layer-articles", type=int, default=2_000,
                        help="synthetic articles for the language-layer figures (0: skip them)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="builds of each language-layer scope (median and best printed)")
    parser.add_argument("--skip-main", action="store_true", help="only the language-layer figures")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.skip_main:
        main_figures(args)
    if args.layer_articles:
        synthetic = args.out / "corpus-layer.jsonl"
        words = make_corpus(synthetic, args.layer_articles)
        print(f"language layer, synthetic corpus ({args.layer_articles} articles, {words} words):")
        layer_runs(synthetic, args.out, args.repeat)
    if args.real.is_file():
        real = args.out / "real.jsonl"
        words = repeat_corpus(args.real, real, args.real_words)
        print(f"language layer, real text ({args.real} repeated, {words} words):")
        component_costs(real)
        layer_runs(real, args.out, args.repeat)
        bare, _ = bare_pass(real)
        print(f"  bare spaCy pass on the real text: {bare:,.0f} words/s")
    else:
        print(f"no real text at {args.real}: pass --real")
    return 0


def main_figures(args: argparse.Namespace) -> None:
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


if __name__ == "__main__":
    sys.exit(main())
