"""The ``bedside`` command line: parse arguments, set up logging, hand over to the app.

Sub-commands:

* ``bedside demo [--screenshot DIR] [--bed [N]]`` — the embedded sandbox EHR with a synthetic
  ward, a fresh encrypted demo cache filled through the FHIR client, and the app on top of it: a
  nurse tablet, or with ``--bed`` a bed tablet in patient mode;
* ``bedside sandbox --port N`` — only the sandbox EHR, as a real server on loopback;
* ``bedside sync --once`` — one sync of this device with its EHR (or, with nothing configured,
  with the embedded sandbox), printing what it did; exit code 0 synced, 1 failed, 2 not set up;
* ``bedside enroll`` — create the device's signing key in the key store and print the public key
  IT registers with the EHR (or store a client secret read from standard input);
* ``bedside settings`` — every setting, its value and where the value came from;
* ``bedside`` alone — the demo, until a device is enrolled.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bedside import __version__


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
    commands.add_parser("settings", parents=[config], help="list every setting and its source")

    # Listed for --help; its own options are parsed by the sandbox runner (see main()).
    commands.add_parser(
        "sandbox", help="run only the sandbox FHIR server on loopback (bedside sandbox --help)"
    )
    return parser


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # httpx logs every URL at INFO; URLs can carry identifiers, so keep them out of the log.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    leading = [a for a in arguments if not a.startswith("-")][:1]
    if leading == ["sandbox"]:
        # The sandbox owns its options (port, seed, scale…); hand them over untouched.
        from bedside.sandbox.runner import main as sandbox_main

        position = arguments.index("sandbox")
        _configure_logging(verbose=any(a in ("-v", "--verbose") for a in arguments[:position]))
        return sandbox_main(arguments[position + 1 :])
    args = _parser().parse_args(arguments)
    _configure_logging(args.verbose)
    if args.command in ("sync", "enroll", "settings"):
        return _device_command(args)
    from bedside.app.demo import DemoOptions, run_demo

    options = DemoOptions(
        screenshot_dir=getattr(args, "screenshot", None),
        data_dir=getattr(args, "data_dir", None),
        seed=getattr(args, "seed", 2026),
        scale=getattr(args, "scale", 1),
        language=getattr(args, "language", "en"),
        bed=getattr(args, "bed", None),
    )
    return run_demo(options)


def _device_command(args: argparse.Namespace) -> int:
    from bedside.app.device import run_enroll, run_sync_once
    from bedside.settings import Settings, SettingsError, load_settings

    def settings() -> Settings:
        return load_settings(config_file=args.config)

    if args.command == "sync":
        return run_sync_once(settings, demo_dir=args.demo_dir, reconcile=args.reconcile)
    if args.command == "enroll":
        secret = sys.stdin.readline().strip() if args.client_secret_stdin else None
        return run_enroll(settings, demo_dir=args.demo_dir, client_secret=secret)
    try:
        loaded = load_settings(config_file=args.config)
    except SettingsError as exc:
        print(f"bedside settings: {exc}")
        return 2
    for info in loaded.describe():
        print(f"{info.name} = {info.value!r}  ({info.source})")
        print(f"    {info.description}")
    return 0
