"""Command line: a thin layer over the library (validate, build, copycheck)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb import paths


def _validate(args) -> int:
    from kb import validation

    root = Path(args.catalogue)
    cat, problems = validation.load(root)
    for problem in problems:
        print(problem.format(Path.cwd() if root.is_relative_to(Path.cwd()) else None), file=sys.stderr)
    if problems:
        print(f"\n{len(problems)} probleem/problemen gevonden. Los ze op en draai 'python -m kb validate' opnieuw.",
              file=sys.stderr)
        return 1
    print(f"In orde: {len(cat.records)} interventies, {len(cat.organisations)} organisaties, "
          f"{len(cat.pages)} kennisbankpagina's.")
    return 0


def _build(args) -> int:
    from kb import build

    try:
        result = build.build(Path(args.catalogue), Path(args.instance), progress=sys.stderr.isatty() or args.progress)
    except build.BuildFailed as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Gebouwd: {result.path} ({result.counts['interventions']} interventies, {result.seconds:.2f} s).")
    return 0


def _serve(args) -> int:
    import logging

    from kb import build, server
    from kb.serving import InstanceNotWritable, check_instance

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        check_instance(Path(args.instance))
        build.ensure_build(Path(args.catalogue), Path(args.instance))
    except (build.BuildFailed, InstanceNotWritable) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"De catalogus draait op http://{args.host}:{args.port}/ met {args.workers} worker(s) (stoppen: Ctrl+C)",
          flush=True)
    server.serve(str(args.catalogue), str(args.instance), args.host, args.port, args.workers, args.threads)
    return 0


def _bench_search(args) -> int:
    from kb import build, relevance
    from kb.store import Store

    path = build.ensure_build(Path(args.catalogue), Path(args.instance))
    print(relevance.report(Store(path)))
    return 0


def _copycheck(args) -> int:
    from kb.copycheck import SourceIndex, record_texts

    if not paths.SOURCES.is_dir():
        print(f"Bronmap niet gevonden: {paths.SOURCES}. Zet KB_SOURCES op de map met de brondocumenten.")
        return 2
    index = SourceIndex.from_folder(paths.SOURCES)
    catalogue = Path(args.catalogue)
    files = [Path(f) for f in args.files] or sorted((catalogue / "interventies").glob("*.yaml")) + sorted(
        (catalogue / "kennisbank").glob("*.md"))
    found = 0
    for path in files:
        for field, value in record_texts(path).items():
            for run in index.copied_runs(value):
                found += 1
                print(f"{path}: {field}: overgenomen uit de bron: \"{run}\"")
    if found:
        print(f"{found} overgenomen reeks(en) van {index.n} of meer woorden. Herschrijf ze in eigen woorden.")
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kb", description="De catalogus: controleren, bouwen, zoeken.")
    parser.add_argument("--catalogue", default=str(paths.CATALOGUE), help="map met de catalogus (standaard: %(default)s)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="Controleer alle bestanden van de catalogus.",
                       description="Controleert elke interventie, organisatie, kennisbankpagina en elk vocabulaire en "
                       "meldt alle problemen als pad:regel: melding.\nVoorbeeld: python -m kb validate")
    p.set_defaults(func=_validate)

    p = sub.add_parser("build", help="Controleer en bouw de database en zoekindex.",
                       description="Controleert de catalogus en bouwt dan de SQLite-database en de zoekindex in de "
                       "instance-map. Een catalogus met fouten vervangt nooit een goede bouw.\n"
                       "Voorbeeld: python -m kb build")
    p.add_argument("--instance", default=str(paths.INSTANCE), help="map voor de bouw (standaard: %(default)s)")
    p.add_argument("--progress", action="store_true", help="toon voortgang, ook buiten een terminal")
    p.set_defaults(func=_build)

    p = sub.add_parser("serve", help="Bouw zo nodig en serveer de catalogus (gunicorn).",
                       description="Bouwt de catalogus als die veranderd is en serveert de site met gunicorn: "
                       "meerdere workers, elk met de bouw alleen-lezen geopend.\n"
                       "Voorbeeld: python -m kb serve --port 8000 --workers 2")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=2, help="aantal processen (standaard: %(default)s)")
    p.add_argument("--threads", type=int, default=4, help="threads per proces (standaard: %(default)s)")
    p.add_argument("--instance", default=str(paths.INSTANCE), help="map voor de bouw (standaard: %(default)s)")
    p.set_defaults(func=_serve)

    p = sub.add_parser("bench-search", help="Meet de zoekkwaliteit (nDCG@10, recall@10, MRR) tegen een basislijn.",
                       description="Draait de beoordeelde zoekvragen uit bench/relevance.yaml op onze zoekfunctie en op "
                       "een standaard-Whoosh-basislijn en toont de scores naast elkaar.\n"
                       "Voorbeeld: python -m kb bench-search")
    p.add_argument("--instance", default=str(paths.INSTANCE), help="map voor de bouw (standaard: %(default)s)")
    p.set_defaults(func=_bench_search)

    p = sub.add_parser("copycheck", help="Zoek zinsdelen die letterlijk uit de bronnen komen.",
                       description="Meldt reeksen van 8 of meer woorden die gelijk zijn aan een brondocument.\n"
                       "Voorbeeld: python -m kb copycheck catalogue/interventies/tilthermometer.yaml")
    p.add_argument("files", nargs="*", help="bestanden (standaard: alle interventies en kennisbankpagina's)")
    p.set_defaults(func=_copycheck)

    args = parser.parse_args(argv)
    return args.func(args)
