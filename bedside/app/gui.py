"""The window of one tablet: Qt, the asyncio loop inside it, the screens, and a clean stop.

Owns the order a person sees: the cache opens, the window shows **at once from the cache**
(offline starts work; every screen says "as of"), then the sync engine runs in the background. A
cache that has never completed a download first shows the first-run screen until the first full
pull lands. ``device.scope = ward`` opens the staff shell (lock screen → board); ``bed`` opens
patient mode full screen, frameless, with the kiosk guard on, and a staff sign-in opens that bed's
chart. Ctrl+C and SIGTERM stop it cleanly (engine, request in flight, cache), like closing the
window does.

Qt is imported only inside these functions: ``bedside sync --once`` builds the same objects
without a GUI toolkit.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bedside.app.commands import EXIT_FAILED, EXIT_NOT_SET_UP, EXIT_OK
from bedside.app.device import EnrollmentError
from bedside.app.tablet import Tablet, open_tablet
from bedside.settings import Settings
from bedside.store import KeyStore, StoreError
from bedside.sync.tls import TlsConfigError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from bedside.ui.i18n import Translations

log = logging.getLogger(__name__)

LANGUAGES = ("fr", "de", "en")


@dataclass(frozen=True)
class WindowOptions:
    """How the window of a tablet shows itself."""

    # None: the system's language when Bedside speaks it, else English.
    language: str | None = None
    # A real tablet fills its screen (a bed tablet also frameless, with the kiosk guard); the
    # demo runs in an ordinary window on a developer's desktop.
    full_screen: bool = True
    # The demo's lock screen shows a synthetic nurse's badge and PIN.
    demo_credentials: tuple[str, str] | None = None


def qt_application() -> QApplication:
    """The one QApplication, styled, with Qt's messages in our log and GC on the GUI thread."""
    from PySide6.QtWidgets import QApplication

    from bedside.ui import style
    from bedside.ui.gui_gc import collect_garbage_on_the_gui_thread
    from bedside.ui.qt_log import route_qt_messages_to_logging

    route_qt_messages_to_logging()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Bedside")
    app.setStyleSheet(style.STYLE_SHEET)
    # Closing the window must not stop the loop under our feet: the engine still has to stop
    # and the cache to close (show_tablet waits for its own window instead).
    app.setQuitOnLastWindowClosed(False)
    collect_garbage_on_the_gui_thread()
    return app


def run_in_qt(main: Callable[[], Awaitable[int]]) -> int:
    """Run ``main()`` on the asyncio loop inside Qt; return its exit code.

    Refuses with a sentence when there is no screen (instead of Qt's abort). Ctrl+C or SIGTERM
    cancels ``main`` on the loop, so every ``finally`` of it runs (engine stopped, request in
    flight abandoned — uploads are idempotent —, cache closed) and the exit code is 0. A second
    signal while that runs ends the process at once.
    """
    from bedside.ui.display import display_problem

    problem = display_problem()
    if problem is not None:
        print(f"bedside: {problem}", file=sys.stderr)
        return EXIT_NOT_SET_UP
    from bedside.runtime import settle_heap
    from bedside.ui.loop import new_event_loop
    from bedside.ui.shutdown import shutdown_on_signals

    app = qt_application()
    settle_heap()  # everything alive now lives as long as the app: keep full GC passes short
    # Not qasync's own loop: it can run a task step while stopped and lose it (bedside.ui.loop).
    loop = new_event_loop(app)
    asyncio.set_event_loop(loop)
    stop = asyncio.Event()
    reason: list[str] = []

    def request_shutdown(why: str) -> None:
        if stop.is_set():
            log.warning("shutdown_forced signal=%s", why)
            os._exit(EXIT_FAILED)  # asked twice: whatever is still closing is abandoned
        reason.append(why)
        stop.set()

    with loop, shutdown_on_signals(request_shutdown):
        code: int = loop.run_until_complete(_with_stop(main(), stop))
    if reason:
        log.info("shut_down reason=%s", reason[0])
    return code


async def _with_stop(main: Awaitable[int], stop: asyncio.Event) -> int:
    """``main``'s result, or EXIT_OK after cancelling it cleanly when ``stop`` is set first."""
    task = asyncio.ensure_future(main)
    stopper = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopper.cancel()
    if not task.done():
        task.cancel()  # runs every `finally` of the tablet: engine, client, cache, windows
        try:
            return await task
        except asyncio.CancelledError:
            return EXIT_OK
    return int(task.result())


def run_windowed(settings: Settings, keys: KeyStore, data_dir: Path, options: WindowOptions) -> int:
    """``bedside`` on an enrolled device: the tablet's window until closed or signalled."""

    return run_in_qt(lambda: run_tablet(settings, keys, data_dir, options))


async def run_tablet(
    settings: Settings, keys: KeyStore, data_dir: Path, options: WindowOptions
) -> int:
    """Open the device's tablet and show it until its window closes; the exit code.

    A device that cannot open (not enrolled, no usable key store, a cache the key does not open,
    a CA bundle that cannot be read) is refused with one sentence on stderr and exit code 2.
    """
    opened = False
    try:
        async with open_tablet(
            settings, keys, data_dir, demo_credentials=options.demo_credentials
        ) as tablet:
            opened = True
            await show_tablet(tablet, options)
        return EXIT_OK
    except (EnrollmentError, StoreError, TlsConfigError) as exc:
        log.error("tablet_not_opened error=%s", type(exc).__name__)
        print(f"bedside: {exc}", file=sys.stderr)
        return EXIT_NOT_SET_UP
    finally:
        if opened:  # also when cancelled by a signal: the engine, client and cache are closed
            log.info("tablet_closed scope=%s", settings.device.scope)


def translations_for(language: str | None) -> Translations:
    from PySide6.QtCore import QLocale

    from bedside.ui.i18n import Translations

    chosen = language or QLocale.system().name()[:2]
    translations = Translations()
    translations.switch(chosen if chosen in LANGUAGES else "en")
    return translations


async def show_tablet(tablet: Tablet, options: WindowOptions) -> None:
    """The tablet's screens until its window is closed (or the task is cancelled)."""
    from bedside.ui import ops

    translations = translations_for(options.language)
    if await tablet.first_run.needs_first_pull() and not await first_pull(tablet, options):
        return  # the first-run window was closed before the ward had come down
    window = open_main_window(tablet, translations, options)
    tablet.engine.start()
    log.info("window_shown scope=%s", tablet.device.scope.kind)
    try:
        await until_closed(window)
    finally:
        close_main_window(window)
        await ops.drain()  # nothing of this tablet still reads its cache once it closes


async def first_pull(tablet: Tablet, options: WindowOptions) -> bool:
    """The first-run screen until the first full pull has landed (True) or it was closed."""
    from bedside.ui.first_run import FirstRunScreen

    screen = FirstRunScreen(tablet.first_run)
    screen.setWindowTitle("Bedside")
    landed = asyncio.Event()
    screen.ready.connect(landed.set)
    _show(screen, options)
    screen.start()
    log.info("first_run_shown scope=%s", tablet.device.scope.kind)
    closed = asyncio.ensure_future(until_closed(screen))
    ready = asyncio.ensure_future(landed.wait())
    try:
        await asyncio.wait({closed, ready}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        closed.cancel()
        ready.cancel()
        screen.stop()
        await screen.finished()  # a cancelled pull lets go of the cache before it closes
    if not landed.is_set():
        screen.deleteLater()  # closed by a person: the app ends
        return False
    _close_later(screen)
    return True


def _close_later(screen: QWidget) -> None:
    from PySide6.QtCore import QTimer

    # Once the main window is up, so the screen never shows the bare desktop in between.
    QTimer.singleShot(0, screen.close)
    QTimer.singleShot(0, screen.deleteLater)


def _show(window: QWidget, options: WindowOptions) -> None:
    _log_first_paint(window)
    if options.full_screen:
        window.showFullScreen()
    else:
        window.resize(1280, 800)
        window.show()


_first_paint_logged = False


def _log_first_paint(window: QWidget) -> None:
    """Log, once per process, how long after the process started its first window was painted.

    That is the start-up time a person sees — interpreter, imports, cache and screen included —
    in the log where IT (and ``bench/cold_start.py``) can read it.
    """
    from PySide6.QtCore import QEvent, QObject

    from bedside.runtime import seconds_since_start

    if _first_paint_logged:
        return

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            global _first_paint_logged
            if event.type() == QEvent.Type.Paint and not _first_paint_logged:
                _first_paint_logged = True
                since = seconds_since_start()
                log.info(
                    "first_paint screen=%s seconds_since_start=%.2f",
                    type(watched).__name__,
                    -1.0 if since is None else since,  # -1: the system does not say
                )
                watched.removeEventFilter(self)
                self.deleteLater()
            return False

    window.installEventFilter(FirstPaint(window))


def open_main_window(tablet: Tablet, translations: Translations, options: WindowOptions) -> QWidget:
    """The staff shell (ward tablet) or patient mode (bed tablet), shown."""
    window: Any
    if tablet.patient is not None:
        from bedside.ui.patient.window import PatientWindow

        window = PatientWindow(tablet.patient, translations, kiosk=options.full_screen)
    else:
        from bedside.ui.shell import StaffWindow

        window = StaffWindow(tablet.workspace, translations)
    _show(window, options)
    return window  # type: ignore[no-any-return]


def close_main_window(window: QWidget) -> None:
    """Empty every patient view and close, even a kiosk window that refuses a close key."""
    from bedside.services.session import LockReason
    from bedside.ui.patient.window import PatientWindow
    from bedside.ui.shell import StaffWindow

    if isinstance(window, PatientWindow):
        window.shut_down()
    elif isinstance(window, StaffWindow):
        window.lock(LockReason.USER)  # empties every view and stops their timers
        window.close()


async def until_closed(window: QWidget) -> None:
    """Return once ``window`` has been closed (hidden for good), by a person or by code.

    Watches the window itself rather than the application's ``lastWindowClosed``: that signal
    is only sent from inside ``QApplication.exec()``, and a stray tool tip or dialog would also
    keep it from coming.
    """
    closed = asyncio.Event()
    handle = window.windowHandle()
    if handle is None or not window.isVisible():
        return

    def changed(visible: bool) -> None:
        if not visible:
            closed.set()

    handle.visibleChanged.connect(changed)
    try:
        await closed.wait()
    finally:
        handle.visibleChanged.disconnect(changed)
