"""Command line: a thin layer over the library (validate, build, serve, new, report, check-links, ...)."""
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


def _new(args) -> int:
    from kb import newrecord

    sources = []
    for text in args.source or []:
        document, _, rest = text.partition(":")
        section, _, heading = rest.partition(":")
        sources.append({"document": document.strip(), "section": section.strip(),
                        **({"heading": heading.strip()} if heading.strip() else {})})
    fields = {"summary": args.summary, "description": args.description, "themes": args.theme,
              "subthemes": args.subtheme, "chain_category": args.chain, "chain_category_origin": args.chain_origin,
              "intervention_type": args.type, "sectors": args.sector, "target_groups": args.target_group,
              "organisations": args.organisation, "sources": sources, "id": args.id}
    return newrecord.command(Path(args.catalogue), title=args.title, **fields)


def _report(args) -> int:
    from kb import report

    return report.command(Path(args.catalogue), max_age_days=args.max_age, json_output=args.json)


def _check_links(args) -> int:
    from kb import linkcheck

    return linkcheck.command(Path(args.catalogue), json_output=args.json, concurrency=args.concurrency,
                             per_host=args.per_host, timeout=args.timeout, retries=args.retries)


def _schema(args) -> int:
    from kb import jsonschema

    output = Path(args.output) if args.output else jsonschema.DEFAULT_PATH
    print(f"JSON-schema geschreven: {jsonschema.write(Path(args.catalogue), output)}")
    return 0


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

    p = sub.add_parser("new", help="Maak een nieuwe interventie uit het sjabloon.",
                       description="Maakt catalogue/interventies/<id>.yaml uit een Nederlands sjabloon met uitleg, "
                       "met de id afgeleid uit de titel. Zonder --title vraagt het de velden één voor één en toont "
                       "het de toegestane waarden. Een bestaande id wordt geweigerd.\n"
                       "Voorbeeld: python -m kb new --title 'Werkdrukscan voor teams' --theme veilig-gezond-vitaal "
                       "--subtheme werkdruk --chain B --chain-origin redactie --type scan --sector zorg-en-welzijn "
                       "--target-group werkgevers --source quickscan:2.5")
    p.add_argument("--title", help="naam van de interventie (zonder deze optie: vragen stellen)")
    p.add_argument("--id", help="eigen id in plaats van de id uit de titel")
    p.add_argument("--summary", help="samenvatting in één of twee zinnen")
    p.add_argument("--description", help="beschrijving in eigen woorden (Markdown)")
    p.add_argument("--theme", action="append", help="thema (herhaalbaar; het eerste is het hoofdthema)")
    p.add_argument("--subtheme", action="append", help="subthema (herhaalbaar)")
    p.add_argument("--chain", help="ketencategorie A, B, C of D")
    p.add_argument("--chain-origin", help="'bron' als de bron de categorie geeft, anders 'redactie'")
    p.add_argument("--type", help="vorm of interventietype")
    p.add_argument("--sector", action="append", help="sector (herhaalbaar)")
    p.add_argument("--target-group", action="append", help="doelgroep (herhaalbaar)")
    p.add_argument("--organisation", action="append", help="organisatie-id (herhaalbaar)")
    p.add_argument("--source", action="append", metavar="DOCUMENT:PARAGRAAF[:KOPJE]",
                   help="vindplaats, bijvoorbeeld 'quickscan:2.5:Interventies op werkdruk' (herhaalbaar)")
    p.set_defaults(func=_new)

    p = sub.add_parser("report", help="Welke interventies aandacht nodig hebben (controle, links, organisatie).",
                       description="Toont de interventies die toe zijn aan controle (last_reviewed ouder dan --max-age "
                       "dagen), zonder links, zonder organisatie, of met een ketencategorie van de redactie.\n"
                       "Voorbeeld: python -m kb report --max-age 180")
    p.add_argument("--max-age", type=int, default=365, help="maximale leeftijd van een controle in dagen "
                   "(standaard: %(default)s)")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.set_defaults(func=_report)

    p = sub.add_parser("check-links", aliases=["links"], help="Controleer alle webadressen in de catalogus.",
                       description="Controleert elke URL tegelijk (met time-outs, herhaalpogingen en een grens per "
                       "host) en meldt kapotte, omgeleide en trage links. Exitcode 1 bij een kapotte link.\n"
                       "Voorbeeld: python -m kb check-links --json > links.json")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.add_argument("--concurrency", type=int, default=8, help="links tegelijk (standaard: %(default)s)")
    p.add_argument("--per-host", type=int, default=2, help="links tegelijk per host (standaard: %(default)s)")
    p.add_argument("--timeout", type=float, default=5.0, help="seconden per poging (standaard: %(default)s)")
    p.add_argument("--retries", type=int, default=1, help="herhaalpogingen na een time-out of 5xx (standaard: %(default)s)")
    p.set_defaults(func=_check_links)

    p = sub.add_parser("schema", help="Schrijf het JSON-schema voor editors opnieuw.",
                       description="Maakt schema/interventie.schema.json uit het recordschema en de vocabulaires, "
                       "voor aanvulling en foutmeldingen in je editor.\nVoorbeeld: python -m kb schema")
    p.add_argument("output", nargs="?", default=None, help="bestand (standaard: schema/interventie.schema.json)")
    p.set_defaults(func=_schema)

    args = parser.parse_args(argv)
    return args.func(args)
