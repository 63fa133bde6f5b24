"""Rendering the screens to PNG files, so anyone (and every review) can look at them.

Owns the tour ``bedside demo --screenshot DIR`` takes: the lock screen (and its directory
sign-in steps: badge + PIN with the password way in, the account's password, choosing a PIN,
and "not set up"), the ward board, every
chart tab of the patient with the most alerts, the vitals pad and the sync review, then patient
mode on three bed tablets (home, meals with greyed dishes, nil by mouth, schedule, language and
text, a free bed) — in French, German and English, at each tablet size. Files are named
``{screen}-{language}-{W}x{H}.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from bedside.ui import i18n, ops

if TYPE_CHECKING:
    from bedside.ui.first_run import FirstRunScreen
    from bedside.ui.i18n import Translations
    from bedside.ui.patient.window import PatientWindow
    from bedside.ui.shell import StaffWindow


def save_window(window: object, path: Path, size: tuple[int, int]) -> Path:
    """Resize ``window`` to ``size``, let Qt lay it out, and save what it draws to ``path``."""
    assert isinstance(window, QWidget)
    window.resize(*size)
    window.show()
    # Layout and paint requests are posted events; sendPostedEvents runs them synchronously
    # without re-entering the asyncio loop the way processEvents() would.
    QApplication.sendPostedEvents()
    QApplication.sendPostedEvents()
    if not window.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


async def _settled() -> None:
    await ops.drain()
    QApplication.sendPostedEvents()
    await ops.drain()


async def render_staff_screens(
    window: StaffWindow,
    directory: Path,
    sizes: dict[str, tuple[int, int]],
    credentials: tuple[str, str],
) -> list[Path]:
    """Sign in with the demo ``credentials`` and save every staff screen in every language."""
    # A batch job with nothing else on the loop: blocking file writes are fine here.
    directory.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240
    written: list[Path] = []

    def shoot(screen: str, language: str) -> None:
        for label, size in sizes.items():
            path = directory / f"{screen}-{language}-{label}.png"
            written.append(save_window(window, path, size))

    for language in i18n.LANGUAGES:
        window.switch_language(language)
        shoot("lock", language)
        for screen in _lock_states(window, credentials[0]):
            shoot(screen, language)
    window.lock_screen.configure(uses_passwords=window.workspace.sessions.uses_passwords)

    window.lock_screen.badge.setText(credentials[0])
    window.lock_screen.pin.setText(credentials[1])
    window.lock_screen.submit.click()
    await _settled()
    if window.staff is None:
        raise RuntimeError("the demo nurse could not sign in")
    board = window.board.board
    if board is None:
        raise RuntimeError("the ward board did not load")
    patient = min(
        (row for row in board.rows if row.patient_id and row.alert_rank),
        key=lambda row: (row.alert_rank, row.bed.bed_label),
        default=next(row for row in board.rows if row.patient_id),
    )
    assert patient.patient_id is not None
    for language in i18n.LANGUAGES:
        window.switch_language(language)
        window._show_page(window.BOARD)
        await _settled()
        shoot("board", language)
        window.open_chart(patient.patient_id, tab=0)
        await _settled()
        for index, tab in enumerate(window.chart.chart_tabs):
            window.chart.tabs.setCurrentIndex(index)
            await _settled()
            shoot(f"chart-{tab.objectName()}", language)
            open_pad = getattr(tab, "show_pad", None)
            if callable(open_pad):
                open_pad()
                await _settled()
                shoot("vitals-pad", language)
                tab.show_overview()  # type: ignore[attr-defined]
        window._open_sync()
        await _settled()
        shoot("sync", language)
        window._close_sync()
    return written


def _lock_states(window: StaffWindow, badge: str) -> Iterator[str]:
    """Put the lock screen in each state of a sign-in worth seeing; yield the state's name.

    The demo signs in against the sandbox EHR, so the directory's steps are shown as the screen
    draws them for the answers the session service gives (no directory is asked).
    """
    from bedside.services.session import (
        SignInOutcome,
        SignInResult,
        SignInService,
        StaffMember,
    )

    screen = window.lock_screen
    directory = SignInService.DIRECTORY
    screen.configure(uses_passwords=True, pin_min_length=6)
    screen.badge.setText(badge)
    yield "lock-directory"
    screen.show_result(SignInResult(SignInOutcome.PASSWORD_NEEDED, service=directory))
    screen.password.setText("synthetic")  # masked: the shot shows dots
    yield "lock-password"
    nurse = StaffMember("demo", "Aline Martin", "Nurse", badge)  # a synthetic name
    until = window.workspace.clock() + timedelta(hours=12)
    screen.show_result(
        SignInResult(
            SignInOutcome.CHOOSE_PIN,
            staff=nurse,
            offline_until=until,
            service=directory,
            pin_min_length=6,
        )
    )
    screen.new_pin.setText("4829")
    yield "lock-choose-pin"
    screen.configure(uses_passwords=False)
    screen.badge.setText(badge)
    screen.show_result(SignInResult(SignInOutcome.NOT_SET_UP, service=SignInService.EHR))
    yield "lock-not-set-up"
    screen.configure(uses_passwords=False)


async def render_patient_screens(
    window: PatientWindow,
    directory: Path,
    sizes: dict[str, tuple[int, int]],
    role: str,
) -> list[Path]:
    """Patient mode of one bed tablet in every language.

    ``role`` says which bed it is (see ``bedside.app.demo_beds``): ``demo`` (a food allergy: home,
    meal chooser with greyed dishes, schedule, language and text page), ``nil-by-mouth`` (the
    meal chooser on a fasting meal, and the schedule with the preparation) or ``free``.
    """
    from bedside.services.meal_rules import SittingStateKind

    directory.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240
    written: list[Path] = []

    def shoot(screen: str, language: str) -> None:
        for label, size in sizes.items():
            path = directory / f"{screen}-{language}-{label}.png"
            written.append(save_window(window, path, size))

    window.refresh()
    await _settled()
    for language in i18n.LANGUAGES:
        if window.current_occupant is not None:
            window.choose_language(language)
        else:
            window.translations.switch(language)
            window.refresh()
        await _settled()
        if role == "free":
            shoot("patient-free-bed", language)
            continue
        if window.current_occupant is None:
            raise RuntimeError(f"the {role} bed has no patient")
        if role == "demo":
            window.show_page(window.HOME)
            await _settled()
            shoot("patient-home", language)
            window.show_page(window.MEALS)
            await _settled()
            shoot("patient-meals", language)
            window.show_page(window.DISPLAY)
            await _settled()
            shoot("patient-display", language)
        else:
            window.show_page(window.MEALS)
            await _settled()
            plan = window.meals.plan
            fasting = next(
                (
                    item.sitting
                    for item in (plan.sittings if plan else ())
                    if item.state.kind is SittingStateKind.NIL_BY_MOUTH
                ),
                None,
            )
            if fasting is None:
                raise RuntimeError("the nil-by-mouth bed has no fasting meal")
            window.meals._select((fasting.service, fasting.day))
            await _settled()
            shoot("patient-nil-by-mouth", language)
            window.show_page(window.SCHEDULE)
            await _settled()
            shoot("patient-schedule", language)
    return written


def render_first_run_screens(
    screen: FirstRunScreen,
    translations: Translations,
    directory: Path,
    sizes: dict[str, tuple[int, int]],
) -> list[Path]:
    """The first-run screen in every language, in three moments of a first pull.

    ``first-run`` (1,234 of ~6,000, with the EHR's total), ``first-run-no-total`` (an EHR that
    gives none: a busy bar) and ``first-run-offline`` (a failed try, counting down to the next).
    The moments are shown with the screen's own ward or bed; the screen's state is put back.
    """
    from dataclasses import replace
    from datetime import timedelta

    from bedside.services.first_run import FailureKind

    directory.mkdir(parents=True, exist_ok=True)
    shown = screen.state
    base = replace(shown, attempt=1, failure=None, next_try_at=None)
    moments = {
        "first-run": replace(
            base, stage="downloading", stored=1234, expected=6000, resource_type="Observation"
        ),
        "first-run-no-total": replace(
            base, stage="downloading", stored=1234, expected=None, resource_type="Patient"
        ),
        "first-run-offline": replace(
            base,
            stage="waiting",
            stored=1234,
            expected=6000,
            resource_type="Observation",
            attempt=2,
            failure=FailureKind.OFFLINE,
            next_try_at=screen.first_run.clock(),
        ),
    }
    written: list[Path] = []
    language = translations.language
    try:
        for code in i18n.LANGUAGES:
            translations.switch(code)
            for name, state in moments.items():
                if state.next_try_at is not None:  # 15 s from now, whenever "now" is
                    state = replace(
                        state, next_try_at=screen.first_run.clock() + timedelta(seconds=15.5)
                    )
                screen.show_state(state)
                for label, size in sizes.items():
                    path = directory / f"{name}-{code}-{label}.png"
                    written.append(save_window(screen, path, size))
    finally:
        translations.switch(language)
        screen.show_state(shown)
    return written
