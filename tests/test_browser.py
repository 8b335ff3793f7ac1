"""The HTML pages in a real headless Chromium (Debian ``chromium`` + ``chromium-driver``, driven by
selenium), served by a real uvicorn on 127.0.0.1 over the graph built from the seed articles.

The walk: index -> a person (names, posts, timeline, statements) -> one of their events
(participants, the sentence stating it) -> that sentence in the article, where the span is the
page's ``:target``. Screenshots go to ``$DIPLOKG_ARTIFACTS`` (default ``tests/artifacts/browser``,
git-ignored). Skipped only when Chromium or chromedriver is absent (``.ci/run`` installs both).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTIFACTS = Path(os.environ.get("DIPLOKG_ARTIFACTS", ROOT / "tests" / "artifacts" / "browser"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()),
                       reason="chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("seed-build")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    subprocess.run([sys.executable, "-m", "diplokg.cli", "build", str(ROOT / "seeds"), "--out", str(out), "-q"],
                   check=True, env=env, cwd=ROOT, capture_output=True)
    port = _free_port()
    log = open(out / "serve.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "diplokg.cli", "serve", str(out / "graph.trig"),
                                "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=ROOT, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("diplokg serve did not start: " + (out / "serve.log").read_text(errors="replace"))
            time.sleep(0.2)
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="diplokg-chromium-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1200,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _shot(driver, name: str) -> None:
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def test_person_to_event_to_article_span(server: str, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    assert browser.title.startswith("Index")
    _shot(browser, "01-index")
    browser.find_element(By.CSS_SELECTOR, "#persons a[href='/doc/person/wang-yi.html']").click()

    assert browser.find_element(By.TAG_NAME, "h1").text == "Wang Yi"
    posts = browser.find_element(By.ID, "posts").text
    assert "Minister of Foreign Affairs" in posts and "China" in posts
    timeline = browser.find_elements(By.CSS_SELECTOR, "#timeline li.event")
    assert len(timeline) >= 3
    statements = browser.find_elements(By.CSS_SELECTOR, "#statements li.statement")
    assert statements and "Source sentence" in statements[0].text
    _shot(browser, "02-person-wang-yi")

    # the meeting with Lavrov on the sidelines of the ASEAN meeting in Laos
    event_link = next(a for li in timeline for a in li.find_elements(By.CSS_SELECTOR, "a[href^='/doc/event/']")
                      if "Sergei Lavrov" in a.text and "in Laos" in li.text)
    event_link.click()
    assert "/doc/event/" in browser.current_url
    participants = browser.find_element(By.ID, "participants").text
    assert "Wang Yi" in participants and "Sergei Lavrov" in participants
    assert "Minister of Foreign Affairs" in participants  # the capacity they met in
    details = browser.find_element(By.ID, "details").text
    assert "Laos" in details and "ASEAN" in details
    evidence = browser.find_element(By.CSS_SELECTOR, "#evidence a.ev")
    sentence = evidence.text.strip("“”")
    assert "Sergei Lavrov" in sentence and "Wang Yi" in sentence
    _shot(browser, "03-event")

    evidence.click()
    assert "/doc/article/" in browser.current_url and "#char=" in browser.current_url
    fragment = browser.current_url.split("#", 1)[1]
    span = browser.find_element(By.ID, fragment)
    assert span.text == sentence
    background = browser.execute_script("return getComputedStyle(document.querySelector(':target')).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted as the target
    mention = span.find_element(By.CSS_SELECTOR, "span.mention a[href='/doc/person/wang-yi.html']")
    assert mention.text in ("Wang Yi", "Wang")
    _shot(browser, "04-article-span")


def test_pages_are_readable_on_a_phone(server: str, browser) -> None:
    browser.set_window_size(390, 844)
    try:
        for path in ("/doc/person/sergei-lavrov.html", "/doc/state/russia.html", "/doc/forum/asean.html",
                     "/doc/article/000_a03b26b6af25b1e1.html", "/ontology.html", "/void"):
            browser.get(server + path)
            overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, (path, overflow)
            assert browser.find_element("tag name", "h1").text
        _shot(browser, "05-phone-article")
    finally:
        browser.set_window_size(1200, 900)


def test_search_by_name_without_javascript(server: str, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "/")
    box = browser.find_element(By.ID, "q")
    box.send_keys("lavrov")
    box.submit()
    # submit() does not wait for the next page: wait for its results (or fail after 10 s)
    results = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "results")))
    assert "Sergei Lavrov" in results.text
    _shot(browser, "06-search")
    results.find_element(By.CSS_SELECTOR, "a[href='/doc/person/sergei-lavrov.html']").click()
    WebDriverWait(browser, 10).until(EC.url_contains("/doc/person/sergei-lavrov.html"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sergei Lavrov"
