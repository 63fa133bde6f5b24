"""The ``bedside`` command line: parse arguments, set up logging, hand over to the app.

Sub-commands:

* ``bedside demo [--screenshot DIR]`` — the embedded sandbox EHR with a synthetic ward, a fresh
  encrypted demo cache filled through the FHIR client, and the app on top of it;
* ``bedside sandbox --port N`` — only the sandbox EHR, as a real server on loopback;
* ``bedside`` alone — the demo, until a device is enrolled (enrollment comes with later issues).
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
    from bedside.app import DemoOptions, run_demo

    options = DemoOptions(
        screenshot_dir=getattr(args, "screenshot", None),
        data_dir=getattr(args, "data_dir", None),
        seed=getattr(args, "seed", 2026),
        scale=getattr(args, "scale", 1),
    )
    return run_demo(options)
