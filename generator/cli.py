"""`python -m generator`: the editor's commands."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from typing import Callable, Sequence

from .emit import emit
from .load import load
from .problems import ContentError, InternalError

Command = Callable[[argparse.Namespace], int]


def _validate(args: argparse.Namespace) -> int:
    loaded = load(args.content)
    for problem in loaded.problems:
        print(problem)
    if loaded.problems:
        print(loaded.summary(), file=sys.stderr)
        return 1
    print(loaded.summary())
    return 0


def _emit(args: argparse.Namespace) -> int:
    try:
        count = emit(args.dir, content=args.content, config=args.config)
    except ContentError as error:
        for problem in error.problems:
            print(problem)
        return 1
    print(f"wrote {count} pages to {os.path.join(args.dir, 'docs')}; build them with: mkdocs build -f {os.path.join(args.dir, 'mkdocs.yml')}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Check, build and extend the exercise guide.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check every content file and report each problem as path:line: message")
    validate.add_argument("--content", default="content", metavar="DIR", help="the content folder (default: content)")
    validate.set_defaults(run=_validate)
    emit_ = commands.add_parser("emit", help="write the rendered Markdown pages and a plain MkDocs configuration to DIR")
    emit_.add_argument("dir", metavar="DIR")
    emit_.add_argument("--content", default="content", metavar="DIR", help="the content folder (default: content)")
    emit_.add_argument("--config", default="mkdocs.yml", metavar="FILE", help="the MkDocs configuration to start from")
    emit_.set_defaults(run=_emit)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except InternalError as error:
        print(f"{error}\nThis is a bug in the generator, not in your content; please report it.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception:  # noqa: BLE001 - anything else is a bug too; say so plainly, with the details
        print("internal error in the generator (please report it):\n" + traceback.format_exc(limit=3), file=sys.stderr)
        return 2
