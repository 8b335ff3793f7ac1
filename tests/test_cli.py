"""The command line as a user meets it, run as real processes: one coded error line and the
documented exit code for a wrong argument, help that renders as written, query parameters from
``--param``, the number of files ``publish`` wrote, and the README's commands."""

from __future__ import annotations

import csv
import io
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplokg.builder import build
from diplokg.cli import app
from diplokg.console import EXIT_CODES, error_line, exit_code
from diplokg.errors import ConfigError, InputError, QueryError, StoreError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
#: The console script installed beside the interpreter running the tests (.venv/bin/diplokg).
DIPLOKG = Path(sys.executable).with_name("diplokg")
B = "https://w3id.org/diplokg/id/"


def run(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    return subprocess.run([str(DIPLOKG), *args], capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env)


def one_error_line(result: subprocess.CompletedProcess[str], code: str) -> str:
    """The single stderr line of a failed command, checked for its code and the absence of a traceback."""
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error [{code}] ") and " Fix: " in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed-build")
    report = build([SEEDS], out)
    assert report.ok and report.articles == 5
    return out


def test_exit_code_table() -> None:
    assert exit_code(StoreError("down")) == 1
    assert exit_code(InputError("a.txt", "unreadable", kind="unreadable")) == 2
    assert exit_code(ConfigError("bad")) == exit_code(QueryError("bad")) == exit_code(ValueError("bad")) == 2
    assert exit_code(OSError("disk full")) == 1
    assert exit_code(SyntaxError("bad turtle")) == 1
    assert {rule.exit for rule in EXIT_CODES} == {1, 2}  # 0 is success; nothing else is documented
    assert all(re.fullmatch(r"E\d{3}", rule.code) and rule.hint for rule in EXIT_CODES)
    # An exception without a code of its own gets the table's, and one line whatever it held.
    assert error_line(SyntaxError("line 1:\n  bad\n  turtle")) == (
        "[E100] line 1: bad turtle. Fix: check the file's format, or rebuild it with diplokg build.")
    assert error_line(ConfigError("no folder"), "diplokg eval") == "[E400] no folder Fix: see diplokg eval --help."


def test_readme_lists_the_exit_code_table() -> None:
    """README's exit-code table holds every exit code and error code of :data:`EXIT_CODES`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("Exit codes", 1)[1].split("\n\n", 2)[1]
    rows = {tuple(cell.strip(" `") for cell in line.strip("|").split("|")[:2])
            for line in table.splitlines() if line.startswith("| ")}
    def listed(code: str, cell: str) -> bool:  # "E2xx" lists E200
        return any(re.fullmatch(c.strip(" `").replace("x", r"\d"), code) for c in cell.split(","))

    for rule in EXIT_CODES:
        assert any(exit == str(rule.exit) and listed(rule.code, codes) for exit, codes in rows), (rule, table)


#: A bad input for every command (``diplokg --help`` lists them): (args, exit code, error code,
#: a text of the line). ``{tmp}`` is the test's directory, holding ``bad.ttl``, ``bad.trig``,
#: ``missing.ttl`` (absent) and the seed build's ``graph.trig`` as ``good.trig``.
BAD_INPUTS = [
    (["build", "{tmp}/seeds-copy", "--out", "{tmp}/out", "--format", "rdfxml", "-q"], 2, "E400", "unknown output format"),
    (["build"], 2, "E414", "Missing argument 'PATH'"),
    (["build", "{tmp}/seeds-copy", "--workers", "many"], 2, "E414", "Invalid value for '--workers'"),
    (["query", "meetings"], 2, "E414", "give QUERY and one of GRAPH"),
    (["query", "meetings", "{tmp}/bad.ttl"], 1, "E200", "bad.ttl is not valid ttl"),
    (["query", "meetings", "{tmp}/good.trig", "--format", "xml"], 2, "E415", "unknown --format 'xml'"),
    (["query", "no-such-query", "{tmp}/good.trig"], 2, "E300", "No bundled query named 'no-such-query'"),
    (["query", "meetings", "--endpoint", "http://127.0.0.1:9/query", "--timeout", "-1"], 2, "E421", "--timeout -1.0"),
    (["load", "{tmp}/bad.trig", "--store", "{tmp}/store"], 1, "E200", "bad.trig is not valid trig"),
    (["load", "{tmp}/good.trig"], 2, "E414", "give --endpoint URL"),
    (["load", "{tmp}/good.trig", "--endpoint", "localhost:7878/query"], 2, "E420", "--endpoint 'localhost:7878/query' is not an http(s) URL"),
    (["load", "{tmp}/good.trig", "--endpoint", "http://127.0.0.1:9/query", "--protocol", "ftp"], 2, "E422", "--protocol 'ftp'"),
    (["remove", "a", "--store", "{tmp}/no-store"], 1, "E200", "No store at"),
    (["remove", "a"], 2, "E414", "give --store DIR or --endpoint URL"),
    (["remove", "a", "--endpoint", "http://127.0.0.1:9/query", "--retries", "-1"], 2, "E421", "--retries -1"),
    (["eval", "{tmp}/no-gold", "{tmp}/good.trig"], 2, "E154", "gold folder does not exist"),
    (["nlp-eval", "{tmp}"], 2, "E400", "test split id_csui_test not found"),
    (["validate", "{tmp}/bad.ttl", "--no-reasoner"], 1, "E100", "Bad syntax"),
    (["validate", "{tmp}/missing.ttl", "--no-reasoner"], 1, "E101", "missing.ttl: No such file or directory"),
    (["serve", "{tmp}/missing.trig", "--port", "0"], 1, "E200", "missing.trig does not exist"),
    (["serve", "--port", "0"], 2, "E414", "give GRAPH or --store DIR"),
    (["serve", "{tmp}/good.trig", "--port", "many"], 2, "E414", "Invalid value for '--port'"),
    (["publish", "{tmp}/bad.ttl", "--out", "{tmp}/site"], 1, "E200", "bad.ttl is not valid ttl"),
    (["publish", "--out", "{tmp}/site"], 2, "E414", "give GRAPH or --store DIR"),
]


def test_every_command_has_a_bad_input_case() -> None:
    listing = run("--help").stdout.split("Commands:", 1)[1]
    commands = re.findall(r"^  (\S+) ", listing, flags=re.MULTILINE)
    assert len(commands) == 9 and set(commands) == {case[0][0] for case in BAD_INPUTS}


@pytest.mark.parametrize(("args", "status", "code", "text"), BAD_INPUTS, ids=lambda v: v if isinstance(v, str) else None)
def test_a_bad_input_is_one_coded_line_and_the_tables_exit_code(tmp_path: Path, seed_build: Path, args: list[str],
                                                                  status: int, code: str, text: str) -> None:
    (tmp_path / "bad.ttl").write_text("this is not turtle <\n", encoding="utf-8")
    (tmp_path / "bad.trig").write_text("<a> <b> {\n", encoding="utf-8")
    (tmp_path / "good.trig").symlink_to(seed_build / "graph.trig")
    (tmp_path / "seeds-copy").symlink_to(SEEDS)
    result = run(*[a.replace("{tmp}", str(tmp_path)) for a in args], timeout=180)
    assert result.returncode == status, result.stderr
    assert text in one_error_line(result, code)


# -- --out, --base, --port: one line, exit 2 ---------------------------------------------------


@pytest.mark.parametrize("command", ["build", "publish"])
def test_out_naming_a_file(tmp_path: Path, seed_build: Path, command: str) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("keep me", encoding="utf-8")
    source = str(SEEDS) if command == "build" else str(seed_build / "graph.trig")
    result = run(command, source, "--out", str(target), *(["--quiet"] if command == "build" else []))
    assert result.returncode == 2
    assert f"--out {target} is a file" in one_error_line(result, "E411")
    assert target.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("where", ["under-a-file", "proc"])
@pytest.mark.parametrize("command", ["build", "publish"])
def test_out_in_a_place_that_cannot_be_written(tmp_path: Path, seed_build: Path, command: str, where: str) -> None:
    # Tests run as root, which may write anywhere the mode bits forbid: below a regular file and
    # inside /proc nobody can create a directory.
    (tmp_path / "file").write_text("x", encoding="utf-8")
    target = tmp_path / "file" / "out" if where == "under-a-file" else Path(f"/proc/diplokg-test-{os.getpid()}/out")
    source = str(SEEDS) if command == "build" else str(seed_build / "graph.trig")
    result = run(command, source, "--out", str(target))
    assert result.returncode == 2
    assert f"Cannot write into --out {target}" in one_error_line(result, "E412")


@pytest.mark.parametrize("base", ["foo", "http//x", "/diplokg/id/", "https://exa mple.org/id/", ""])
@pytest.mark.parametrize("command", ["build", "publish", "serve", "remove"])
def test_base_that_is_not_an_absolute_iri(tmp_path: Path, seed_build: Path, command: str, base: str) -> None:
    args = {
        "build": [str(SEEDS), "--out", str(tmp_path / "out")],
        "publish": [str(seed_build / "graph.trig"), "--out", str(tmp_path / "out")],
        "serve": [str(seed_build / "graph.trig"), "--port", "0"],
        "remove": ["000_a03b26b6af25b1e1", "--store", str(tmp_path / "store")],
    }[command]
    result = run(command, *args, "--base", base, timeout=60)
    assert result.returncode == 2
    assert f"--base {base!r} is not an absolute IRI" in one_error_line(result, "E410")
    assert list(tmp_path.iterdir()) == []  # checked before anything is created


def test_served_base_needs_a_path(tmp_path: Path, seed_build: Path) -> None:
    # Printed as written: "urn:x:" is no emoji code.
    result = run("publish", str(seed_build / "graph.trig"), "--out", str(tmp_path / "site"), "--base", "urn:x:")
    assert result.returncode == 2
    assert "--base 'urn:x:' has no path" in one_error_line(result, "E410")


def test_serve_on_a_busy_port(seed_build: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", str(seed_build / "graph.trig"), "--port", str(port), timeout=60)  # no hang
    assert result.returncode == 2
    assert f"Cannot listen on 127.0.0.1:{port}: Address already in use" in one_error_line(result, "E413")
    assert "serving" not in result.stdout


# -- --help ---------------------------------------------------------------------------------

COMMANDS = ["build", "query", "load", "remove", "eval", "nlp-eval", "validate", "serve", "publish"]
#: Texts each help screen must show as written (bracketed ones are what Rich markup used to eat).
EXPECTED_HELP = {
    "": ["Usage: diplokg [OPTIONS] COMMAND [ARGS]...", *COMMANDS],
    "build": ["{PATH}...", "-o, --out DIR", "[default: out]", "--base IRI", "-f, --format FORMAT",
              "turtle, trig, ntriples, nquads or jsonld", "--store DIR", "-q, --quiet "],
    "query": ["[QUERY] [GRAPH]", "-p, --param NAME=VALUE", '--param personName="Wang Yi"', "--store DIR",
              "--endpoint URL", "[env var: DIPLOKG_USER]", "[env var: DIPLOKG_PASSWORD]", "--page N",
              "[default: 1; x>=1]", '"# page:" line'],
    "load": ["[GRAPH]", "--protocol PROTOCOL", "--user USER", "[env var: DIPLOKG_USER]", "--bulk "],
    "remove": ["{DOC_ID}", "--store DIR", "--base IRI", "[env var: DIPLOKG_USER]"],
    "eval": ["{GOLD_DIR} {GRAPH}", "gold/README.md", "--json ", "--errors "],
    "nlp-eval": ["[SHARED_DIR]", "--json ", "--limit N"],
    "validate": ["{GRAPH}", "--reasoner / --no-reasoner"],
    "serve": ["[GRAPH]", "--port PORT", "--host HOST", "--base IRI", "--publisher IRI|NAME", "--query-timeout SECONDS"],
    "publish": ["[GRAPH]", "-o, --out DIR", "--license IRI", "--site URL"],
}
#: What must never show: Python type names as metavars, reStructuredText markup.
HELP_DEFECTS = re.compile(
    r"<(?:str|int|float|bool|path|[a-z]+ range)>|list\[|List\[|pathlib|Optional\[|``|:(?:class|func|data|mod|meth):|::"
)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_renders_as_written(command: str) -> None:
    result = CliRunner().invoke(app, [*([command] if command else []), "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    assert not HELP_DEFECTS.search(result.output), HELP_DEFECTS.search(result.output)
    text = re.sub(r"\s+", " ", result.output)  # the help wraps at 100 columns
    for expected in EXPECTED_HELP[command]:
        assert expected in text, f"{expected!r} missing from diplokg {command} --help:\n{result.output}"


def test_help_as_a_process_matches() -> None:
    result = run("query", "--help")
    assert result.returncode == 0 and "[env var: DIPLOKG_USER]" in result.stdout
    assert not HELP_DEFECTS.search(result.stdout)


# -- query --param ----------------------------------------------------------------------------


def rows(result: subprocess.CompletedProcess[str]) -> list[dict[str, str]]:
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_person_timeline_of_another_person(seed_build: Path) -> None:
    graph = str(seed_build / "graph.ttl")
    lavrov = rows(run("query", "person-timeline", graph, "--param", "personName=Sergei Lavrov", "--format", "csv"))
    assert sorted((r["kind"], r["item"].removeprefix(B)) for r in lavrov) == [
        ("event", "event/29f59bbbc234"),  # with Wang Yi, article 003
        ("event", "event/3ad4989e0b60"),  # with Wang Yi on 25 July, article 000
        ("statement", "statement/52fbc5ffbe88"),
        ("statement", "statement/940159ef32e9"),
        ("statement", "statement/96a65d0b6dd0"),
        ("tenure", "tenure/sergei-lavrov--minister-of-foreign-affairs--russia"),
    ]
    assert lavrov[0]["date"] == "--07-25" and lavrov[0]["what"] == "Meeting: Sergei Lavrov, Wang Yi"
    wang = rows(run("query", "person-timeline", graph, "--param", "personName=Wang Yi", "--format", "csv"))
    assert len(wang) > len(lavrov) and "Meeting: Sergei Shoigu, Wang Yi" in {r["what"] for r in wang}
    assert "Meeting: Sergei Shoigu, Wang Yi" not in {r["what"] for r in lavrov}
    # the default person (Naledi Pandor) is not in the seeds
    assert rows(run("query", "person-timeline", graph, "--format", "csv")) == []


def test_forum_and_role_parameters(seed_build: Path) -> None:
    graph = str(seed_build / "graph.ttl")
    asean = rows(run("query", "forum-events", graph, "-p", "forumName=ASEAN", "-f", "csv"))
    assert sorted(r["event"].removeprefix(B) for r in asean) == ["event/3ad4989e0b60", "event/fa7e1bef5295"]
    secretaries = rows(run("query", "foreign-ministers", graph, "--all", "-f", "csv",
                           "--param", "roleName=Secretary of the Security Council"))
    assert sorted(r["name"] for r in secretaries) == ["Nikolai Patrushev", "Sergei Shoigu"]


def test_unknown_parameter_exits_2_listing_the_known_ones(seed_build: Path) -> None:
    result = run("query", "person-timeline", str(seed_build / "graph.ttl"), "--param", "person=Wang Yi")
    assert result.returncode == 2
    assert "no parameter 'person'" in one_error_line(result, "E301") and "personName" in result.stderr
    result = run("query", "person-timeline", str(seed_build / "graph.ttl"), "--param", "personName")
    assert result.returncode == 2
    assert "not NAME=VALUE" in one_error_line(result, "E303")


@pytest.mark.parametrize("value", ['Wang Yi" "Sergei Lavrov', 'Wang Yi" } } UNION { ?item ?p ?what } #', "{}}{"])
def test_parameter_value_cannot_inject_sparql(seed_build: Path, value: str) -> None:
    result = run("query", "person-timeline", str(seed_build / "graph.ttl"), "--param", f"personName={value}", "-f", "csv")
    assert rows(result) == []


def test_query_list_shows_parameters() -> None:
    result = run("query", "--list")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    timeline = lines.index(next(line for line in lines if line.startswith("person-timeline ")))
    assert lines[timeline + 1].strip() == "--param personName=VALUE  (default: Naledi Pandor)"
    assert "    --param forumName=VALUE  (default: G20)" in lines
    assert sum(line.lstrip().startswith("--param ") for line in lines) == 3


# -- publish ----------------------------------------------------------------------------------


def test_publish_reports_the_files_it_wrote(tmp_path: Path, seed_build: Path) -> None:
    site = tmp_path / "site"
    result = run("publish", str(seed_build / "graph.trig"), "--out", str(site))
    assert result.returncode == 0, result.stderr
    reported = re.fullmatch(r"wrote (\d+) files \((\d+) resource descriptions\): .*", result.stdout.strip())
    assert reported, result.stdout
    on_disk = [p for p in site.rglob("*") if p.is_file()]
    assert int(reported[1]) == len(on_disk) > 4 * int(reported[2]) > 0


# -- README -----------------------------------------------------------------------------------


def _bash_blocks(section: str) -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    body = readme.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.*?)```", body, flags=re.DOTALL)


def test_readme_outputs_never_go_to_setuptools_build_dir() -> None:
    """`pip install .` writes build/lib: the quick start's output folder must be another one."""
    quick_start = _bash_blocks("Quick start")[0]
    assert re.search(r"diplokg build seeds --out out\b", quick_start)
    for doc in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        text = doc.read_text(encoding="utf-8")
        assert not re.search(r"--out build\b|\bbuild/graph\.", text), doc


def test_readme_eval_example_works_from_the_project(tmp_path: Path, shared_dir: Path) -> None:
    """The README's eval command, verbatim, from a project directory with ``shared/`` beside it."""
    command = next(line for line in _bash_blocks("Quality and speed")[0].splitlines() if "eval ../shared/gold" in line)
    project = tmp_path / "main"
    (project / ".venv" / "bin").mkdir(parents=True)
    (project / ".venv" / "bin" / "diplokg").symlink_to(DIPLOKG)
    (project / "seeds").symlink_to(SEEDS)
    (tmp_path / "shared").symlink_to(shared_dir)
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=project, capture_output=True, text=True,
                            timeout=300, env={**os.environ, "COLUMNS": "120"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    headline = re.search(r"diplokg eval: headline (\d\.\d+)", result.stdout)
    assert headline and float(headline[1]) >= 0.9, result.stdout
    assert sorted(p.name for p in (project / "out").iterdir()) == ["graph.trig", "graph.ttl"]
