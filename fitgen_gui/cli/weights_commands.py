"""``fitgen weights list | download``: the ImageNet weights of the backbones, offline-safe."""

from __future__ import annotations

import argparse
import sys
import time

from fitgen_gui.cli.common import EXIT_OK, UserError

__all__ = ["add_commands"]


def cmd_weights_list(args: argparse.Namespace) -> int:
    from fitgen_gui.training.weights_download import weights_status

    for entry in weights_status(args.mirror):
        state = "on this computer" if entry.present else f"missing ({entry.size_text})"
        print(f"{entry.architecture:20} {state}")
        print(f"{'':20} {entry.path if entry.present else entry.url}")
    return EXIT_OK


def cmd_weights_download(args: argparse.Namespace) -> int:
    from fitgen_gui.training.weights_download import download_weights, weights_status

    known = [w.architecture for w in weights_status(args.mirror)]
    wanted = known if args.architecture == ["all"] else args.architecture
    unknown = [a for a in wanted if a not in known]
    if unknown:
        raise UserError(f"No ImageNet weights for {', '.join(unknown)}; choose from "
                        f"{', '.join(known)} (or 'all').")
    last = [0.0]

    def progress(done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - last[0] < 0.2 and (total is None or done < total):
            return
        last[0] = now
        of = f" of {total / 1e6:.1f} MB" if total else ""
        print(f"\r  {done / 1e6:.1f} MB{of}", end="", file=sys.stderr, flush=True)

    for architecture in wanted:
        print(f"{architecture}:", flush=True)
        path = download_weights(architecture, mirror=args.mirror,
                                progress=None if args.quiet else progress)
        if not args.quiet:
            print(file=sys.stderr)
        print(f"  saved and checked: {path}")
    return EXIT_OK


def add_commands(commands: argparse._SubParsersAction) -> None:
    weights = commands.add_parser("weights", help="list or download the backbones' ImageNet "
                                                  "weights")
    verbs = weights.add_subparsers(dest="verb", required=True, metavar="list|download")
    listing = verbs.add_parser("list", help="which weights are on this computer")
    listing.add_argument("--mirror", help="a base URL serving the same file names "
                                          "(default: $FITGEN_WEIGHTS_MIRROR, else Keras's)")
    listing.set_defaults(func=cmd_weights_list)
    download = verbs.add_parser("download", help="download and check weights into Keras's "
                                                 "cache")
    download.add_argument("architecture", nargs="+", help="e.g. mobilenet_v3_small, or all")
    download.add_argument("--mirror", help="a base URL serving the same file names")
    download.add_argument("--quiet", action="store_true", help="no progress")
    download.set_defaults(func=cmd_weights_download)
