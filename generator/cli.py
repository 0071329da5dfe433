"""`python -m generator`: the editor's commands."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from typing import Sequence

from . import annotations, importer, scaffold, schema_export
from .load import load
from .problems import ContentError, InternalError


def _validate(args: argparse.Namespace) -> int:
    loaded = load(args.content)
    sys.stdout.write(annotations.report(loaded, args.format))
    if args.format != "json":  # the JSON document holds the counts itself
        # Alone on standard output only when all is well, so that the problems stay easy to parse.
        print(loaded.summary(), file=sys.stderr if loaded.problems or args.format == "github" else sys.stdout)
    return 1 if loaded.problems else 0


def _new(args: argparse.Namespace) -> int:
    try:
        path = scaffold.new(args.kind, args.name, args.content)
    except scaffold.ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"created {path}")
    where = "" if args.content == "content" else f" --content {args.content}"
    print(f"next: replace every \"TODO: ...\" in it, run `python -m generator validate{where}` until it reports no problems, "
          "and preview the page with `make serve`")
    return 0


def _schema(args: argparse.Namespace) -> int:
    site_url = args.site_url if args.site_url is not None else schema_export.site_url(args.config)
    sys.stdout.write(schema_export.json_text(args.kind, site_url or None))
    return 0


def _emit(args: argparse.Namespace) -> int:
    from .emit import emit  # rendering (Jinja, QR codes) is not loaded for the commands that need none of it

    try:
        count = emit(args.dir, content=args.content, config=args.config)
    except ContentError as error:
        for problem in error.problems:
            print(problem)
        return 1
    print(f"wrote {count} pages to {os.path.join(args.dir, 'docs')}; build them with: mkdocs build -f {os.path.join(args.dir, 'mkdocs.yml')}")
    return 0


def _import(args: argparse.Namespace) -> int:
    bar = importer.ProgressBar(sys.stdout) if sys.stdout.isatty() else None
    try:
        report = importer.run(args.source, args.file, args.into, progress=bar)
    except importer.ImportFailure as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        if bar:
            bar.close()
    for line in importer.describe(report):
        print(line)
    loaded = load(args.into)
    print(f"the guide in {args.into}: {loaded.summary()}")
    if loaded.problems:
        print(f"see them with: python -m generator validate --content {args.into}", file=sys.stderr)
    return 1 if loaded.problems else 0


def _figure(args: argparse.Namespace) -> int:
    from .figures.preview import run  # drawing is not loaded for the commands that need none of it

    return run(args.name, args.content, args.out)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Check, build and extend the exercise guide.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check every content file and report each problem as path:line: message")
    validate.add_argument("--content", default="content", metavar="DIR", help="the content folder (default: content)")
    validate.add_argument(
        "--format",
        choices=annotations.FORMATS,
        default="text",
        help="text: path:line: message (default); github: annotations for GitHub Actions; json: one document with the counts",
    )
    validate.set_defaults(run=_validate)
    new = commands.add_parser("new", help="start a new exercise or routine from a template, with a hint for every field")
    new.add_argument("kind", choices=scaffold.KINDS, help="what to make")
    new.add_argument("name", help="its display name, like \"Side plank\"; the file name is made from it")
    new.add_argument("--content", default="content", metavar="DIR", help="the content folder (default: content)")
    new.set_defaults(run=_new)
    schema = commands.add_parser("schema", help="print the JSON Schema of an exercise's or a routine's frontmatter")
    schema.add_argument("kind", choices=schema_export.KINDS)
    schema.add_argument("--site-url", metavar="URL", help="the site's address, for the schema's $id (default: site_url of --config)")
    schema.add_argument("--config", default="mkdocs.yml", metavar="FILE", help="the MkDocs configuration (default: mkdocs.yml)")
    schema.set_defaults(run=_schema)
    emit_ = commands.add_parser("emit", help="write the rendered Markdown pages and a plain MkDocs configuration to DIR")
    emit_.add_argument("dir", metavar="DIR")
    emit_.add_argument("--content", default="content", metavar="DIR", help="the content folder (default: content)")
    emit_.add_argument("--config", default="mkdocs.yml", metavar="FILE", help="the MkDocs configuration to start from")
    emit_.set_defaults(run=_emit)
    import_ = commands.add_parser("import", help="turn an outside collection of exercises into content files; never overwrites a file")
    import_.add_argument("source", choices=importer.SOURCES, help="the collection's format")
    import_.add_argument("file", metavar="FILE", help="its data, like free-exercise-db's exercises.json")
    import_.add_argument("--into", default="content", metavar="DIR", help="the content folder to add to (default: content)")
    import_.set_defaults(run=_import)
    figure = commands.add_parser("figure", help="check an exercise's figure and write a preview of it (page, list, card; light and dark)")
    figure.add_argument("name", help="the exercise's file name without .md, like superman")
    figure.add_argument("--content", default="content", metavar="DIR", help="the content folder (default: content)")
    figure.add_argument("--out", metavar="FILE", help="where to write the preview (default: figure-NAME.html)")
    figure.set_defaults(run=_figure)
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
    except Exception as error:  # noqa: BLE001 - anything else is a bug too; say so plainly
        print(f"internal error in the generator (please report it; GENERATOR_DEBUG=1 shows where): {type(error).__name__}: {error}", file=sys.stderr)
        if os.environ.get("GENERATOR_DEBUG"):  # the traceback, for whoever fixes it
            traceback.print_exc()
        return 2
