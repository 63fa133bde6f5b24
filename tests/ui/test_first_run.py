"""The first-run screen over loopback: a real sandbox EHR, a real empty cache, real widgets.

What a person sees on a tablet's very first start: the ward's name, counts and the EHR's total
while the ward downloads, then ``ready``; and for each way the pull can fail — offline, the
tablet's credentials refused, the EHR's certificate not trusted, an EHR error — the right
sentence, a countdown, and an automatic retry that succeeds once the cause is gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import re
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import httpx
import pytest
import uvicorn
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from bedside.sandbox.server import Sandbox, create_app
from bedside.services.first_run import FailureKind, FirstRun, FirstRunState
from bedside.store import MemoryKeyStore, Store
from bedside.sync import FhirClient, PrivateKeyJwt, Scope, SyncEngine, TokenSource, new_device_key
from bedside.sync.tls import ssl_context
from bedside.ui import style
from bedside.ui.first_run import FirstRunScreen, count_text, failure_text, headline_text
from bedside.ui.i18n import Translations
from tests.pki import Pki, make_pki
from tests.sync.ehr import FAST_RETRY, SCOPES, Ehr, own_ehr
from tests.sync.fault_proxy import Fault, FaultProxy, ProxiedRequest
from tests.ui.conftest import Loop

RETRY_S = 0.3  # the screen's back-off in these tests: quick, but long enough to be seen


@dataclass
class Switch:
    """A fault proxy policy: ``fault`` on every request while set, else pass through."""

    fault: Fault | None = None

    def __call__(self, request: ProxiedRequest) -> Fault | None:
        return self.fault


@dataclass
class Shown:
    """One state the screen showed, with what it drew for it."""

    state: FirstRunState
    headline: str
    failure: str
    next_try: str
    problem_visible: bool
    bar_maximum: int


@dataclass
class FirstStart:
    screen: FirstRunScreen
    service: FirstRun
    store: Store
    loop: Loop
    shown: list[Shown] = field(default_factory=list)
    ready: list[bool] = field(default_factory=list)

    def wait_for_failure(self, kind: FailureKind) -> Shown:
        self.loop.wait_until(lambda: any(s.state.failure is kind for s in self.shown), 30)
        return next(s for s in self.shown if s.state.failure is kind)

    def wait_until_ready(self) -> None:
        self.loop.wait_until(lambda: bool(self.ready), 45)


@contextmanager
def first_start(
    qloop: Loop, tmp_path: Path, client: FhirClient, scope: Scope
) -> Iterator[FirstStart]:
    """The first-run screen of a tablet with an empty cache, started, at 1280×800."""
    store = qloop.run(Store.open(tmp_path / "cache", MemoryKeyStore(), key_name="k"))
    engine = SyncEngine(store, client, scope)
    service = FirstRun(engine, store, retry_delays_s=(RETRY_S,))
    translations = Translations()
    translations.switch("en")
    screen = FirstRunScreen(service)
    run = FirstStart(screen, service, store, qloop)
    draw = screen.show_state

    def record(state: FirstRunState) -> None:
        draw(state)
        run.shown.append(
            Shown(
                state,
                screen.headline.text(),
                screen.failure.text(),
                screen.next_try.text(),
                screen.problem.isVisibleTo(screen),
                screen.bar.maximum(),
            )
        )

    screen.show_state = record  # type: ignore[method-assign]
    screen.ready.connect(lambda: run.ready.append(True))
    screen.resize(1280, 800)
    screen.show()
    try:
        assert qloop.run(service.needs_first_pull())
        screen.start()
        yield run
    finally:
        screen.stop()
        qloop.run(screen.finished())  # the pull has let go of the cache before it closes
        screen.close()
        screen.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        qloop.run(store.close())


@contextmanager
def entered(
    qloop: Loop, manager: contextlib.AbstractAsyncContextManager[object]
) -> Iterator[object]:
    value = qloop.run(manager.__aenter__())
    try:
        yield value
    finally:
        qloop.run(manager.__aexit__(None, None, None))


@contextmanager
def ehr_behind_a_proxy(qloop: Loop, policy: Switch) -> Iterator[tuple[Ehr, FhirClient]]:
    with entered(qloop, own_ehr()) as ehr:
        assert isinstance(ehr, Ehr)
        with FaultProxy(ehr.base_url, policy) as proxy:
            client = ehr.client(proxy.base_url)
            try:
                yield ehr, client
            finally:
                qloop.run(client.aclose())


def ward_name(ehr: Ehr) -> str:
    return next(
        str(r["name"])
        for r in ehr.ward.resources
        if r["resourceType"] == "Location" and r["id"] == ehr.ward.ward_id
    )


def assert_landed(run: FirstStart) -> None:
    run.wait_until_ready()
    assert run.ready == [True]
    assert run.shown[-1].state.stage == "done"
    assert not run.shown[-1].problem_visible
    assert not run.loop.run(run.service.needs_first_pull())


# The happy path -----------------------------------------------------------------------------


def test_the_ward_downloads_with_its_name_counts_and_total_then_the_screen_says_ready(
    qloop: Loop, qtbot: QtBot, tmp_path: Path
) -> None:
    with (
        ehr_behind_a_proxy(qloop, Switch()) as (ehr, client),
        first_start(qloop, tmp_path, client, ehr.scope) as run,
    ):
        assert run.screen.title.text() == "Setting up this tablet"
        assert_landed(run)

    name = ward_name(ehr)
    counted = [
        s
        for s in run.shown
        if re.fullmatch(
            rf"Downloading ward {re.escape(name)}: [\d,]+ of ~[\d,]+ resources…", s.headline
        )
    ]
    assert counted, [s.headline for s in run.shown]
    total = run.shown[-1].state.stored
    assert total > 1000
    # The EHR's total is shown with the locale's separator, and the bar runs to it.
    assert counted[-1].headline.endswith(f"of ~{count_text(total)} resources…")
    assert "," in count_text(total)
    assert counted[-1].bar_maximum == total
    # Before the ward's Location has arrived, its id stands in for its name.
    assert run.shown[0].state.place in (ehr.ward.ward_id, name)
    stages = [s.state.stage for s in run.shown]
    assert stages[0] == "connecting"
    assert "downloading" in stages
    assert "saving" in stages
    assert (
        run.shown[-1].headline == f"Ward {name} is ready: {count_text(total)} resources downloaded."
    )
    assert not any(s.problem_visible for s in run.shown)


# Failures, each with its sentence and an automatic retry ------------------------------------


def test_offline_says_so_counts_down_and_the_retry_succeeds_once_the_network_is_back(
    qloop: Loop, qtbot: QtBot, tmp_path: Path
) -> None:
    network = Switch(Fault.refuse(0.05))
    with (
        ehr_behind_a_proxy(qloop, network) as (ehr, client),
        first_start(qloop, tmp_path, client, ehr.scope) as run,
    ):
        failed = run.wait_for_failure(FailureKind.OFFLINE)
        assert failed.failure == "This tablet cannot reach the EHR: check its network connection."
        assert failed.problem_visible
        assert failed.next_try.startswith("Trying again")
        assert run.screen.try_now.isVisibleTo(run.screen)
        assert run.screen.try_now.height() >= style.TOUCH_MIN_PX
        network.fault = None
        assert_landed(run)


def test_an_ehr_error_says_so_and_the_automatic_retry_succeeds(
    qloop: Loop, qtbot: QtBot, tmp_path: Path
) -> None:
    ehr_state = Switch(Fault.status(500))
    with (
        ehr_behind_a_proxy(qloop, ehr_state) as (ehr, client),
        first_start(qloop, tmp_path, client, ehr.scope) as run,
    ):
        failed = run.wait_for_failure(FailureKind.EHR)
        assert failed.failure == (
            "The EHR answered with an error: it may be busy or under maintenance."
        )
        ehr_state.fault = None
        assert_landed(run)
    attempts = {s.state.attempt for s in run.shown}
    assert len(attempts) >= 2


def test_credentials_the_ehr_refuses_say_so_and_the_retry_succeeds_once_it_is_enrolled(
    qloop: Loop, qtbot: QtBot, tmp_path: Path
) -> None:
    stranger = PrivateKeyJwt("tablet-not-enrolled", new_device_key())
    with entered(qloop, own_ehr()) as ehr:
        assert isinstance(ehr, Ehr)
        tokens = TokenSource(ehr.base_url, stranger, scope=SCOPES)
        client = FhirClient(ehr.base_url, tokens, retry=FAST_RETRY)
        try:
            with first_start(qloop, tmp_path, client, ehr.scope) as run:
                failed = run.wait_for_failure(FailureKind.CREDENTIALS)
                assert failed.failure == (
                    "The EHR refused this tablet's credentials: ask IT to check its enrollment."
                )
                # IT registers the tablet's key with the EHR; the next try gets in.
                ehr.sandbox.auth.register_jwk_client(
                    stranger.client_id, {"keys": [stranger.public_jwk()]}, SCOPES
                )
                assert_landed(run)
        finally:
            qloop.run(client.aclose())


@asynccontextmanager
async def https_sandbox(sandbox: Sandbox, pki: Pki) -> AsyncIterator[str]:
    """The sandbox EHR served over HTTPS with ``pki``'s certificate; yields its base URL."""
    config = uvicorn.Config(
        create_app(sandbox),
        host="127.0.0.1",
        port=0,
        log_level="warning",
        access_log=False,
        lifespan="off",
        ssl_certfile=str(pki.cert_pem),
        ssl_keyfile=str(pki.key_pem),
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="https-sandbox", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive(), "the HTTPS sandbox stopped"
        assert time.monotonic() < deadline, "the HTTPS sandbox did not start"
        await asyncio.sleep(0.01)
    port = int(server.servers[0].sockets[0].getsockname()[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass
    try:
        yield f"https://localhost:{port}/"
    finally:
        server.should_exit = True
        await asyncio.get_running_loop().run_in_executor(None, thread.join, 10)


def test_a_certificate_the_tablet_does_not_trust_says_so_and_the_retry_succeeds_once_trusted(
    qloop: Loop, qtbot: QtBot, tmp_path: Path
) -> None:
    pki = make_pki(tmp_path / "pki")
    with entered(qloop, own_ehr()) as ehr:
        assert isinstance(ehr, Ehr)
        with entered(qloop, https_sandbox(ehr.sandbox, pki)) as base_url:
            assert isinstance(base_url, str)
            trust = ssl_context()  # the OS store: it has never heard of this EHR's CA
            tokens = TokenSource(base_url, ehr.device, scope=SCOPES)
            client = FhirClient(
                base_url, tokens, retry=FAST_RETRY, tls=trust, timeout=httpx.Timeout(10.0)
            )
            try:
                with first_start(qloop, tmp_path, client, ehr.scope) as run:
                    failed = run.wait_for_failure(FailureKind.CERTIFICATE)
                    assert failed.failure == (
                        "This tablet does not trust the EHR's certificate: ask IT to check the "
                        "certificates installed on it."
                    )
                    # IT installs the site's CA; the next try trusts the EHR.
                    trust.load_verify_locations(cafile=pki.ca_pem)
                    assert_landed(run)
            finally:
                qloop.run(client.aclose())


def test_try_again_now_does_not_wait_for_the_countdown(
    qloop: Loop, qtbot: QtBot, tmp_path: Path
) -> None:
    network = Switch(Fault.refuse(0.05))
    with ehr_behind_a_proxy(qloop, network) as (ehr, client):
        store = qloop.run(Store.open(tmp_path / "cache", MemoryKeyStore(), key_name="k"))
        try:
            service = FirstRun(SyncEngine(store, client, ehr.scope), store, retry_delays_s=(3600,))
            screen = FirstRunScreen(service)
            ready: list[bool] = []
            screen.ready.connect(lambda: ready.append(True))
            screen.show()
            screen.start()
            qloop.wait_until(lambda: service.state.stage == "waiting", 30)
            assert "Trying again in" in screen.next_try.text()
            network.fault = None
            screen.try_now.click()
            qloop.wait_until(lambda: bool(ready), 45)
            screen.close()
        finally:
            screen.stop()
            qloop.run(screen.finished())
            qloop.run(store.close())


def test_closing_while_it_waits_stops_the_pull_and_ready_never_comes(
    qloop: Loop, qtbot: QtBot, tmp_path: Path
) -> None:
    network = Switch(Fault.refuse(0.05))
    with (
        ehr_behind_a_proxy(qloop, network) as (ehr, client),
        first_start(qloop, tmp_path, client, ehr.scope) as run,
    ):
        run.wait_for_failure(FailureKind.OFFLINE)
        qloop.settle()  # the pull is not a screen action: settling does not wait for it
        run.screen.stop()
        qloop.run(run.screen.finished())
        network.fault = None
        qloop.run(asyncio.sleep(RETRY_S * 3))
        assert run.ready == []
        assert run.loop.run(run.service.needs_first_pull())


# Words and numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "written"), [("en", "1,234"), ("fr", "1\u202f234"), ("de", "1.234")]
)
def test_counts_follow_the_languages_thousands_separator(
    qloop: Loop, language: str, written: str
) -> None:
    translations = Translations()
    translations.switch(language)
    try:
        assert count_text(1234) == written
    finally:
        translations.switch("en")


def test_every_failure_kind_has_its_own_translated_sentence(qloop: Loop) -> None:
    translations = Translations()
    sentences: dict[str, set[str]] = {}
    try:
        for language in ("en", "fr", "de"):
            translations.switch(language)
            sentences[language] = {failure_text(kind) for kind in FailureKind}
    finally:
        translations.switch("en")
    for language, texts in sentences.items():
        assert len(texts) == len(FailureKind), language
    assert {FailureKind(kind).sentence for kind in FailureKind} == sentences["en"]
    assert sentences["fr"].isdisjoint(sentences["en"])
    assert sentences["de"].isdisjoint(sentences["en"])


def test_a_bed_known_by_its_name_is_not_called_a_bed_twice(qloop: Loop) -> None:
    translations = Translations()
    translations.switch("en")
    by_id = FirstRunState("downloading", "bed", "bed-7", stored=1234, expected=6000)
    named = replace(by_id, place="Zimmer 312 – Bett B", place_named=True)
    assert headline_text(by_id) == "Downloading bed bed-7: 1,234 of ~6,000 resources…"
    assert headline_text(named) == "Downloading Zimmer 312 – Bett B: 1,234 of ~6,000 resources…"


def test_a_wards_name_is_shown_as_written_even_with_placeholders_in_it(qloop: Loop) -> None:
    translations = Translations()
    translations.switch("en")
    state = FirstRunState("waiting", "ward", "<b>3 West</b> %2 %3", stored=5, expected=None)
    assert headline_text(state) == "Download of ward <b>3 West</b> %2 %3 paused at 5 resources."
