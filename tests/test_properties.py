"""Property-based: arbitrary text through the whole build still gives graphs every tool reads and the shapes accept.

Texts mix diplomatic sentences (so that entities, tenures, events and statements are extracted)
with any Unicode, quotes of every kind, backslashes, control characters, very long lines and
blank lines. For every build: each output format parses with pyoxigraph (and Turtle, JSON-LD with
rdflib, Turtle with rapper when installed) to the same quads; every span's anchor is exactly the
text at its offsets; the graph conforms to the shapes. Inputs the build refuses must be refused
with an :class:`~diplokg.errors.InputError`, never a crash.

Each failure these tests found is kept below as a ``test_regression_*``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import Quad, RdfFormat, parse

from diplokg.builder import build
from diplokg.errors import InputError
from diplokg.pipeline import build_nlp
from diplokg.validate import validate_graph

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

FORMATS = {
    "turtle": ("graph.ttl", RdfFormat.TURTLE),
    "trig": ("graph.trig", RdfFormat.TRIG),
    "ntriples": ("graph.nt", RdfFormat.N_TRIPLES),
    "nquads": ("graph.nq", RdfFormat.N_QUADS),
    "jsonld": ("graph.jsonld", RdfFormat.JSON_LD),
}
NIF = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = rdflib.Namespace("http://schema.org/")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
#: What the build may answer for text that is not an article (blank, or mostly control characters).
REFUSALS = {"empty", "binary", "missing-text"}

# Built once for the module: the first build would otherwise pay for it inside an example.
NLP = {language: build_nlp(language) for language in ("id", "en")}

SENTENCES = [
    "Menteri Luar Negeri Rusia Sergei Lavrov bertemu Menteri Luar Negeri Tiongkok Wang Yi di Beijing pada 25 Juli.",
    "Pada hari Senin, Presiden Joko Widodo menerima kunjungan Perdana Menteri Jepang di Istana Merdeka, Jakarta.",
    "“Kami mendukung peran sentral ASEAN,” kata Lavrov kepada wartawan.",
    "Wang Yi mengatakan bahwa Tiongkok siap bekerja sama dengan Rusia.",
    "Indonesia dan Brasil menandatangani perjanjian kerja sama di sela-sela KTT BRICS.",
    # Titles name their state: a title without one is test_regression_tenure_state_from_the_kb_*.
    "Russian Foreign Minister Sergei Lavrov met his Chinese counterpart Wang Yi in Vientiane on Thursday.",
    "\"We will not accept interference,\" Lavrov said after the talks, which lasted 40 minutes.",
    "Retno Marsudi held a phone call with Antony Blinken on 3 March 2023.",
    "(Sumber: AFP)",
    "Sumber: https://example.org/berita/1",
    "Baca juga: Lavrov kunjungi Jakarta",
    "12 komentar",
]
QUOTES = "\"'`´«»‹›„“”‟‘’‚‛「」『』〝〞＂＇❝❞"
CONTROLS = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.characters(min_codepoint=0x7F, max_codepoint=0x9F)
# Any code point a UTF-8 file can hold (no surrogates).
ANY = st.characters(blacklist_categories=("Cs",))
SPECIALS = st.sampled_from(list(QUOTES) + ["\\", "\\\\", "\\u0000", "\\n", "\\\"", "\u2028", "\u2029", "\ufeff",
                                           "\u200b", "\u202e", "\ufffd", "\ufffe", "😀", "e\u0301", "\t", "\r\n", "\r"])


@st.composite
def articles(draw) -> str:
    pieces = draw(st.lists(
        st.one_of(
            st.sampled_from(SENTENCES),
            st.text(ANY, max_size=40),
            st.lists(st.one_of(SPECIALS, CONTROLS, st.sampled_from("ab .,\n")), max_size=30).map("".join),
            st.builds(lambda s, n: s * n, st.sampled_from(SENTENCES[:3] + ["x", "ab "]), st.integers(20, 150)),
            st.builds(lambda s, q: q + s + q, st.sampled_from(SENTENCES), st.sampled_from(list(QUOTES))),
            st.text(st.sampled_from(" \n\t"), max_size=20),
        ),
        max_size=8,
    ))
    separators = draw(st.lists(st.sampled_from(["", " ", "\n", "\n\n"]), min_size=len(pieces), max_size=len(pieces)))
    return "".join(piece + sep for piece, sep in zip(pieces, separators))


def check_build(inputs: list[Path], out: Path, *, reasoner: bool = False) -> tuple[int, rdflib.Graph | None]:
    """Build ``inputs`` into ``out`` and assert everything this module promises; returns (articles, graph)."""
    report = build(inputs, out, formats=list(FORMATS))
    for failure in report.failures:
        assert isinstance(failure, InputError) and failure.kind in REFUSALS, str(failure)
    reference = set(parse(path=str(out / "graph.trig"), format=RdfFormat.TRIG))
    for name, (file, fmt) in FORMATS.items():
        got = set(parse(path=str(out / file), format=fmt))
        if fmt in (RdfFormat.TRIG, RdfFormat.N_QUADS, RdfFormat.JSON_LD):
            assert got == reference, name
        else:
            assert {q.triple for q in got} == {q.triple for q in reference}, name
    if report.articles == 0:
        assert reference == set()
        return 0, None
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert len(graph) == len({q.triple for q in reference})
    dataset = rdflib.Dataset()
    dataset.parse(out / "graph.jsonld", format="json-ld")
    assert len(set(dataset.quads((None, None, None, None)))) == len(reference)
    if (rapper := shutil.which("rapper")) is not None:
        done = subprocess.run([rapper, "-q", "-i", "trig", "-o", "nquads", str(out / "graph.trig")],
                              capture_output=True, check=False)
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        assert set(parse(done.stdout, format=RdfFormat.N_QUADS)) == reference
    texts = {s: str(o) for s, o in graph.subject_objects(NIF.isString)}
    assert len(texts) == report.articles
    for span in graph.subjects(NIF.anchorOf, None):
        context = graph.value(span, NIF.referenceContext)
        begin, end = int(graph.value(span, NIF.beginIndex)), int(graph.value(span, NIF.endIndex))
        assert texts[context][begin:end] == str(graph.value(span, NIF.anchorOf)), span
        assert str(span) == f"{context}#char={begin},{end}"
    result = validate_graph(graph, reasoner=reasoner)
    assert result.violations == (), "\n".join(map(str, result.violations[:5]))
    assert result.consistent is not False
    return report.articles, graph


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=articles())
def test_any_text_file_builds_to_graphs_that_parse_and_conform(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_bytes(text.encode("utf-8"))
        articles_built, _ = check_build([path], Path(tmp) / "out")
        if text.strip() and not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text):
            assert articles_built == 1


def _metadata() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(ANY, max_size=30),
        st.builds(lambda tail: "https://example.org/" + tail, st.lists(st.one_of(ANY, SPECIALS), max_size=20).map("".join)),
        st.sampled_from(["", " ", "foo", "foo bar", "mailto:x@example.org", "xsd:string", "schema:x", "http://[::1]/a"]),
    )


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=articles(), title=_metadata(), url=_metadata(), surrogate=st.booleans())
def test_any_jsonl_article_with_any_metadata_builds_to_graphs_that_parse_and_conform(
    text: str, title: str, url: str, surrogate: bool
) -> None:
    """JSONL adds metadata strings and JSON escapes, including lone surrogates (\\ud800)."""
    line = json.dumps({"id": "a1", "text": text, "title": title, "url": url}, ensure_ascii=True)
    if surrogate:
        line = line.replace('"text": "', '"text": "\\ud83d x \\udc00 ', 1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        path.write_text(line + "\n", encoding="utf-8")
        check_build([path], Path(tmp) / "out")


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=articles())
def test_any_text_gives_a_graph_hermit_reads_and_finds_consistent(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_bytes((SENTENCES[0] + "\n" + text).encode("utf-8"))
        check_build([path], Path(tmp) / "out", reasoner=True)


# --------------------------------------------------------------------------------------------
# Failures the properties found, kept as they were found
# --------------------------------------------------------------------------------------------


def _jsonl(tmp_path: Path, **fields: str) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps({"id": "r1", **fields}) + "\n", encoding="utf-8")
    return path


def test_regression_url_metadata_that_is_not_an_iri(tmp_path):
    """``"url": "foo bar"`` stopped the whole build with ValueError('Invalid IRI code point')."""
    path = _jsonl(tmp_path, text=SENTENCES[0], url="foo bar")
    articles_built, graph = check_build([path], tmp_path / "out")
    assert articles_built == 1
    assert list(graph.objects(None, SCHEMA.url)) == []


def test_regression_url_metadata_with_spaces_is_percent_encoded(tmp_path):
    path = _jsonl(tmp_path, text=SENTENCES[0], url="https://example.org/a b/ü#x#y")
    _, graph = check_build([path], tmp_path / "out")
    assert list(graph.objects(None, SCHEMA.url)) == [rdflib.URIRef("https://example.org/a%20b/%C3%BC#x%23y")]


def test_regression_source_line_url_with_quotes_and_brackets(tmp_path):
    """A "Sumber: http://..." line whose URL holds ``"<>{}|^`\\`` stopped the build (not an IRI)."""
    path = tmp_path / "article.txt"
    path.write_text(SENTENCES[0] + '\n\nSumber: http://x.org/a"b<c>{d}|e^f`g\\h\n', encoding="utf-8")
    _, graph = check_build([path], tmp_path / "out")
    assert list(graph.objects(None, DCTERMS.source)) == [rdflib.URIRef("http://x.org/a%22b%3Cc%3E%7Bd%7D%7Ce%5Ef%60g%5Ch")]


def test_regression_lone_surrogate_in_jsonl_text(tmp_path):
    """JSON ``"\\ud800"`` is a lone surrogate: spaCy's tokenizer raised UnicodeEncodeError."""
    path = tmp_path / "articles.jsonl"
    path.write_text('{"id": "r1", "title": "x \\udc00", "text": "Sergei Lavrov \\ud800 bertemu Wang Yi di Beijing."}\n',
                    encoding="utf-8")
    articles_built, graph = check_build([path], tmp_path / "out")
    assert articles_built == 1
    assert "\ufffd" in str(next(graph.objects(None, NIF.isString)))


@pytest.mark.slow
def test_regression_control_characters_reach_the_reasoner(tmp_path):
    """HermiT refused nif:isString holding U+0007 (MalformedLiteralException): validate crashed."""
    path = tmp_path / "article.txt"
    path.write_text("Menteri \x01Luar Negeri Rusia\x07 Sergei Lavrov \u202ebertemu Wang Yi \\ di Beijing.\x0b\x0c\x1c end\n",
                    encoding="utf-8")
    articles_built, graph = check_build([path], tmp_path / "out", reasoner=True)
    assert articles_built == 1
    assert "\x07" in str(next(graph.objects(None, NIF.isString)))


def test_lines_of_nothing_but_blanks_are_refused_not_crashed(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("\n \n\t\n\n", encoding="utf-8")
    assert check_build([path], tmp_path / "out")[0] == 0


def test_a_very_long_line_keeps_exact_offsets(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(("„" + SENTENCES[0] + "“ \\ ") * 300, encoding="utf-8")
    articles_built, graph = check_build([path], tmp_path / "out")
    assert articles_built == 1 and len(set(graph.subjects(NIF.anchorOf, None))) > 300


def test_regression_noncharacter_fffe_in_text(tmp_path):
    """rapper refused graph.trig when the text held U+FFFE ("illegal Unicode character"), raw or escaped."""
    path = tmp_path / "article.txt"
    path.write_text(SENTENCES[0] + " \ufffe \uffff", encoding="utf-8")
    articles_built, graph = check_build([path], tmp_path / "out")
    assert articles_built == 1
    assert str(next(graph.objects(None, NIF.isString))).endswith("\ufffd \ufffd")


def _conforms_strictly(tmp_path: Path, text: str) -> None:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    build([path], tmp_path / "out", formats=["turtle"])
    result = validate_graph(tmp_path / "out" / "graph.ttl", reasoner=False)
    assert result.conforms, "\n".join(map(str, result.violations))


def test_regression_tenure_state_from_the_kb_is_an_entity(tmp_path):
    _conforms_strictly(tmp_path, "Foreign Minister Sergei Lavrov met Wang Yi in Vientiane on Thursday.")


def test_regression_tenure_home_state_is_an_entity(tmp_path):
    _conforms_strictly(tmp_path, "Menteri Luar Negeri Retno Marsudi bertemu Wang Yi di Vientiane pada hari Kamis.")


def test_regression_nul_in_text_is_not_cut_by_rapper(tmp_path):
    """rapper cut nif:isString at U+0000 (from a JSON "\\u0000" escape): its graph differed from the others."""
    path = _jsonl(tmp_path, text=SENTENCES[2] + "\u0000 tail")
    articles_built, graph = check_build([path], tmp_path / "out")
    assert articles_built == 1
    assert str(next(graph.objects(None, NIF.isString))).endswith("\ufffd tail")
