"""The bundled SPARQL queries (queries/*.rq) and diplokg.query, checked by value on a fixture graph.

tests/data/fixture.ttl is a small hand-written graph following docs/data-model.md: two invented
articles (an English one about a Brazil-South Africa meeting on the sidelines of a G20 foreign
ministers' meeting in Rio de Janeiro, an Indonesian one about a Kishida-Albanese phone call).
Every bundled query must have its exact expected answer in EXPECTED below; adding a query file
without one fails test_every_bundled_query_has_an_expected_answer.

Seed-build tests (the same queries on the graph built from ../shared/seeds) are added separately.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, Store, serialize

from diplokg.query import (
    HEADER_FIELDS,
    QueryError,
    QueryResult,
    StoreError,
    bind_parameters,
    bundled_queries,
    format_result,
    load_graph,
    page_size,
    paged,
    query_header,
    query_parameters,
    resolve_query,
    run_query,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"
QUERIES_DIR = ROOT / "queries"

B = "https://w3id.org/diplokg/id/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"

# The fixture's IRIs, spelled out.
VIEIRA, PANDOR, JAISHANKAR = B + "person/mauro-vieira", B + "person/naledi-pandor", B + "person/s-jaishankar"
KISHIDA, ALBANESE = B + "person/fumio-kishida", B + "person/anthony-albanese"
BRAZIL, SOUTH_AFRICA, INDIA = B + "state/brazil", B + "state/south-africa", B + "state/india"
JAPAN, AUSTRALIA = B + "state/japan", B + "state/australia"
G20, BRICS = B + "forum/g20", B + "forum/brics"
RIO, TOKYO = B + "place/rio-de-janeiro", B + "place/tokyo"
FMM = B + "event/8450e224be73"  # ForumMeeting: G20 foreign ministers' meeting
MEETING = B + "event/f1c0f2eab9b0"  # Vieira + Pandor, on the sidelines of FMM
PANDOR_VISIT = B + "event/56ae3198b300"  # held, --02-20
TALKS = B + "event/58745b9e64a1"  # Vieira + Pandor + Jaishankar, on the sidelines of FMM
CALL = B + "event/6dd0b52899cb"  # Kishida + Albanese by phone
SUMMIT = B + "event/c1119a947a16"  # planned G20 summit, --11
ALBANESE_VISIT = B + "event/7ef2019ac945"  # planned, --06
ST_VIEIRA = B + "statement/a74ad87c1d18"  # direct
ST_PANDOR = B + "statement/40ee3734b725"  # reported
ST_KISHIDA_REPORTED = B + "statement/b64edb46d99f"
ST_KISHIDA_DIRECT = B + "statement/97f9d1ead361"
T_VIEIRA = B + "tenure/mauro-vieira--minister-of-foreign-affairs--brazil"
T_PANDOR = B + "tenure/naledi-pandor--minister-of-international-relations-and-cooperation--south-africa"
T_JAISHANKAR = B + "tenure/s-jaishankar--minister-of-external-affairs--india"
T_KISHIDA = B + "tenure/fumio-kishida--prime-minister--japan"
T_ALBANESE = B + "tenure/anthony-albanese--prime-minister--australia"
DOC_A, DOC_B = "g20-fmm-rio-2024", "kishida-albanese-telepon"

FMM_LABEL = "ForumMeeting: G20 Foreign Ministers' Meeting"
MIRCO = "Minister of International Relations and Cooperation"
SENT_A1 = (
    "Brazilian Foreign Minister Mauro Vieira met South African Minister of International Relations "
    "and Cooperation Naledi Pandor on the sidelines of the G20 Foreign Ministers' Meeting in Rio de "
    "Janeiro on Wednesday (21 February 2024)."
)
SENT_A4 = "Vieira, who has been foreign minister since January 2023, hosted the meeting."
PANDOR_WORDS = "Brazil and South Africa, both members of BRICS, would coordinate closely"
SENT_A6 = "Later that day Vieira and Pandor held trilateral talks with Indian External Affairs Minister S. Jaishankar."
SENT_B1 = (
    "Perdana Menteri Jepang Fumio Kishida melakukan pembicaraan telepon dengan Perdana Menteri "
    "Australia Anthony Albanese pada Selasa (5/3/2024) selama 30 menit."
)
SENT_B4 = "Jepang dan Australia, sesama anggota G20, juga membahas persiapan KTT G20 di Rio de Janeiro pada November."
KISHIDA_REPORTED = "kedua negara akan memperkuat kerja sama keamanan di kawasan"
KISHIDA_QUOTE = "Australia adalah mitra strategis khusus bagi Jepang"

#: Columns holding GROUP_CONCAT lists, whose order SPARQL leaves to the engine: compared sorted.
CONCAT_COLUMNS = {"meetings": {"participants"}, "phone-calls": {"participants"}, "event-reports": {"sources"}}

#: query name -> (variables, rows in ORDER BY order). Numbers and dates are lexical forms.
EXPECTED: dict[str, tuple[list[str], list[tuple[str | None, ...]]]] = {
    "meetings": (
        ["event", "type", "participants", "date", "place", "forum", "sidelinesOf"],
        [
            # same date: by the events' local ids (58745b9e64a1 < f1c0f2eab9b0)
            (TALKS, "Talks", "Mauro Vieira; Naledi Pandor; S. Jaishankar", "2024-02-21", None, None, FMM_LABEL),
            (MEETING, "Meeting", "Mauro Vieira; Naledi Pandor", "2024-02-21", "Rio de Janeiro", "G20", FMM_LABEL),
        ],
    ),
    "positions": (
        ["person", "name", "role", "organization", "start", "end"],
        [
            (ALBANESE, "Anthony Albanese", "Prime Minister", "Australia", None, None),
            (KISHIDA, "Fumio Kishida", "Prime Minister", "Japan", None, None),
            (VIEIRA, "Mauro Vieira", "Minister of Foreign Affairs", "Brazil", "2023-01", None),
            (PANDOR, "Naledi Pandor", MIRCO, "South Africa", None, None),
            (JAISHANKAR, "S. Jaishankar", "Minister of External Affairs", "India", None, None),
        ],
    ),
    "forum-events": (
        ["forumName", "event", "type", "label", "date", "place", "sidelinesOf"],
        [
            ("G20", FMM, "ForumMeeting", FMM_LABEL, None, "Rio de Janeiro", None),
            ("G20", MEETING, "Meeting", "Meeting: Mauro Vieira, Naledi Pandor", "2024-02-21", "Rio de Janeiro", FMM_LABEL),
            ("G20", SUMMIT, "Summit", "Summit: G20", "--11", "Rio de Janeiro", None),
            # only sem:subEventOf links the talks to the G20: found through the sidelines branch
            ("G20", TALKS, "Talks", "Talks: Mauro Vieira, Naledi Pandor, S. Jaishankar", "2024-02-21", None, FMM_LABEL),
        ],
    ),
    "statements": (
        ["statement", "speaker", "name", "text", "direct", "cue", "article", "begin", "end", "anchor"],
        [
            # by article, then offset
            (ST_VIEIRA, VIEIRA, "Mauro Vieira", "The G20 must also speak for the Global South", "true", "said", DOC_A, "284", "328", "The G20 must also speak for the Global South"),
            (ST_PANDOR, PANDOR, "Naledi Pandor", PANDOR_WORDS, "false", "said that", DOC_A, "439", "511", PANDOR_WORDS),
            (ST_KISHIDA_REPORTED, KISHIDA, "Fumio Kishida", KISHIDA_REPORTED, "false", "mengatakan bahwa", DOC_B, "182", "241", KISHIDA_REPORTED),
            (ST_KISHIDA_DIRECT, KISHIDA, "Fumio Kishida", KISHIDA_QUOTE, "true", "kata", DOC_B, "244", "295", KISHIDA_QUOTE),
        ],
    ),
    "memberships": (
        ["state", "stateName", "forum", "forumName"],
        [
            (BRAZIL, "Brazil", BRICS, "BRICS"),
            (SOUTH_AFRICA, "South Africa", BRICS, "BRICS"),
            (AUSTRALIA, "Australia", G20, "G20"),
            (JAPAN, "Japan", G20, "G20"),
        ],
    ),
    "co-participation": (
        ["person", "name", "partner", "partnerName", "events"],
        [
            # persons by the number of events they took part in (Pandor 3; Albanese and Vieira 2,
            # by IRI; Kishida and Jaishankar 1), each with partners most shared events first
            (PANDOR, "Naledi Pandor", VIEIRA, "Mauro Vieira", "2"),  # the meeting and the talks
            (PANDOR, "Naledi Pandor", JAISHANKAR, "S. Jaishankar", "1"),
            (ALBANESE, "Anthony Albanese", KISHIDA, "Fumio Kishida", "1"),
            (VIEIRA, "Mauro Vieira", PANDOR, "Naledi Pandor", "2"),
            (VIEIRA, "Mauro Vieira", JAISHANKAR, "S. Jaishankar", "1"),
            (KISHIDA, "Fumio Kishida", ALBANESE, "Anthony Albanese", "1"),
            (JAISHANKAR, "S. Jaishankar", VIEIRA, "Mauro Vieira", "1"),
            (JAISHANKAR, "S. Jaishankar", PANDOR, "Naledi Pandor", "1"),
        ],
    ),
    "person-timeline": (
        ["date", "kind", "what", "item", "article"],
        [
            ("--02-20", "event", "Visit: Naledi Pandor to Rio de Janeiro", PANDOR_VISIT, DOC_A),
            ("2024-02-21", "event", "Meeting: Mauro Vieira, Naledi Pandor", MEETING, DOC_A),
            ("2024-02-21", "event", "Talks: Mauro Vieira, Naledi Pandor, S. Jaishankar", TALKS, DOC_A),
            ("2024-02-22", "statement", PANDOR_WORDS, ST_PANDOR, DOC_A),
            (None, "tenure", f"{MIRCO} of South Africa", T_PANDOR, DOC_A),
        ],
    ),
    "provenance": (
        ["fact", "article", "begin", "end", "anchor"],
        [
            (BRAZIL, DOC_A, "0", "9", "Brazilian"),
            (T_VIEIRA, DOC_A, "0", "26", "Brazilian Foreign Minister"),
            (FMM, DOC_A, "0", "229", SENT_A1),
            (MEETING, DOC_A, "0", "229", SENT_A1),
            (VIEIRA, DOC_A, "27", "39", "Mauro Vieira"),
            (SOUTH_AFRICA, DOC_A, "44", "57", "South African"),
            (T_PANDOR, DOC_A, "44", "109", f"South African {MIRCO}"),
            (PANDOR, DOC_A, "110", "123", "Naledi Pandor"),
            (G20, DOC_A, "148", "151", "G20"),
            (RIO, DOC_A, "182", "196", "Rio de Janeiro"),
            (PANDOR, DOC_A, "230", "236", "Pandor"),
            (PANDOR_VISIT, DOC_A, "230", "282", "Pandor had arrived in Rio de Janeiro on 20 February."),
            (RIO, DOC_A, "252", "266", "Rio de Janeiro"),
            (ST_VIEIRA, DOC_A, "284", "328", "The G20 must also speak for the Global South"),
            (MEETING, DOC_A, "344", "421", SENT_A4),
            (T_VIEIRA, DOC_A, "344", "421", SENT_A4),
            (BRAZIL, DOC_A, "439", "445", "Brazil"),
            (B + "membership/brazil--brics", DOC_A, "439", "511", PANDOR_WORDS),
            (B + "membership/south-africa--brics", DOC_A, "439", "511", PANDOR_WORDS),
            (ST_PANDOR, DOC_A, "439", "511", PANDOR_WORDS),
            (SOUTH_AFRICA, DOC_A, "450", "462", "South Africa"),
            (BRICS, DOC_A, "480", "485", "BRICS"),
            (TALKS, DOC_A, "513", "620", SENT_A6),
            (INDIA, DOC_A, "573", "579", "Indian"),
            (T_JAISHANKAR, DOC_A, "573", "605", "Indian External Affairs Minister"),
            (JAISHANKAR, DOC_A, "606", "619", "S. Jaishankar"),
            (T_KISHIDA, DOC_B, "0", "22", "Perdana Menteri Jepang"),
            (CALL, DOC_B, "0", "156", SENT_B1),
            (JAPAN, DOC_B, "16", "22", "Jepang"),
            (KISHIDA, DOC_B, "23", "36", "Fumio Kishida"),
            (T_ALBANESE, DOC_B, "74", "99", "Perdana Menteri Australia"),
            (AUSTRALIA, DOC_B, "90", "99", "Australia"),
            (ALBANESE, DOC_B, "100", "116", "Anthony Albanese"),
            (ST_KISHIDA_REPORTED, DOC_B, "182", "241", KISHIDA_REPORTED),
            (ST_KISHIDA_DIRECT, DOC_B, "244", "295", KISHIDA_QUOTE),
            (SUMMIT, DOC_B, "312", "418", SENT_B4),
            (B + "membership/australia--g20", DOC_B, "312", "418", SENT_B4),
            (B + "membership/japan--g20", DOC_B, "312", "418", SENT_B4),
            (G20, DOC_B, "349", "352", "G20"),
            (RIO, DOC_B, "389", "403", "Rio de Janeiro"),
            (ALBANESE_VISIT, DOC_B, "419", "476", "Albanese dijadwalkan berkunjung ke Tokyo pada bulan Juni."),
            (TOKYO, DOC_B, "454", "459", "Tokyo"),
        ],
    ),
    "entities-without-wikidata": (
        ["entity", "type", "label"],
        [  # Brazil (wd:Q155) and Japan (wd:Q17) are linked, so absent
            (BRICS, "Forum", "BRICS"),
            (G20, "Forum", "G20"),
            (ALBANESE, "Person", "Anthony Albanese"),
            (KISHIDA, "Person", "Fumio Kishida"),
            (VIEIRA, "Person", "Mauro Vieira"),
            (PANDOR, "Person", "Naledi Pandor"),
            (JAISHANKAR, "Person", "S. Jaishankar"),
            (RIO, "Place", "Rio de Janeiro"),
            (TOKYO, "Place", "Tokyo"),
            (AUSTRALIA, "State", "Australia"),
            (INDIA, "State", "India"),
            (SOUTH_AFRICA, "State", "South Africa"),
        ],
    ),
    "visits": (
        ["event", "visitor", "host", "place", "date", "planned"],
        [
            (ALBANESE_VISIT, "Anthony Albanese", None, "Tokyo", "--06", "true"),
            (PANDOR_VISIT, "Naledi Pandor", None, "Rio de Janeiro", "--02-20", "false"),
        ],
    ),
    "event-reports": (
        ["event", "type", "reports", "sources"],
        # every fixture event has one report: by event IRI
        [
            (PANDOR_VISIT, "Visit", "1", "g20-fmm-rio-2024"),
            (TALKS, "Talks", "1", "g20-fmm-rio-2024"),
            (CALL, "PhoneCall", "1", "kishida-albanese-telepon"),
            (ALBANESE_VISIT, "Visit", "1", "kishida-albanese-telepon"),
            (FMM, "ForumMeeting", "1", "g20-fmm-rio-2024"),
            (SUMMIT, "Summit", "1", "kishida-albanese-telepon"),
            (MEETING, "Meeting", "1", "g20-fmm-rio-2024"),
        ],
    ),
    "phone-calls": (
        ["event", "participants", "date", "duration"],
        [(CALL, "Anthony Albanese; Fumio Kishida", "2024-03-05", "PT30M")],
    ),
    "events-by-place": (
        ["place", "placeName", "type", "events"],
        [
            (RIO, "Rio de Janeiro", "ForumMeeting", "1"),
            (RIO, "Rio de Janeiro", "Meeting", "1"),
            (RIO, "Rio de Janeiro", "Summit", "1"),
            (RIO, "Rio de Janeiro", "Visit", "1"),
            (TOKYO, "Tokyo", "Visit", "1"),
        ],
    ),
    "statements-by-state": (
        ["state", "stateName", "statements", "speakers"],
        [
            (JAPAN, "Japan", "2", "1"),
            (BRAZIL, "Brazil", "1", "1"),
            (SOUTH_AFRICA, "South Africa", "1", "1"),
        ],
    ),
    "planned-vs-held": (
        ["article", "status", "event", "type", "label", "date"],
        [
            (DOC_A, "held", FMM, "ForumMeeting", FMM_LABEL, None),
            (DOC_A, "held", PANDOR_VISIT, "Visit", "Visit: Naledi Pandor to Rio de Janeiro", "--02-20"),
            (DOC_A, "held", MEETING, "Meeting", "Meeting: Mauro Vieira, Naledi Pandor", "2024-02-21"),
            (DOC_A, "held", TALKS, "Talks", "Talks: Mauro Vieira, Naledi Pandor, S. Jaishankar", "2024-02-21"),
            (DOC_B, "held", CALL, "PhoneCall", "PhoneCall: Fumio Kishida, Anthony Albanese", "2024-03-05"),
            (DOC_B, "planned", ALBANESE_VISIT, "Visit", "Visit: Anthony Albanese to Tokyo", "--06"),
            (DOC_B, "planned", SUMMIT, "Summit", "Summit: G20", "--11"),
        ],
    ),
    "foreign-ministers": (
        ["person", "name", "role", "state", "start"],
        [
            (VIEIRA, "Mauro Vieira", "Minister of Foreign Affairs", "Brazil", "2023-01"),
            (JAISHANKAR, "S. Jaishankar", "Minister of External Affairs", "India", None),
            (PANDOR, "Naledi Pandor", MIRCO, "South Africa", None),
        ],
    ),
    "articles": (
        ["article", "id", "headline", "published", "language", "mentions", "events", "statements"],
        [
            (B + "article/" + DOC_A, DOC_A, "Brazil and South Africa meet on the sidelines of the G20 in Rio",
             "2024-02-22", "en", "13", "4", "2"),
            (B + "article/" + DOC_B, DOC_B, "Kishida dan Albanese bahas kerja sama keamanan lewat telepon",
             "2024-03-06", "id", "7", "3", "2"),
        ],
    ),
    "furniture": (
        ["article", "kind", "begin", "end", "text"],
        [
            (DOC_A, "comment-counter", "621", "633", "Comments (3)"),
            (DOC_B, "source-line", "477", "527", "Sumber: https://sumber.example.jp/kishida-albanese"),
        ],
    ),
    "people-by-state": (
        ["state", "stateName", "person", "name", "position"],
        [
            (AUSTRALIA, "Australia", ALBANESE, "Anthony Albanese", "Prime Minister"),
            (BRAZIL, "Brazil", VIEIRA, "Mauro Vieira", "Minister of Foreign Affairs"),
            (INDIA, "India", JAISHANKAR, "S. Jaishankar", "Minister of External Affairs"),
            (JAPAN, "Japan", KISHIDA, "Fumio Kishida", "Prime Minister"),
            (SOUTH_AFRICA, "South Africa", PANDOR, "Naledi Pandor", MIRCO),
        ],
    ),
}

#: Prefixes of docs/data-model.md; a query that declares one must bind it to this IRI.
DATA_MODEL_PREFIXES = {
    "dkg": "https://w3id.org/diplokg/ontology#",
    "id": "https://w3id.org/diplokg/id/",
    "org": "http://www.w3.org/ns/org#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "schema": "http://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "nif": NIF,
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": "http://www.wikidata.org/entity/",
}


@pytest.fixture(scope="module")
def store() -> Store:
    return load_graph(FIXTURE)


def normalised(name: str, result: QueryResult) -> list[tuple[str | None, ...]]:
    concat = CONCAT_COLUMNS.get(name, set())
    rows = []
    for row in result.rows:
        rows.append(
            tuple(
                "; ".join(sorted(row[v].split("; "))) if v in concat and row[v] is not None else row[v]
                for v in result.variables
            )
        )
    return rows


# --- the fixture itself ---------------------------------------------------------------------


def test_fixture_spans_are_exact_substrings_of_their_article(store: Store) -> None:
    texts = {
        s["ctx"].value: s["text"].value
        for s in store.query(f"SELECT ?ctx ?text WHERE {{ ?ctx <{NIF}isString> ?text }}")
    }
    assert len(texts) == 2
    spans = list(
        store.query(
            f"""SELECT ?span ?ctx ?b ?e ?a WHERE {{
                ?span <{NIF}referenceContext> ?ctx ; <{NIF}beginIndex> ?b ;
                      <{NIF}endIndex> ?e ; <{NIF}anchorOf> ?a }}"""
        )
    )
    assert len(spans) == 20 + 17 + 2  # mentions + evidence spans + furniture
    for s in spans:
        begin, end, ctx = int(s["b"].value), int(s["e"].value), s["ctx"].value
        assert s["span"].value == f"{ctx}#char={begin},{end}"  # RFC 5147 fragment on the article IRI
        assert texts[ctx][begin:end] == s["a"].value


def test_fixture_uses_only_data_model_namespaces(store: Store) -> None:
    allowed = tuple(DATA_MODEL_PREFIXES.values())
    for quad in store:
        assert quad.predicate.value.startswith(allowed), quad.predicate
        assert not quad.predicate.value.startswith("https://schema.org/")
        if isinstance(quad.object, NamedNode) and quad.predicate.value.endswith("#type"):
            assert quad.object.value.startswith(allowed), quad.object


def test_fixture_conforms_to_the_shapes() -> None:
    pyshacl = pytest.importorskip("pyshacl")
    rdflib = pytest.importorskip("rdflib")
    shapes, ontology = ROOT / "ontology" / "shapes.ttl", ROOT / "ontology" / "diplokg.ttl"
    if not shapes.is_file() or not ontology.is_file():
        pytest.skip("ontology/shapes.ttl or ontology/diplokg.ttl not there yet")
    conforms, _, report = pyshacl.validate(
        rdflib.Graph().parse(FIXTURE, format="turtle"),
        shacl_graph=rdflib.Graph().parse(shapes, format="turtle"),
        ont_graph=rdflib.Graph().parse(ontology, format="turtle"),
        inference="rdfs",
    )
    assert conforms, report


def _ontology_terms() -> set[str]:
    ontology = ROOT / "ontology" / "diplokg.ttl"
    if not ontology.is_file():
        pytest.skip("ontology/diplokg.ttl not there yet")
    found = Store()
    found.load(path=str(ontology), format=RdfFormat.TURTLE)
    prefix = DATA_MODEL_PREFIXES["dkg"]
    return {q.subject.value[len(prefix):] for q in found if q.subject.value.startswith(prefix)}


def test_fixture_and_queries_use_only_ontology_terms(store: Store) -> None:
    defined = _ontology_terms()
    prefix = DATA_MODEL_PREFIXES["dkg"]
    in_fixture = {
        term.value[len(prefix):]
        for quad in store
        for term in (quad.predicate, quad.object)
        if isinstance(term, NamedNode) and term.value.startswith(prefix)
    }
    assert in_fixture <= defined, in_fixture - defined
    for name in EXPECTED:
        body = _strip_iris_strings_comments(resolve_query(name))
        used = set(re.findall(r"\bdkg:([A-Za-z][\w-]*)", body))
        assert used <= defined, f"{name}: not in the ontology: {used - defined}"


# --- every bundled query, by value ----------------------------------------------------------


def test_every_bundled_query_has_an_expected_answer() -> None:
    names = set(bundled_queries())
    assert len(names) >= 14
    assert names == set(EXPECTED), (
        f"queries without an expected answer: {sorted(names - set(EXPECTED))}; "
        f"expected answers without a query: {sorted(set(EXPECTED) - names)}"
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bundled_query_answer(store: Store, name: str) -> None:
    variables, rows = EXPECTED[name]
    result = run_query(store, resolve_query(name))
    assert result.variables == variables
    assert normalised(name, result) == rows


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bundled_query_same_answer_in_rdflib(name: str) -> None:
    """A second, independent SPARQL engine gives the same answer: the queries are portable."""
    rdflib = pytest.importorskip("rdflib")
    graph = rdflib.Graph().parse(FIXTURE, format="turtle")
    answer = graph.query(resolve_query(name))
    variables, rows = EXPECTED[name]
    assert [str(v) for v in answer.vars] == variables
    got = QueryResult(
        variables=variables,
        rows=[{v: (None if t is None else str(t)) for v, t in zip(variables, row)} for row in answer],
    )
    assert normalised(name, got) == rows


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bundled_query_header(name: str) -> None:
    text = resolve_query(name)
    assert text.startswith("# title:")
    header = query_header(text)
    for field_name in HEADER_FIELDS:
        assert header.get(field_name), f"{name}.rq lacks '# {field_name}:'"
    # the header documents exactly the projected variables, in order
    documented = re.findall(r"\?([A-Za-z_][A-Za-z0-9_]*)", header["variables"])
    assert list(dict.fromkeys(documented)) == EXPECTED[name][0]
    if "parameters" in header:
        for param in re.findall(r"\?([A-Za-z_][A-Za-z0-9_]*)", header["parameters"]):
            assert re.search(rf"VALUES\s+\?{param}\b", text) or "none" in header["parameters"]


def _strip_iris_strings_comments(text: str) -> str:
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)
    return re.sub(r"<[^<>\s]*>", "<>", text)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bundled_query_is_portable(name: str) -> None:
    text = resolve_query(name)
    declared = dict(re.findall(r"^PREFIX\s+([A-Za-z][\w-]*):\s*<([^>]*)>", text, flags=re.MULTILINE))
    for prefix, iri in declared.items():
        assert DATA_MODEL_PREFIXES.get(prefix) == iri, f"{name}: PREFIX {prefix}: <{iri}>"
    body = _strip_iris_strings_comments(text)
    body = re.sub(r"^PREFIX.*$", "", body, flags=re.MULTILINE)
    used = set(re.findall(r"(?<![\w?$])([A-Za-z][\w-]*):[A-Za-z_]", body))
    assert used <= set(declared), f"{name}: undeclared prefixes {used - set(declared)}"
    assert re.search(r"^SELECT\b", body, flags=re.MULTILINE)
    assert "SELECT *" not in body.upper()
    assert "ORDER BY" in body
    # a * or + right after a predicate (prefixed name, IRI, group) is an unbounded property path
    assert not re.search(r"(?:[A-Za-z][\w-]*:[\w-]+|<>|\))[*+]", body.replace("(*)", "")), f"{name}: * or + path"
    for forbidden in ("<<", "SERVICE", "bif:", "sql:", "LATERAL", "ADJUST"):
        assert forbidden not in body, f"{name}: engine-specific {forbidden}"


# --- diplokg.query ------------------------------------------------------------------------


def test_load_graph_quad_formats_query_the_union(tmp_path: Path, store: Store) -> None:
    named = Store()
    graph = NamedNode(B + "graph/fixture")
    named.load(path=str(FIXTURE), format=RdfFormat.TURTLE, to_graph=graph)
    for suffix, fmt in ((".trig", RdfFormat.TRIG), (".nq", RdfFormat.N_QUADS)):
        path = tmp_path / f"fixture{suffix}"
        path.write_bytes(serialize(named, format=fmt))
        loaded = load_graph(path)
        assert run_query(loaded, resolve_query("co-participation")).tuples() == EXPECTED["co-participation"][1]
        assert run_query(loaded, resolve_query("co-participation"), union=False).rows == []


def test_load_graph_triple_formats(tmp_path: Path, store: Store) -> None:
    expected = run_query(store, resolve_query("provenance")).tuples()
    for suffix, fmt in ((".nt", RdfFormat.N_TRIPLES), (".jsonld", RdfFormat.JSON_LD)):
        path = tmp_path / f"fixture{suffix}"
        path.write_bytes(serialize(store, format=fmt))
        assert run_query(path, resolve_query("provenance")).tuples() == expected  # run_query takes a path too


def test_load_graph_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown suffix"):
        load_graph(tmp_path / "graph.csv")
    with pytest.raises(StoreError, match="does not exist"):
        load_graph(tmp_path / "missing.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(StoreError, match="not valid"):
        load_graph(broken)


def test_run_query_rejects_non_select_and_bad_syntax(store: Store) -> None:
    with pytest.raises(QueryError, match="Only SELECT"):
        run_query(store, "ASK { ?s ?p ?o }")
    with pytest.raises(QueryError, match="not valid SPARQL"):
        run_query(store, "SELEKT ?s WHERE { ?s ?p ?o }")


def test_run_query_values_are_plain_strings_and_none(store: Store) -> None:
    result = run_query(store, resolve_query("visits"))
    assert result.rows[0] == {
        "event": ALBANESE_VISIT, "visitor": "Anthony Albanese", "host": None,
        "place": "Tokyo", "date": "--06", "planned": "true",
    }
    assert all(type(v) is str or v is None for row in result.rows for v in row.values())


def test_resolve_query_by_name_and_path(tmp_path: Path) -> None:
    assert resolve_query("meetings") == (QUERIES_DIR / "meetings.rq").read_text(encoding="utf-8")
    assert resolve_query(str(QUERIES_DIR / "visits.rq")).startswith("# title: Visits")
    own = tmp_path / "mine.rq"
    own.write_text("SELECT ?x WHERE { VALUES ?x { 1 } }", encoding="utf-8")
    assert resolve_query(own) == own.read_text(encoding="utf-8")
    with pytest.raises(QueryError, match="bundled queries: .*meetings") as err:
        resolve_query("no-such-query")
    assert err.value.code == "E300"
    with pytest.raises(QueryError, match="No bundled query"):
        resolve_query("bad name!")
    with pytest.raises(QueryError, match="does not exist"):
        resolve_query(str(tmp_path / "missing.rq"))


def test_query_header_parses_fields_and_continuations() -> None:
    text = "# title: T\n# answers: first\n#   continued\n# variables: ?a\nSELECT ?a WHERE {}\n# title: later"
    assert query_header(text) == {"title": "T", "answers": "first continued", "variables": "?a"}


def test_format_result_csv_json_table(store: Store) -> None:
    result = run_query(store, resolve_query("foreign-ministers"))
    rows = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert rows[0] == EXPECTED["foreign-ministers"][0]
    assert rows[1] == [VIEIRA, "Mauro Vieira", "Minister of Foreign Affairs", "Brazil", "2023-01"]
    assert rows[2][-1] == ""  # unbound -> empty cell
    assert len(rows) == 4

    doc = json.loads(format_result(result, "json"))
    assert doc["head"]["vars"] == EXPECTED["foreign-ministers"][0]
    first = doc["results"]["bindings"][0]
    assert first["person"] == {"type": "uri", "value": VIEIRA}
    assert first["name"] == {"type": "literal", "value": "Mauro Vieira", "xml:lang": "en"}
    assert first["start"] == {"type": "literal", "value": "2023-01",
                              "datatype": "http://www.w3.org/2001/XMLSchema#gYearMonth"}
    assert "start" not in doc["results"]["bindings"][1]  # unbound: absent, as SPARQL JSON says

    table = format_result(result, "table").splitlines()
    assert table[0].split(" | ")[0].strip() == "person"
    assert "Naledi Pandor" in table[4] and table[-1] == "(3 rows)"
    with pytest.raises(QueryError):
        format_result(result, "xml")  # type: ignore[arg-type]


def test_format_result_json_without_term_kinds() -> None:
    plain = QueryResult(variables=["s", "n"], rows=[{"s": VIEIRA, "n": "3"}, {"s": None, "n": "x y"}])
    doc = json.loads(format_result(plain, "json"))
    assert doc["results"]["bindings"] == [
        {"s": {"type": "uri", "value": VIEIRA}, "n": {"type": "literal", "value": "3"}},
        {"n": {"type": "literal", "value": "x y"}},
    ]


# --- paged listing queries ------------------------------------------------------------------

PAGED = [name for name in sorted(EXPECTED) if page_size(resolve_query(name)) is not None]


def test_listing_queries_are_paged() -> None:
    """The queries that list every event, person or statement of a store answer one page."""
    assert {"articles", "meetings", "statements", "visits", "positions", "people-by-state"} <= set(PAGED)
    for name in PAGED:
        text = resolve_query(name)
        assert query_header(text).get("page"), f"{name}.rq: no '# page:' line saying what a page holds"
        assert 1 <= page_size(text) <= 100, name


@pytest.mark.parametrize("name", PAGED)
def test_pages_of_a_listing_query_add_up_to_every_row(store: Store, name: str) -> None:
    """Pages of one unit (event, article, person, ...), in order, are exactly the full listing
    (``--all``) in its order, and the page after the last is empty."""
    text = resolve_query(name)
    everything = run_query(store, paged(text, size=0))
    assert "LIMIT" not in paged(text, size=0)
    assert normalised(name, everything) == EXPECTED[name][1]
    assert normalised(name, run_query(store, text)) == EXPECTED[name][1]  # one page holds them all
    rows: list[tuple[str | None, ...]] = []
    for page in range(1, len(everything.rows) + 2):
        got = normalised(name, run_query(store, paged(text, page, 1)))
        if not got:
            break
        rows.extend(got)
    assert rows == EXPECTED[name][1]
    assert run_query(store, paged(text, page + 1, 1)).rows == []
    two = [row for page in (1, 2, 3) for row in normalised(name, run_query(store, paged(text, page, 2)))]
    assert two == EXPECTED[name][1][: len(two)] and two


def test_paged_rewrites_only_the_page_clause() -> None:
    text = "SELECT ?s WHERE {\n  { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\n    LIMIT 100 OFFSET 0  # page\n  }\n}\nORDER BY ?s"
    assert page_size(text) == 100
    assert paged(text) == text
    assert paged(text, 3).splitlines()[2] == "    LIMIT 100 OFFSET 200  # page"
    assert paged(text, 2, 7).splitlines()[2] == "    LIMIT 7 OFFSET 7  # page"
    assert paged(text, size=0).splitlines()[2] == "    # every row (page clause removed)"
    plain = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5"
    assert page_size(plain) is None and paged(plain) == plain
    with pytest.raises(QueryError, match="no page clause"):
        paged(plain, 2)
    with pytest.raises(QueryError, match="does not exist"):
        paged(text, 0)
    with pytest.raises(QueryError, match="no page 2"):
        paged(text, 2, 0)


# -- parameters (# parameters: header, VALUES blocks) ------------------------------------------

_VALUES_BLOCK = re.compile(r"VALUES\s+\?(\w+)\s*\{([^}]*)\}")


def test_query_parameters_of_the_bundled_queries() -> None:
    found = {name: query_parameters(resolve_query(name)) for name in bundled_queries()}
    assert {name: params for name, params in found.items() if params} == {
        "foreign-ministers": {"roleName": "Minister of Foreign Affairs, Minister of International Relations and "
                                          "Cooperation, Minister of External Affairs"},
        "forum-events": {"forumName": "G20"},
        "person-timeline": {"personName": "Naledi Pandor"},
    }


@pytest.mark.parametrize("name", ["foreign-ministers", "forum-events", "person-timeline"])
def test_parameter_default_in_the_header_is_what_the_query_holds(name: str) -> None:
    """The header's default is the VALUES block's list, in every block: binding the default
    changes nothing, and binding another value replaces every block."""
    text = resolve_query(name)
    (param, default), = query_parameters(text).items()
    blocks = [terms for var, terms in _VALUES_BLOCK.findall(text) if var == param]
    assert blocks and all(re.findall(r'"([^"]*)"', terms) == default.split(", ") for terms in blocks)
    assert bind_parameters(text, {param: default}) == text
    bound = bind_parameters(text, {param: "Other"})
    assert [terms.strip() for var, terms in _VALUES_BLOCK.findall(bound) if var == param] == ['"Other"'] * len(blocks)
    assert _VALUES_BLOCK.sub("", bound) == _VALUES_BLOCK.sub("", text)  # nothing else changed


def test_bound_person_timeline_answers_for_another_person(store: Store) -> None:
    text = bind_parameters(resolve_query("person-timeline"), {"personName": "Mauro Vieira"})
    assert run_query(store, text).tuples() == [
        ("2023-01", "tenure", "Minister of Foreign Affairs of Brazil", T_VIEIRA, DOC_A),
        ("2024-02-21", "event", "Meeting: Mauro Vieira, Naledi Pandor", MEETING, DOC_A),
        ("2024-02-21", "event", "Talks: Mauro Vieira, Naledi Pandor, S. Jaishankar", TALKS, DOC_A),
        ("2024-02-22", "statement", "The G20 must also speak for the Global South", ST_VIEIRA, DOC_A),
    ]


@pytest.mark.parametrize("value", [
    'Mauro Vieira" "Naledi Pandor',  # unescaped, two people's timelines
    'Mauro Vieira" } } UNION { ?item ?p ?what } #',
    'x" . ?person ?p ?o . FILTER("1" = "1',
    "}} ?a ?b ?c {{",
    'Mauro Vieira\\" } #',
    "Mauro Vieira\n} #",
    "x\\u0022 } UNION { ?item ?p ?what } #",
])
def test_a_parameter_value_cannot_inject_sparql(store: Store, value: str) -> None:
    text = bind_parameters(resolve_query("person-timeline"), {"personName": value})
    assert run_query(store, text).rows == []  # a literal no person is named, not a new pattern


@pytest.mark.parametrize("label", ['Wang "Yi" {x}', "back\\slash \\u0022", "two\nlines\ttab", "é ñ 王毅"])
def test_a_parameter_value_arrives_intact(label: str) -> None:
    store = Store()
    person, event = NamedNode(B + "person/x"), NamedNode(B + "event/x")
    store.load(f"""@prefix dkg: <https://w3id.org/diplokg/ontology#> . @prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        {person} a dkg:Person ; rdfs:label {json.dumps(label)}@en .
        {event} sem:hasActor {person} ; rdfs:label "E"@en .""", format=RdfFormat.TURTLE)
    text = bind_parameters(resolve_query("person-timeline"), {"personName": label})
    assert [(row["kind"], row["item"]) for row in run_query(store, text).rows] == [("event", event.value)]


def test_unknown_parameter_is_a_coded_error_listing_the_known_ones() -> None:
    with pytest.raises(QueryError, match=r"^\[E301\] This query has no parameter 'person'\. .*personName"):
        bind_parameters(resolve_query("person-timeline"), {"person": "Wang Yi"})
    with pytest.raises(QueryError, match=r"E301.*takes none"):
        bind_parameters(resolve_query("meetings"), {"personName": "Wang Yi"})
    assert bind_parameters(resolve_query("meetings"), {}) == resolve_query("meetings")


def test_iri_parameter_is_checked_and_bound_as_an_iri(store: Store) -> None:
    text = ("# parameters: ?person — the person's IRI (default <https://example.org/p>)\n"
            "SELECT ?name WHERE { VALUES ?person { <https://example.org/p> } ?person <http://www.w3.org/2000/01/rdf-schema#label> ?name }")
    assert run_query(store, bind_parameters(text, {"person": VIEIRA})).tuples() == [("Mauro Vieira",)]
    for bad in ("mauro-vieira", VIEIRA + "> } ?person ?p ?o { <x", "https://example.org/a b"):
        with pytest.raises(QueryError, match="E302"):
            bind_parameters(text, {"person": bad})
