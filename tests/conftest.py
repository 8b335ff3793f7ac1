"""Shared fixtures: real triple-store servers on loopback, started once per test session.

``oxigraph_server`` runs ``oxigraph serve`` (PyPI package ``oxigraph``, in the ``test`` extra);
``virtuoso_server`` runs ``virtuoso-t`` (Debian ``virtuoso-opensource``, installed by .ci/run)
with its own database in a temporary directory. Both bind 127.0.0.1 on free ports and are
stopped when the test session ends. Where a server's program is missing the tests that need it
are skipped, unless ``DIPLOKG_REQUIRE_SERVERS=1`` (set by .ci/run) makes that a failure.

``shared_dir`` is the team's shared data beside the project (``../shared``: gold annotations,
the dev corpus); a test that needs it fails, never skips, when it is missing, so that CI cannot
pass without the end-to-end quality tests.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

_VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
#: The shared data beside the project; DIPLOKG_SHARED points elsewhere.
SHARED_DIR = Path(os.environ.get("DIPLOKG_SHARED") or Path(__file__).resolve().parents[2] / "shared")


def shared_path(*parts: str) -> Path:
    """``SHARED_DIR/parts...``, or a test failure saying what is missing and how to provide it."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: this test needs the shared data (gold, dev corpus) at ../shared "
                    "beside the project, or DIPLOKG_SHARED=/path/to/shared", pytrace=False)
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared data directory (fails the test when it is missing; see the module docstring)."""
    return shared_path()


@pytest.fixture(scope="session")
def shared_gold() -> Path:
    """Gold annotations of the five seed articles (``../shared/gold``)."""
    return shared_path("gold")


@pytest.fixture(scope="session")
def shared_dev_gold() -> Path:
    """Gold annotations of the dev corpus (``../shared/dev/gold``)."""
    return shared_path("dev", "gold")


@dataclass
class Server:
    """A running SPARQL server: its URLs and how to stop it."""

    name: str
    endpoint: str
    update_endpoint: str
    graph_store: str
    process: subprocess.Popen
    log: Path
    root: Path
    port: int = 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _missing(what: str, how: str) -> None:
    message = f"{what} is not installed ({how})"
    if os.environ.get("DIPLOKG_REQUIRE_SERVERS") == "1":
        pytest.fail(message)
    pytest.skip(message)


def _wait_until_answers(url: str, process: subprocess.Popen, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer {url} within {seconds} s:\n{log.read_text(errors='replace')[-2000:]}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(exe).exists():
        _missing("The Oxigraph server", "pip install '.[test]' installs the oxigraph package")
    root = tmp_path_factory.mktemp("oxigraph")
    port = _free_port()
    log = root / "server.log"
    with open(log, "wb") as handle:
        # No --union-default-graph: diplokg keeps a deduplicated union copy (urn:diplokg:union)
        # and names it as each query's default graph (see diplokg.stores).
        process = subprocess.Popen(
            [exe, "serve", "--location", str(root / "data"), "--bind", f"127.0.0.1:{port}"],
            stdout=handle, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answers(f"{base}/query?query={quote('ASK {}')}", process, log, 30)
        yield Server("oxigraph", f"{base}/query", f"{base}/update", f"{base}/store", process, log, root, port)
    finally:
        _stop(process)


def _virtuoso_ini(root: Path, sql_port: int, http_port: int) -> Path:
    text = _VIRTUOSO_INI.read_text()
    text = text.replace("/var/lib/virtuoso-opensource-7/db/", f"{root}/")
    text = re.sub(r"(?m)^ServerPort\s*=\s*1111\s*$", f"ServerPort = 127.0.0.1:{sql_port}", text)
    text = re.sub(r"(?m)^ServerPort\s*=\s*8890\s*$", f"ServerPort = 127.0.0.1:{http_port}", text)
    text = re.sub(r"(?m)^DirsAllowed\s*=.*$", f"DirsAllowed = ., {root}, /usr/share/virtuoso-opensource-7/vad", text)
    text = re.sub(r"(?m)^ResultSetMaxRows\s*=.*$", "ResultSetMaxRows = 1000000", text)
    ini = root / "virtuoso.ini"
    ini.write_text(text)
    return ini


def _isql(isql: str, sql_port: int, statement: str) -> None:
    subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={statement}"], check=True,
                   capture_output=True, timeout=60)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    exe, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not exe or not isql or not _VIRTUOSO_INI.is_file():
        _missing("Virtuoso", "apt-get install virtuoso-opensource; .ci/run does it")
    root = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = _free_port(), _free_port()
    ini = _virtuoso_ini(root, sql_port, http_port)
    log = root / "server.log"
    with open(log, "wb") as handle:
        # +foreground keeps the PID ours (without it virtuoso-t daemonises).
        process = subprocess.Popen([exe, "+foreground", "+configfile", str(ini)], cwd=root, stdout=handle, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_until_answers(f"{base}/sparql?query={quote('ASK {}')}", process, log, 90)
        # Anonymous writes on this loopback test server only: SPARQL Update and the Graph Store
        # Protocol run as the SPARQL/nobody accounts.
        _isql(isql, sql_port, 'grant SPARQL_UPDATE to "SPARQL";')
        _isql(isql, sql_port, "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")
        yield Server("virtuoso", f"{base}/sparql", f"{base}/sparql", f"{base}/sparql-graph-crud", process, log, root, http_port)
    finally:
        try:
            if process.poll() is None:
                subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", "exec=shutdown;"], capture_output=True, timeout=30)
                process.wait(timeout=30)
        except (subprocess.SubprocessError, OSError):
            pass
        _stop(process)
