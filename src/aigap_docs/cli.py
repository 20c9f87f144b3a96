"""The `aigap-docs` command: thin click commands that import their machinery only when run."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from aigap_docs import __version__

if TYPE_CHECKING:
    from aigap_docs.errors import AigapError, Problem
    from aigap_docs.model import Report
    from aigap_docs.theme import Theme

DEFAULT_REPORT = Path("content") / "aigap-2025"


class _Failure(click.ClickException):
    """A content or build error: one line per problem on stderr, exit code 1, no traceback."""

    def __init__(self, error: AigapError, subject: str):
        super().__init__(str(error))
        self.error = error
        self.subject = subject

    def show(self, file: Any = None) -> None:
        for problem in self.error.problems:
            click.echo(str(problem), err=True)
        count = len(self.error.problems)
        click.echo(f"Error: {count} problem{'s' if count != 1 else ''} in {self.subject}", err=True)


class _Settings:
    def __init__(self, report: Path | None, output: Path, quiet: bool):
        self.report_option = report
        self.output = output
        self.quiet = quiet

    @property
    def report_folder(self) -> Path:
        """The --report folder, or content/aigap-2025, or the only report under content/."""
        if self.report_option is not None:
            return self.report_option
        if (DEFAULT_REPORT / "report.yaml").is_file():
            return DEFAULT_REPORT
        found = sorted(p.parent for p in Path("content").glob("*/report.yaml"))
        if len(found) == 1:
            return found[0]
        hint = "several reports under content/" if found else "no report under content/"
        raise click.UsageError(f"{hint}: choose one with --report PATH")

    def say(self, message: str) -> None:
        if not self.quiet:
            click.echo(message)


def _load(settings: _Settings, building: bool = False) -> tuple[Report, Theme]:
    from aigap_docs.errors import AigapError
    from aigap_docs.pipeline import load

    folder = settings.report_folder
    try:
        return load(folder)
    except AigapError as error:
        raise _Failure(error, f"{folder} (nothing was written)" if building else str(folder)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--report",
    "-r",
    type=click.Path(path_type=Path, file_okay=False),
    help="Report folder (default: content/aigap-2025, or the only report under content/).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Folder the outputs are written to.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and warnings.")
@click.version_option(__version__, "--version", prog_name="aigap-docs")
@click.pass_context
def cli(ctx: click.Context, report: Path | None, output: Path, quiet: bool) -> None:
    """Publish one data briefing, kept as YAML + CSV under content/, as a deck and a brief."""
    ctx.obj = _Settings(report, output, quiet)


_jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=1), help="Charts drawn at once (default: one per core)."
)
_strict_option = click.option(
    "--strict", is_flag=True, help="Treat warnings (text that does not fit, ...) as errors."
)
_native_charts_option = click.option(
    "--native-charts",
    is_flag=True,
    help="Bar, grouped-bar and line charts as editable PowerPoint charts instead of pictures.",
)


@cli.command()
@_strict_option
@_native_charts_option
@click.pass_obj
def check(settings: _Settings, strict: bool, native_charts: bool) -> None:
    """Validate the content and plan the outputs as a build would, without drawing or writing anything.

    Reports the warnings a build would give: text that does not fit, charts that cannot be native,
    characters the font cannot draw. Only what drawing the charts finds is left to the build.
    """
    from aigap_docs.errors import AigapError
    from aigap_docs.exporters import BuildOptions
    from aigap_docs.pipeline import in_order, plan

    report, theme = _load(settings)
    outputs = ("slides", "pdf") if report.brief else ("slides",)  # a deck-only report builds `slides`
    try:
        plans = plan(report, theme, outputs, BuildOptions(native_charts=native_charts))
    except AigapError as error:
        raise _Failure(error, str(settings.report_folder)) from None
    warnings = in_order([w for planned in plans.values() for w in planned.warnings])
    _report_warnings(warnings, strict, str(settings.report_folder))
    sections = len(report.brief.sections) if report.brief else 0
    settings.say(
        f"{report.folder}: OK ({len(report.slides)} slides, {len(report.charts)} charts, "
        f"{len(report.datasets)} datasets, {sections} brief sections)"
    )


def _report_warnings(warnings: list[Problem], strict: bool, subject: str) -> None:
    """Print warnings on stderr; with --strict they are errors (exit 1)."""
    from aigap_docs.errors import AigapError, Problem

    if strict and warnings:
        raise _Failure(
            AigapError([Problem(w.where, f"{w.message} (--strict)", w.field) for w in warnings]), subject
        )
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)


@cli.command()
@_jobs_option
@click.pass_obj
def charts(settings: _Settings, jobs: int | None) -> None:
    """Write every chart to OUTPUT/charts/ as PNG and SVG, with title and source, for web and social use."""
    from aigap_docs.errors import AigapError
    from aigap_docs.pipeline import build_charts

    report, theme = _load(settings)
    try:
        written = build_charts(report, theme, settings.output, jobs)
    except AigapError as error:
        raise _Failure(error, f"{settings.report_folder} (nothing was written)") from None
    _report_warnings(written.warnings, False, str(settings.report_folder))
    settings.say(
        f"Wrote {len(written.files)} files to {settings.output / 'charts'} "
        f"({written.charts_drawn} charts drawn, {written.charts_cached} from cache)"
    )


_preview_option = click.option(
    "--preview",
    is_flag=True,
    help="Also write PNGs of the slides and pages that changed, and a contact sheet, to OUTPUT/preview/.",
)


def _drawer(cache: Path, jobs: int | None) -> Any:
    """A process importing matplotlib while this one reads and plans, for a build that will draw
    (charts/drawer.py), or None."""
    from aigap_docs.charts import drawer

    return drawer.Drawer() if jobs != 1 and drawer.wanted(cache) else None


def _build_command(name: str, outputs: tuple[str, ...], summary: str) -> click.Command:
    @_strict_option
    @_jobs_option
    @_preview_option
    @click.pass_obj
    def command(
        settings: _Settings, strict: bool, jobs: int | None, preview: bool, native_charts: bool = False
    ) -> None:
        from aigap_docs.errors import AigapError
        from aigap_docs.exporters import BuildOptions
        from aigap_docs.pipeline import build, cache_dir

        drawer = _drawer(cache_dir(settings.output), jobs)
        try:
            report, theme = _load(settings, building=True)
            options = BuildOptions(native_charts=native_charts)
            written = build(report, theme, settings.output, outputs, jobs, strict, options, drawer=drawer)
        except AigapError as error:
            raise _Failure(error, f"{settings.report_folder} (nothing was written)") from None
        finally:
            if drawer is not None:
                drawer.close()
        _report_warnings(written.warnings, False, str(settings.report_folder))
        if "slides" in outputs:
            from aigap_docs.exporters.deck.layout import size_note

            note = size_note(report, theme)  # the template was read already: it is readable
            if note:
                settings.say(note)
        for path in written.files:
            settings.say(f"{'Up to date' if written.skipped else 'Wrote'}: {path}")
        if preview:
            _preview(settings, written.files)

    command.__doc__ = summary
    if "slides" in outputs:
        command = _native_charts_option(command)
    return cli.command(name)(command)


_build_command("slides", ("slides",), "Build the 16:9 PowerPoint deck: OUTPUT/<report>.pptx.")
_build_command("pdf", ("pdf",), "Build the printed PDF brief: OUTPUT/<report>.pdf.")
_build_command("build", ("slides", "pdf"), "Build the deck and the brief (charts are drawn once for both).")


def _preview(settings: _Settings, files: list[Path], session: Any = None) -> None:
    """Pictures of what changed in `files` under OUTPUT/preview/; a missing tool is one line, no failure."""
    from aigap_docs.preview import write_previews

    result = write_previews(files, settings.output, session)
    for problem in result.problems:
        click.echo(f"preview: {problem}", err=True)
    if result.rendered or not result.problems:
        settings.say(result.summary())


@cli.command()
@click.option("--slides", "only", flag_value="slides", help="Watch and build the deck only.")
@click.option("--pdf", "only", flag_value="pdf", help="Watch and build the brief only.")
@_strict_option
@_jobs_option
@_native_charts_option
@_preview_option
@click.pass_obj
def watch(
    settings: _Settings, only: str | None, strict: bool, jobs: int | None, native_charts: bool, preview: bool
) -> None:
    """Build, then rebuild what each save changes (report folder, theme, template), until Ctrl-C.

    Charts whose spec and data did not change are not redrawn, and an output the change does not touch
    is kept as it is. Broken content prints its problems and keeps the last outputs.
    """
    from aigap_docs.exporters import BuildOptions
    from aigap_docs.preview import PreviewSession
    from aigap_docs.watch import Outcome, Session, run, status_line

    folder = settings.report_folder
    if not folder.is_dir():
        raise click.UsageError(f"{folder}: no such report folder")
    outputs = (only,) if only else ("slides", "pdf")
    session = Session(folder, settings.output, outputs, jobs, strict, BuildOptions(native_charts))
    pictures = PreviewSession() if preview else None

    def report(outcome: Outcome) -> None:
        if outcome.error is not None:
            _Failure(outcome.error, f"{folder} (the last outputs are kept)").show()
        elif outcome.written is not None:
            _report_warnings(outcome.written.warnings, False, str(folder))
        if outcome.error is not None:
            click.echo(status_line(outcome, outputs), err=True)
        else:
            settings.say(status_line(outcome, outputs))
        if pictures is not None and outcome.written is not None:
            _preview(settings, outcome.written.files, pictures)

    settings.say(f"Watching {folder} (Ctrl-C to stop)")
    try:
        run(session, report)
    finally:
        if pictures is not None:
            pictures.close()


@cli.command()
@click.argument("name")
@click.option("--title", help="The report's title (asked for when not given and run in a terminal).")
@click.pass_obj
def new(settings: _Settings, name: str, title: str | None) -> None:
    """Create a small report folder to start from: content/NAME (or NAME, if it is a path), dated today
    (SOURCE_DATE_EPOCH's day, if set)."""
    from aigap_docs.clock import ClockError, today
    from aigap_docs.errors import os_reason
    from aigap_docs.scaffold import create_report

    target = Path(name) if ("/" in name or name.startswith(".")) else Path("content") / name
    untitled = "Untitled report"
    if title is None:
        title = click.prompt("Report title", default=untitled) if sys.stdin.isatty() else untitled
    try:
        create_report(target, title.strip() or untitled, today())
    except ClockError as error:
        raise click.ClickException(str(error.problems[0])) from None
    except FileExistsError:
        raise click.ClickException(f"{target} already exists; choose another name") from None
    except OSError as error:  # a part of the path is a file, no permission, a full disk, ...
        raise click.ClickException(f"cannot create {target}: {os_reason(error)}") from None
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="NAME") from None
    settings.say(f"Created {target}. Check it with: aigap-docs --report {target} check")


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True))
@click.option(
    "--preview",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="OUT.pptx",
    help="Also write a deck with one slide per layout role, built from sample content on the template.",
)
@click.pass_obj
def template(settings: _Settings, file: Path, preview: Path | None) -> None:
    """Describe a PowerPoint template: its layouts and placeholders, the role each layout serves, its theme
    fonts and colours, its slide size and its problems (missing roles, text hard to read)."""
    from aigap_docs.errors import AigapError
    from aigap_docs.exporters.deck.inspect import inspect_template, write_preview

    try:
        inspection = inspect_template(file, str(file))
        for line in inspection.lines():
            click.echo(line)
        if preview is not None:
            warnings = write_preview(file, preview, str(file))
            for warning in warnings:
                click.echo(f"warning: {warning}", err=True)
            settings.say(f"Wrote: {preview}")
    except AigapError as error:
        raise click.ClickException("; ".join(str(problem) for problem in error.problems)) from None


@cli.command()
@click.option(
    "--output-file",
    "-o",
    "target",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the schema to this file instead of printing it.",
)
@click.pass_obj
def schema(settings: _Settings, target: Path | None) -> None:
    """Print report.yaml's JSON Schema, for editors: with the YAML language server, a first line
    `# yaml-language-server: $schema=report.schema.json` validates and completes report.yaml as you type."""
    from aigap_docs.errors import os_problem
    from aigap_docs.schema import schema_text

    text = schema_text()
    if target is None:
        click.echo(text, nl=False)
        return
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise click.ClickException(str(os_problem(str(target), error, "write"))) from None
    settings.say(f"Wrote: {target}")


def main() -> NoReturn:
    """Console-script entry point, tuned for a short-lived process.

    A build makes millions of short-lived objects (imports, layout): collecting the youngest garbage
    every 10,000 allocations instead of 700 saves about 0.1 s, and the older generations, collected as
    often as by default relative to it, keep an 800-slide build's peak memory where it was (309 MB).
    At exit, the interpreter's last collections would walk every object matplotlib, reportlab and
    pydantic made (about 0.15 s); they are frozen instead, as every file is written and closed by then.
    """
    gc.set_threshold(10_000, 10, 10)
    try:
        cli.main(prog_name="aigap-docs")
    finally:
        gc.freeze()
    sys.exit(0)  # cli.main exits by itself; this only tells type checkers so
