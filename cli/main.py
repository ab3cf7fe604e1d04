"""The ``intake`` command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cli.config import load_settings
from cli.errors import EXIT_STATUSES, IntakeGroup
from cli.output import cases_table, console, operator_zone
from intake.logs import setup_logging
from runtime.app import App


@click.group(cls=IntakeGroup, epilog=f"Exit status: {EXIT_STATUSES}.")
@click.option("--data-dir", type=click.Path(path_type=Path), help="Local data directory (default: .intake).")
@click.option("--log-level", default="WARNING", show_default=True)
@click.option("--debug", is_flag=True, help="Show the traceback of an error instead of one or two lines.")
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None, log_level: str, debug: bool) -> None:
    """intake: omnichannel intake and capture for case management."""
    settings = load_settings(data_dir=data_dir)
    app = App(settings)
    _ = app.index_settings  # parsed now: a bad INTAKE_INDEX_URL stops here, named
    setup_logging(log_level.upper(), settings.log_format)
    ctx.obj = app
    ctx.call_on_close(ctx.obj.close)


@main.command()
@click.option("--idle", default=3.0, show_default=True, help="Stop after this many idle seconds.")
@click.pass_obj
def demo(app: App, idle: float) -> None:
    """Run the bundled sample intake through every stage and print the cases."""
    from runtime.demo import run_demo

    cases = run_demo(app.connect(), idle, say=lambda text: console.print(text, markup=False))
    console.print(cases_table(cases, f"démo intake : {len(cases)} dossier(s)", operator_zone(app)))
    console.print(f"Dossiers enregistrés dans {app.store.url}")


INGEST_EXIT = {"queued": 0, "stopped": 1, "quarantined": 3}


@main.command(epilog="Exit status: 0 every item queued; 3 some item quarantined (now or before); "
                     "1 the run stopped (a service is down), the files not queued are untouched.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.pass_obj
def ingest(app: App, paths: tuple[Path, ...]) -> None:
    """Submit files (.eml, .pdf, images, web-form .json, call-log .csv/.jsonl)."""
    from runtime.ingest import ingest_paths

    report = ingest_paths(app.connect(), paths, progress=True)
    console.print(f"{len(report.envelopes)} élément(s) mis en file, {len(report.quarantined)} mis en quarantaine, "
                  f"{len(report.already)} déjà en quarantaine (aucune nouvelle entrée)", markup=False)
    for label, found in (("mis en quarantaine", report.quarantined), ("déjà en quarantaine", report.already)):
        for name, reason in found:
            console.print(f"  {label} {name} : {reason}", markup=False)
    if report.stopped:
        console.print(f"arrêté avant la fin, le reste n'est pas mis en file : {report.stopped}", markup=False)
    outcome = "stopped" if report.stopped else "quarantined" if report.refused else "queued"
    sys.exit(INGEST_EXIT[outcome])


from cli.connect import connect, import_folder  # noqa: E402
from cli.worker import worker  # noqa: E402

main.add_command(worker)

main.add_command(connect)
main.add_command(import_folder)


from cli.cases import case, member, quarantine  # noqa: E402
from cli.index import case_list, case_search, member_show, reindex_command  # noqa: E402

case.add_command(case_list)
case.add_command(case_search)
member.add_command(member_show)
main.add_command(case)
main.add_command(member)
main.add_command(quarantine)
main.add_command(reindex_command)

from cli.review import corrections_group  # noqa: E402  (adds its commands to `intake case`)

main.add_command(corrections_group, name="corrections")

from cli.batches import batch_group  # noqa: E402

main.add_command(batch_group)

from cli.classify import eval_command, model_group, train  # noqa: E402
from cli.dashboard import dashboard  # noqa: E402

main.add_command(train)
main.add_command(eval_command, name="eval")
main.add_command(model_group)
main.add_command(dashboard)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
