"""`python -m generator`: the editor's commands."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any

from .. import extensions
from ..problems import ContentError, InternalError
from . import report


def _project(args: argparse.Namespace) -> Any:
    """mkdocs.yml (or --config): its extensions loaded, and --content defaulting to its content folder."""
    from ..site import config

    project = config.read(args.config)
    extensions.load(project.extensions)
    if getattr(args, "content", "") is None:
        args.content = project.content if project.path else "content"
    return project


def _validate(args: argparse.Namespace) -> int:
    from .. import kept
    from ..content.load import load

    project = _project(args)
    with kept.kept_in(project.cache):  # what an earlier run parsed and solved is read, not made again
        loaded = load(args.content)
    sys.stdout.write(report.report(loaded, args.format))
    if args.format != "json":  # the JSON document holds the counts itself
        # Alone on standard output only when all is well, so that the problems stay easy to parse.
        print(loaded.summary(), file=sys.stderr if loaded.problems or args.format == "github" else sys.stdout)
    return 1 if loaded.problems else 0


def _new(args: argparse.Namespace) -> int:
    from . import new

    _project(args)
    try:
        path = new.new(args.kind, args.name, args.content)
    except new.ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"created {path}")
    where = "" if args.content == "content" else f" --content {args.content}"
    print(
        f'next: replace every "TODO: ..." in it, run `python -m generator validate{where}` until it reports no problems, '
        "and preview the page with `make serve`"
    )
    return 0


def _schema(args: argparse.Namespace) -> int:
    from ..content import jsonschema

    project = _project(args)
    if args.kind not in jsonschema.described():
        print(f"error: there is no schema for '{args.kind}': choose one of {', '.join(jsonschema.described())}", file=sys.stderr)
        return 2
    site_url = args.site_url if args.site_url is not None else project.site_url
    sys.stdout.write(jsonschema.json_text(args.kind, site_url or None))
    return 0


def _emit(args: argparse.Namespace) -> int:
    from ..site.emit import EmitError, emit  # rendering (Jinja, QR codes) is not loaded for the commands that need none of it

    try:
        count = emit(args.dir, content=args.content, config=args.config, for_builder=args.builder)
    except ContentError as error:
        for problem in error.problems:  # on stderr, as a build reports them (validate's report is its output)
            print(problem, file=sys.stderr)
        return 1
    except EmitError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(
        f"wrote {count} pages to {os.path.join(args.dir, 'docs')}; "
        f"build them with: {args.builder} build -f {os.path.join(args.dir, 'mkdocs.yml')}"
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    from ..content.load import load
    from . import importer

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
    from .figure import run  # drawing is not loaded for the commands that need none of it

    _project(args)
    status: int = run(args.name, args.content, args.out)
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Check, build and extend the exercise guide.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run: Any, help: str, *, content: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help)
        if content:
            sub.add_argument("--content", metavar="DIR", help="the content folder (default: the configuration's, else content)")
        sub.add_argument("--config", default="mkdocs.yml", metavar="FILE", help="the MkDocs configuration (default: mkdocs.yml)")
        sub.set_defaults(run=run)
        return sub

    validate = command("validate", _validate, "check every content file and report each problem as path:line: message")
    validate.add_argument(
        "--format",
        choices=report.FORMATS,
        default="text",
        help="text: path:line: message (default); github: annotations for GitHub Actions; json: one document with the counts",
    )
    new = command(
        "new", _new, "start a new content file (an exercise, a routine...) from a template, with a hint for every field"
    )
    new.add_argument("kind", help="what to make: exercise or routine (or a kind an extension adds)")
    new.add_argument("name", help='its display name, like "Side plank"; the file name is made from it')
    schema = command("schema", _schema, "print the JSON Schema of a kind of content file's frontmatter", content=False)
    schema.add_argument("kind", help="exercise or routine (or a kind an extension adds)")
    schema.add_argument(
        "--site-url", metavar="URL", help="the site's address, for the schema's $id (default: site_url of --config)"
    )
    emit_ = command(
        "emit", _emit, "write the rendered pages and a plain MkDocs configuration to DIR, for any MkDocs-compatible builder"
    )
    emit_.add_argument("dir", metavar="DIR")
    emit_.add_argument(
        "--for",
        dest="builder",
        default="mkdocs",
        metavar="BUILDER",
        help="the builder that will build DIR: mkdocs (the default), properdocs or zensical",
    )
    figure = command(
        "figure", _figure, "check an exercise's figure and write a preview of it, drawn even when the file has problems"
    )
    figure.add_argument("name", help="the exercise's file name without .md, like side-lunge")
    figure.add_argument("--out", metavar="FILE", help="the preview to write (default: figure-NAME.html)")
    import_ = commands.add_parser(
        "import", help="turn an outside collection of exercises into content files; never overwrites a file"
    )
    import_.add_argument("source", help="the collection's format: free-exercise-db")
    import_.add_argument("file", metavar="FILE", help="its data, like free-exercise-db's exercises.json")
    import_.add_argument("--into", default="content", metavar="DIR", help="the content folder to add to (default: content)")
    import_.set_defaults(run=_import)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
        return status
    except extensions.ExtensionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except InternalError as error:
        print(f"{error}\nThis is a bug in the generator, not in your content; please report it.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        print(
            f"internal error in the generator (please report it; GENERATOR_DEBUG=1 shows where): {type(error).__name__}: {error}",
            file=sys.stderr,
        )
        if os.environ.get("GENERATOR_DEBUG"):  # the traceback, for whoever fixes it
            traceback.print_exc()
        return 2
