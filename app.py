"""The web catalogue: thin Flask routes over the kb package."""
from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask, Response, abort, g, jsonify, render_template, request, send_file, url_for

from kb import build as builder
from kb import coverage, export, feeds, httpcache, openapi, paths, report, search, suggest, workmap
from kb.repository import Repository
from kb.facets import FACETS
from kb.serving import StoreHolder, check_instance

log = logging.getLogger("kb")
# No inline script or style anywhere: everything comes from our own static files.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(paths.INSTANCE), instance_relative_config=False)
    app.config.update(CATALOGUE=str(paths.CATALOGUE), BUILD_ON_START=True)
    if test_config:
        app.config.update(test_config)
    instance = Path(app.config.get("INSTANCE", app.instance_path))
    check_instance(instance)
    if app.config["BUILD_ON_START"]:
        builder.ensure_build(Path(app.config["CATALOGUE"]), instance)
    holder = StoreHolder(instance)
    repo = Repository.from_config(app.config)
    app.extensions["kb_store"] = holder
    app.config.setdefault("SEND_FILE_MAX_AGE_DEFAULT", httpcache.STATIC_MAX_AGE)

    @app.url_defaults
    def fingerprint_static(endpoint, values):
        if endpoint == "static" and "filename" in values:
            version = httpcache.static_version(app.static_folder, values["filename"])
            if version:
                values["v"] = version

    def store():
        # One look at the build pointer per request: every label on a page asks for the store.
        if "kb_store" not in g:
            g.kb_store = holder.get()
        return g.kb_store

    @app.context_processor
    def globals_for_templates():
        return {"store": store(), "facets": FACETS, "section_label": export.section_label, "repo": repo}

    @app.template_filter("label")
    def label_filter(value, vocab):
        return store().vocab(vocab).label(value)

    def record_url(rec, external=False):
        return url_for("record", rid=rec["id"], _external=external)

    # -- pages -------------------------------------------------------------------------------
    @app.get("/")
    def home():
        s = store()
        counts = _overview(s, list(s.records.values()))
        top_sectors = sorted((k for k in counts["sectors"] if k != "sectoroverstijgend" and counts["sectors"][k]),
                             key=lambda k: -counts["sectors"][k])[:8]
        charts = {
            "themes": [(t["short"], counts["themes"][t["id"]], url_for("theme", tid=t["id"])) for t in s.themes],
            "chain": [(f"{c['id']} {c['short']}", counts["chain"][c["id"]], url_for("interventions", keten=c["id"]))
                      for c in s.chain_categories],
            "sectors": [(s.sectors.label(k), counts["sectors"][k], url_for("sector", sid=k)) for k in top_sectors],
        }
        return render_template("home.html", theme_counts=counts["themes"], chain_counts=counts["chain"],
                               charts=charts, recent=s.recent(6), total=len(s.records))

    @app.get("/interventies")
    def interventions():
        s = store()
        query = search.parse_args(request.args, s)
        result = search.search(s, query, base_url=url_for("interventions"), facet_limit=search.FACET_LIMIT)
        return render_template("results.html", result=result, query=query, sorts=search.SORTS)

    @app.get("/interventies.csv")
    def interventions_csv():
        s = store()
        query = search.parse_args(request.args, s)
        result = search.search(s, query, all_results=True)
        body = export.records_csv(s, [h.record for h in result.hits], lambda r: record_url(r, True))
        return Response("\ufeff" + body, mimetype="text/csv",
                        headers={"Content-Disposition": "attachment; filename=interventies.csv"})

    @app.get("/interventies/<rid>")
    def record(rid):
        s = store()
        rec = s.record(rid)
        if rec is None:
            abort(404)
        rec = s.full(rec)
        related = s.related(rec)
        shown = {r["id"] for r in related}
        similar = [r for r in s.similar(rec, n=4 + len(related)) if r["id"] not in shown][:4]
        return render_template("record.html", rec=rec, related=related, similar=similar,
                               guides=[s.pages[g] for g in rec["guides"] if g in s.pages])

    @app.get("/themas")
    def themes():
        return render_template("themes.html")

    @app.get("/themas/<tid>")
    def theme(tid):
        s = store()
        if tid not in s.themes:
            abort(404)
        recs = [r for r in s.records.values() if tid in r["themes"]]
        subthemes = [st for st in s.subthemes if st["theme"] == tid]
        matrix = coverage.matrix(recs, subthemes, list(s.chain_categories), lambda r: r["subthemes"],
                                 lambda r: [r["chain_category"]], "subthema", "keten", {"thema": [tid]})
        return render_template("theme.html", theme=s.themes.get(tid), records=recs, matrix=matrix,
                               overview=_overview(s, recs), pages=[p for p in s.pages.values() if tid in p["themes"]])

    @app.get("/sectoren")
    def sectors():
        s = store()
        counts = {}
        for rec in s.records.values():
            for sec in rec["sectors"]:
                counts[sec] = counts.get(sec, 0) + 1
        return render_template("sectors.html", counts=counts)

    @app.get("/sectoren/<sid>")
    def sector(sid):
        s = store()
        if sid not in s.sectors:
            abort(404)
        recs = [r for r in s.records.values() if sid in r["sectors"]]
        return render_template("sector.html", sector=s.sectors.get(sid), records=recs, overview=_overview(s, recs),
                               matrix=coverage.theme_by_chain(s, recs, {"sector": [sid]}))

    @app.get("/kennisbank")
    def pages():
        return render_template("pages.html")

    @app.get("/kennisbank/<pid>")
    def page(pid):
        s = store()
        if pid not in s.pages:
            abort(404)
        recs = [s.records[r] for r in s.page_records.get(pid, []) if r in s.records]
        return render_template("page.html", page=s.pages[pid], records=recs)

    @app.get("/bronnen")
    def sources():
        s = store()
        counts = {d["id"]: 0 for d in s.sources}
        for rec in s.records.values():
            for doc in rec["facets"]["bron"]:
                counts[doc] += 1
        return render_template("sources.html", counts=counts)

    @app.get("/bronnen/<did>")
    def source(did):
        s = store()
        if did not in s.sources:
            abort(404)
        recs = [r for r in s.records.values() if did in r["facets"]["bron"]]
        by_section = {}
        for rec in recs:
            for c in rec["sources"]:
                if c["document"] == did:
                    by_section.setdefault(c["section"], []).append(rec)
        order = {sec["id"]: i for i, sec in enumerate(s.sources.get(did).get("sections") or [])}
        sections = sorted(by_section.items(), key=lambda kv: (order.get(kv[0], 999), kv[0]))
        pages_from = [p for p in s.pages.values() if any(c["document"] == did for c in p["sources"])]
        return render_template("source.html", doc=s.sources.get(did), sections=sections, records=recs,
                               pages_from=pages_from)

    @app.get("/over")
    def about():
        return render_template("about.html")

    @app.get("/redactie")
    def editors():
        s = store()
        max_age = _bounded_int(request.args.get("dagen"), default=365, low=0, high=36500)
        rep = report.report(s.records, dt.date.today(), max_age)
        sections = [(key, heading, meaning.format(**rep), rep[key]) for key, heading, meaning in report.SECTIONS]
        return render_template("editors.html", rep=rep, sections=sections, max_age=max_age)

    @app.get("/toegankelijkheid")
    def accessibility():
        return render_template("accessibility.html")

    # -- API ---------------------------------------------------------------------------------
    @app.get("/api/v1/interventies")
    def api_interventions():
        s = store()
        query = search.parse_args(request.args, s)
        result = search.search(s, query, base_url=url_for("api_interventions"))
        return jsonify({
            "query": {"q": query.q, "filters": query.filters, "sort": query.effective_sort, "page": result.page},
            "notices": query.notices,
            "total": result.total, "page": result.page, "pages": result.pages, "per_page": search.PER_PAGE,
            "relaxed": result.relaxed, "suggestion": result.suggestion, "corrected_from": result.corrected_from,
            "results": [export.record_json(s, h.record, record_url(h.record, True)) for h in result.hits],
            "facets": _facets_json(result),
        })

    @app.get("/api/v1/suggesties")
    def api_suggestions():
        s = store()
        cache = app.extensions.setdefault("kb_suggest", {})
        if cache.get("store") is not s:
            cache.update(store=s, entries=suggest.entries(s))
        found = suggest.suggest(cache["entries"], (request.args.get("q") or "")[:100])
        return jsonify({"suggestions": [
            {"label": e.label, "kind": e.kind, "kind_label": suggest.KINDS[e.kind],
             "url": url_for(e.target[0], **e.target[1])} for e in found]})

    @app.get("/api/v1/interventies/<rid>")
    def api_record(rid):
        s = store()
        rec = s.record(rid)
        if rec is None:
            return jsonify({"error": "niet gevonden", "message": f"Er is geen interventie met id '{rid[:100]}'."}), 404
        return jsonify(export.record_json(s, s.full(rec), record_url(rec, True), full=True))

    # -- caching -----------------------------------------------------------------------------
    @app.before_request
    def answer_from_cache():
        if request.method not in ("GET", "HEAD") or request.endpoint in (None, "static"):
            return None
        s = store()
        request.kb_etag = httpcache.etag_for(s.path.name, request.full_path)
        request.kb_modified = httpcache.built_at(s.meta)
        if httpcache.not_modified(request, request.kb_etag, request.kb_modified):
            response = app.response_class(status=304)
            httpcache.set_validators(response, request.kb_etag, request.kb_modified)
            return response
        return None

    # -- headers -----------------------------------------------------------------------------
    @app.after_request
    def security_headers(response):
        if getattr(request, "kb_etag", None) and response.status_code == 200:
            httpcache.set_validators(response, request.kb_etag, request.kb_modified)
        if request.endpoint == "static" and request.args.get("v"):
            response.headers["Cache-Control"] = f"public, max-age={httpcache.STATIC_MAX_AGE}, immutable"
        httpcache.compress(request, response)
        h = response.headers
        h.setdefault("Content-Security-Policy", CSP)
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response

    # -- for sector funds: coverage, werkmap, compare ---------------------------------------
    @app.get("/dekking")
    def coverage_view():
        s = store()
        query = search.parse_args(request.args, s)
        query.q = ""
        result = search.search(s, query, all_results=True)
        records = [h.record for h in result.hits]
        return render_template("coverage.html", query=query, result=result,
                               matrix=coverage.theme_by_chain(s, records, query.filters),
                               overview=coverage.sector_by_theme(s, list(s.records.values())))

    @app.get("/werkmap")
    def workmap_view():
        s = store()
        items, unknown = workmap.parse(request.args, s)
        params = workmap.params(items)
        return render_template("workmap.html", items=items, unknown=unknown, groups=workmap.grouped(items, s),
                               params=params, share_url=_url_with("workmap_view", params, external=True),
                               remove_url=lambda rid: _url_with("workmap_view", workmap.params(items, drop=rid) + [("eigen", "1")]))

    @app.get("/werkmap.csv")
    def workmap_csv():
        s = store()
        items, _ = workmap.parse(request.args, s)
        return Response("\ufeff" + workmap.as_csv(items, s, lambda r: record_url(r, True)), mimetype="text/csv",
                        headers={"Content-Disposition": "attachment; filename=werkmap.csv"})

    @app.get("/werkmap.md")
    def workmap_markdown():
        s = store()
        items, _ = workmap.parse(request.args, s)
        body = workmap.as_markdown(items, s, lambda r: record_url(r, True),
                                   _url_with("workmap_view", workmap.params(items), external=True))
        return Response(body, mimetype="text/markdown",
                        headers={"Content-Disposition": "attachment; filename=werkmap.md"})

    @app.get("/vergelijk")
    def compare():
        s = store()
        items, unknown = workmap.parse(request.args, s)
        notice = None
        if len(items) > 4:
            items, notice = items[:4], "U kunt hoogstens vier interventies tegelijk vergelijken; dit zijn de eerste vier."
        return render_template("compare.html", items=items, unknown=unknown, notice=notice)

    # -- open data ---------------------------------------------------------------------------
    @app.get("/api")
    def api_docs():
        s = store()
        example = next(iter(s.records), None)
        return render_template("api.html", example=example, theme=next(iter(s.themes.terms)),
                               sector=next(iter(s.sectors.terms)))

    @app.get("/api/v1/openapi.json")
    def api_openapi():
        return jsonify(openapi.spec(store(), request.url_root.rstrip("/")))

    @app.get("/api/v1/vocabulaires")
    def api_vocabularies():
        s = store()
        names = ("themes", "subthemes", "chain_categories", "chain_origins", "evidence_levels", "sectors",
                 "target_groups", "forms", "intervention_types", "organisation_kinds", "sources", "organisations")
        out = {name: list(s.vocab(name)) for name in names}
        out["organisations"] = [dict(o, label=o["name"]) for o in out["organisations"]]
        return jsonify(out)

    @app.get("/api/v1/facetten")
    def api_facets():
        s = store()
        query = search.parse_args(request.args, s)
        result = search.search(s, query)
        return jsonify({"total": result.total, "facets": _facets_json(result)})

    @app.get("/export/interventies.json")
    def export_json():
        s = store()
        body = json.dumps({"generated": s.meta["built_at"], "count": len(s.records),
                           "interventions": [export.record_as_source(r) for r in s.full_records()],
                           "organisations": list(s.organisations)}, ensure_ascii=False, indent=1)
        return Response(body, mimetype="application/json",
                        headers={"Content-Disposition": "attachment; filename=interventies.json"})

    @app.get("/export/interventies.csv")
    def export_csv():
        s = store()
        body = export.records_csv(s, s.records.values(), lambda r: record_url(r, True))
        return Response("\ufeff" + body, mimetype="text/csv",
                        headers={"Content-Disposition": "attachment; filename=interventies.csv"})

    @app.get("/export/catalogus.db")
    def export_db():
        s = store()
        return send_file(s.path / builder.DB_NAME, mimetype="application/vnd.sqlite3", as_attachment=True,
                         download_name="catalogus.db", max_age=httpcache.PAGE_MAX_AGE)

    @app.get("/feeds/interventies.atom")
    def feed():
        s = store()
        query = search.parse_args(request.args, s)
        query.q = ""  # feeds follow filters, not free text
        result = search.search(s, query, all_results=True)
        chosen = [f"{v.label}" for f in result.facets for v in f.selected]
        title = "Nieuw en gewijzigd in de Kennisbank duurzame inzetbaarheid" + (f": {', '.join(chosen)}" if chosen else "")
        body = feeds.atom([h.record for h in result.hits], title, request.url,
                          query.url(url_for("interventions", _external=True).split("?")[0]),
                          lambda r: record_url(r, True), feeds.now_stamp())
        return Response(body, mimetype="application/atom+xml")

    @app.get("/sitemap.xml")
    def sitemap():
        s = store()
        urls = [url_for(e, _external=True) for e in ("home", "interventions", "themes", "sectors", "pages", "sources",
                                                     "about", "api_docs", "accessibility")]
        urls += [url_for("record", rid=r, _external=True) for r in s.records]
        urls += [url_for("theme", tid=t, _external=True) for t in s.themes.terms]
        urls += [url_for("sector", sid=t, _external=True) for t in s.sectors.terms]
        urls += [url_for("page", pid=p, _external=True) for p in s.pages]
        urls += [url_for("source", did=d, _external=True) for d in s.sources.terms]
        return Response(render_template("sitemap.xml", urls=urls, lastmod=s.meta["built_at"][:10]),
                        mimetype="application/xml")

    @app.get("/robots.txt")
    def robots():
        body = ("User-agent: *\nDisallow: /interventies?\nDisallow: /interventies.csv\nDisallow: /api/v1/suggesties\n"
                f"Sitemap: {url_for('sitemap', _external=True)}\n")
        return Response(body, mimetype="text/plain")

    # -- errors ------------------------------------------------------------------------------
    def wants_json():
        return request.path.startswith("/api/")

    @app.errorhandler(404)
    def not_found(error):
        if wants_json():
            return jsonify({"error": "niet gevonden", "message": "Deze URL bestaat niet."}), 404
        return render_template("error.html", code=404, title="Pagina niet gevonden",
                               message="Deze pagina bestaat niet (meer). Zoek in de catalogus of ga naar de "
                                       "startpagina."), 404

    @app.errorhandler(405)
    def method_not_allowed(error):
        if wants_json():
            return jsonify({"error": "methode niet toegestaan"}), 405
        return render_template("error.html", code=405, title="Niet toegestaan",
                               message="Deze pagina kan alleen worden opgevraagd, niet verstuurd."), 405

    @app.errorhandler(500)
    def server_error(error):
        log.exception("Fout bij %s", request.url)
        if wants_json():
            return jsonify({"error": "serverfout"}), 500
        return render_template("error.html", code=500, title="Er ging iets mis",
                               message="Er ging aan onze kant iets mis. Probeer het later opnieuw."), 500

    return app


def _url_with(endpoint: str, params: list, external: bool = False) -> str:
    base = url_for(endpoint, _external=external)
    return base + ("?" + urlencode(params) if params else "")


def _facets_json(result) -> dict:
    return {f.facet.param: [{"id": v.id, "label": v.label, "count": v.count, "selected": v.selected}
                            for v in f.values] for f in result.facets}


def _overview(s, recs):
    """Counts per theme, subtheme, sector and chain category for a set of records."""
    themes = {t["id"]: 0 for t in s.themes}
    chain = {c["id"]: 0 for c in s.chain_categories}
    subthemes = {t["id"]: 0 for t in s.subthemes}
    sectors = {t["id"]: 0 for t in s.sectors}
    for r in recs:
        for t in r["sectors"]:
            sectors[t] += 1
        for t in r["themes"]:
            themes[t] += 1
        for t in r["subthemes"]:
            subthemes[t] += 1
        chain[r["chain_category"]] += 1
    return {"themes": themes, "chain": chain, "subthemes": subthemes, "sectors": sectors}


def _bounded_int(value, default: int, low: int, high: int) -> int:
    """A number from the query string, clamped; anything that is not a number gives the default."""
    try:
        return min(high, max(low, int(str(value).strip())))
    except (TypeError, ValueError):
        return default
