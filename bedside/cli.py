"""The ``bedside`` command line: parse arguments, read the settings, set up logging, hand over.

Sub-commands:

* ``bedside`` or ``bedside run`` — the app on this enrolled device: its cache, its window, its
  sync (see :mod:`bedside.app.gui`). With nothing configured it says so and points to the demo;
* ``bedside demo [--screenshot DIR] [--bed [N]]`` — the same app on the embedded sandbox EHR with
  a synthetic ward: a nurse tablet, or with ``--bed`` a bed tablet in patient mode;
* ``bedside sandbox --port N`` — only the sandbox EHR, as a real server on loopback;
* ``bedside sync --once`` — one sync of this device with its EHR, printing what it did; exit
  code 0 synced, 1 failed, 2 not set up, 3 synced but the EHR cut a search short;
* ``bedside enroll`` — create the device's signing key in the key store and print the public key
  IT registers with the EHR (or store a client secret read from standard input);
* ``bedside settings`` — every setting, its value and where the value came from;
* ``bedside doctor`` — checks the device's set-up and the EHR's CapabilityStatement against what
  Bedside needs (``docs/ehr-requirements.md``); exit code 0 fine, 1 something missing, 2 not set
  up.

A settings file named with ``--config`` or ``BEDSIDE_CONFIG`` that does not exist is an error for
every command that reads settings.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bedside import __version__

if TYPE_CHECKING:
    from bedside.settings import Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bedside", description="Bedside — ward tablet app over an encrypted FHIR cache."
    )
    parser.add_argument("--version", action="version", version=f"Bedside {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail")
    commands = parser.add_subparsers(dest="command")

    demo = commands.add_parser(
        "demo", help="run the app against the embedded sandbox EHR with a synthetic ward"
    )
    demo.add_argument(
        "--screenshot",
        type=Path,
        metavar="DIR",
        help="render the screens to PNG files in DIR and exit (use QT_QPA_PLATFORM=offscreen)",
    )
    demo.add_argument(
        "--data-dir",
        type=Path,
        help="keep the demo cache here (default: a fresh temporary directory, removed at exit)",
    )
    demo.add_argument("--seed", type=int, default=2026, help="synthetic ward seed")
    demo.add_argument("--scale", type=int, default=1, help="grow the synthetic ward")
    demo.add_argument(
        "--language",
        choices=("fr", "de", "en"),
        default="en",
        help="language the app starts in (switchable in the app)",
    )
    demo.add_argument(
        "--bed",
        nargs="?",
        const="demo",
        metavar="BED",
        help="run as a bed tablet in patient mode: BED is a bed number of the synthetic ward "
        "(1 = first bed); without a number, a bed whose patient has a food allergy",
    )

    config = argparse.ArgumentParser(add_help=False)
    config.add_argument(
        "--config", type=Path, metavar="FILE", help="settings file (default: the machine-wide one)"
    )
    config.add_argument(
        "--demo-dir",
        type=Path,
        metavar="DIR",
        help="keep the cache and the device's keys in this demo/training directory "
        "(synthetic data only) instead of the OS key store",
    )
    commands.add_parser(
        "run", parents=[config], help="the app on this enrolled device (the default command)"
    )
    sync = commands.add_parser(
        "sync", parents=[config], help="sync this device with its EHR and print what was done"
    )
    sync.add_argument("--once", action="store_true", required=True, help="one sync, then exit")
    sync.add_argument(
        "--reconcile", action="store_true", help="also look for resources deleted on the EHR"
    )
    enroll = commands.add_parser(
        "enroll", parents=[config], help="create the device key and print the public key for IT"
    )
    enroll.add_argument(
        "--client-secret-stdin",
        action="store_true",
        help="read the client secret from standard input and keep it in the key store",
    )
    enroll.add_argument(
        "--directory-password-stdin",
        action="store_true",
        help="read the hospital directory's service-account password from standard input "
        "(after the client secret, one per line) and keep it in the key store",
    )
    commands.add_parser("settings", parents=[config], help="list every setting and its source")
    commands.add_parser(
        "doctor",
        parents=[config],
        help="check this device's set-up and what its EHR offers against what Bedside needs",
    )

    # Listed for --help; its own options are parsed by the sandbox runner (see main()).
    commands.add_parser(
        "sandbox", help="run only the sandbox FHIR server on loopback (bedside sandbox --help)"
    )
    return parser


def _configure_logging(verbose: bool, settings: Settings | None = None) -> None:
    """stderr at once; ``log.level`` and rotating files in ``log.dir`` once settings are read."""
    from bedside.logs import configure_logging, log_uncaught_exceptions
    from bedside.settings import SettingsError, load_settings

    configure_logging("INFO", None, verbose=verbose)  # at once: reading the settings may log
    log_uncaught_exceptions()
    if settings is None:
        # The demo and the sandbox make their own EHR settings, but where and how much to log
        # is still IT's (the file, BEDSIDE_LOG__*), when the settings load at all.
        try:
            settings = load_settings()
        except SettingsError:
            return  # a device command reports it in its own words
    try:
        configure_logging(
            settings.log.level,
            settings.log.dir,
            verbose=verbose,
            max_file_bytes=settings.log.max_file_mb * 1024 * 1024,
            files=settings.log.files,
        )
    except OSError as exc:
        # No log file is no reason to keep a ward without its tablet: say so and go on.
        logging.getLogger(__name__).error(
            "log_dir_unusable error=%s errno=%s", type(exc).__name__, exc.errno
        )


def _stop_on_sigterm(_signum: int, _frame: object) -> None:
    # Until the window's own handlers take over: unwind (a demo removes its directory and key
    # file on the way out) instead of dying where we stand.
    raise SystemExit(128 + signal.SIGTERM)


def main(argv: Sequence[str] | None = None) -> int:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop_on_sigterm)
    arguments = list(sys.argv[1:] if argv is None else argv)
    leading = [a for a in arguments if not a.startswith("-")][:1]
    if leading == ["sandbox"]:
        # The sandbox owns its options (port, seed, scale…); hand them over untouched.
        from bedside.sandbox.runner import main as sandbox_main

        position = arguments.index("sandbox")
        _configure_logging(verbose=any(a in ("-v", "--verbose") for a in arguments[:position]))
        return sandbox_main(arguments[position + 1 :])
    args = _parser().parse_args(arguments)
    if args.command == "demo":
        _configure_logging(args.verbose)
        from bedside.app.demo import DemoOptions, run_demo

        return run_demo(
            DemoOptions(
                screenshot_dir=args.screenshot,
                data_dir=args.data_dir,
                seed=args.seed,
                scale=args.scale,
                language=args.language,
                bed=args.bed,
            )
        )
    return _device_command(args)


def _device_command(args: argparse.Namespace) -> int:
    """Every command that runs as this device: read the settings first, then act."""
    from bedside.app.commands import (
        EXIT_NOT_SET_UP,
        not_configured_sentence,
        run_enroll,
        run_sync_once,
    )
    from bedside.settings import SettingsError, load_settings

    command = args.command or "run"
    config_file = getattr(args, "config", None)
    try:
        settings = load_settings(config_file=config_file)
    except SettingsError as exc:
        print(f"bedside {command}: {exc}", file=sys.stderr)
        return EXIT_NOT_SET_UP
    _configure_logging(args.verbose, settings)
    demo_dir = getattr(args, "demo_dir", None)
    if command == "sync":
        return run_sync_once(lambda: settings, demo_dir=demo_dir, reconcile=args.reconcile)
    if command == "enroll":
        secret = sys.stdin.readline().strip() if args.client_secret_stdin else None
        # The password's first line as typed: a password may begin or end with a space.
        password = sys.stdin.readline().rstrip("\r\n") if args.directory_password_stdin else None
        return run_enroll(
            lambda: settings,
            demo_dir=demo_dir,
            client_secret=secret,
            directory_password=password,
        )
    if command == "doctor":
        from bedside.app.doctor import run_doctor

        return run_doctor(lambda: settings, demo_dir=demo_dir)
    if command == "settings":
        for info in settings.describe():
            print(f"{info.name} = {info.value!r}  ({info.source})")
            print(f"    {info.description}")
        return 0
    if settings.is_demo:
        print(f"bedside: {not_configured_sentence(settings)}", file=sys.stderr)
        return EXIT_NOT_SET_UP
    from bedside.app.device import key_store
    from bedside.app.gui import WindowOptions, run_windowed
    from bedside.store import KeyStoreError

    try:
        keys = key_store(demo_dir)
    except KeyStoreError as exc:
        print(f"bedside: {exc}", file=sys.stderr)
        return EXIT_NOT_SET_UP
    data_dir = demo_dir or settings.device.resolved_data_dir()
    return run_windowed(settings, keys, data_dir, WindowOptions())
