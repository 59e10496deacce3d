"""The OpenAPI 3.1 description of the JSON API, made from the same facet definitions the API uses."""
from __future__ import annotations

from kb.facets import FACETS
from kb.search import MAX_QUERY_LENGTH, SORTS

TAG = {"type": "object", "required": ["id", "label"], "additionalProperties": False,
       "properties": {"id": {"type": "string"}, "label": {"type": "string"}}}
TAGS = {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}}
NULLABLE_STR = {"type": ["string", "null"]}


def spec(store, server_url: str) -> dict:
    params = [
        {"name": "q", "in": "query", "required": False, "description": "Zoekwoorden (Nederlands). Gebruik "
         "aanhalingstekens voor een woordgroep en een minteken om een woord uit te sluiten.",
         "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH}},
        {"name": "sorteer", "in": "query", "required": False, "description": "Volgorde van de resultaten.",
         "schema": {"type": "string", "enum": list(SORTS)}},
        {"name": "pagina", "in": "query", "required": False, "description": "Paginanummer, vanaf 1.",
         "schema": {"type": "integer", "minimum": 1}},
    ]
    for facet in FACETS:
        params.append({
            "name": facet.param, "in": "query", "required": False, "style": "form", "explode": True,
            "description": f"Filter op {facet.label.lower()}; herhaal de parameter voor meer waarden (OF binnen een "
                           "filter, EN tussen filters).",
            "schema": {"type": "array", "items": {"type": "string", "enum": list(store.vocab(facet.vocab).terms)}},
        })
    summary_props = {
        "id": {"type": "string"}, "title": {"type": "string"}, "summary": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "themes": TAGS, "subthemes": TAGS, "sectors": TAGS, "target_groups": TAGS, "organisations": TAGS,
        "chain_category": {"type": "object", "required": ["id", "label", "origin"],
                           "properties": {"id": {"type": "string", "enum": ["A", "B", "C", "D"]},
                                          "label": {"type": "string"},
                                          "origin": {"type": "string", "enum": list(store.chain_origins.terms)}}},
        "intervention_type": {"$ref": "#/components/schemas/Tag"},
        "form": {"$ref": "#/components/schemas/Tag"},
        "added": NULLABLE_STR,
    }
    full_props = dict(summary_props)
    full_props.update({
        "description": {"type": "string", "description": "Markdown"},
        "links": {"type": "array", "items": {"type": "object", "required": ["url", "label"],
                                               "properties": {"url": {"type": "string"}, "label": {"type": "string"}}}},
        "sources": {"type": "array", "items": {"type": "object", "required": ["document", "section", "citation"],
                                                 "properties": {"document": {"type": "string"}, "section": {"type": "string"},
                                                                "heading": {"type": "string"}, "citation": {"type": "string"}}}},
        "evidence": {"type": "object", "required": ["level", "label"],
                     "properties": {"level": {"type": "string"}, "label": {"type": "string"}, "basis": NULLABLE_STR}},
        "aliases": {"type": "array", "items": {"type": "string"}},
        "keywords": {"type": "array", "items": {"type": "string"}},
        "related": {"type": "array", "items": {"type": "string"}},
        "guides": {"type": "array", "items": {"type": "string"}},
        "timing": NULLABLE_STR, "costs": NULLABLE_STR, "last_reviewed": NULLABLE_STR,
    })
    facet_value = {"type": "object", "required": ["id", "label", "count", "selected"],
                   "properties": {"id": {"type": "string"}, "label": {"type": "string"},
                                  "count": {"type": "integer", "minimum": 0}, "selected": {"type": "boolean"}}}
    error = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}, "message": {"type": "string"}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Kennisbank duurzame inzetbaarheid: API", "version": "1",
                 "description": "Zoeken in de catalogus van interventies voor duurzame inzetbaarheid en leven lang "
                                "ontwikkelen, met dezelfde parameters als de zoekpagina. Alle teksten zijn Nederlands."},
        "servers": [{"url": server_url}],
        "paths": {
            "/api/v1/interventies": {"get": {
                "summary": "Zoek en filter interventies", "operationId": "zoekInterventies", "parameters": params,
                "responses": {"200": {"description": "Resultaten met aantallen per filterwaarde",
                                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Zoekresultaat"}}}}}}},
            "/api/v1/interventies/{id}": {"get": {
                "summary": "Eén interventie", "operationId": "interventie",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "De interventie",
                                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Interventie"}}}},
                              "404": {"description": "Onbekende id",
                                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Fout"}}}}}}},
            "/api/v1/vocabulaires": {"get": {
                "summary": "Alle vaste lijsten met labels en uitleg", "operationId": "vocabulaires",
                "responses": {"200": {"description": "Vocabulaires per naam",
                                      "content": {"application/json": {"schema": {"type": "object",
                                                  "additionalProperties": {"type": "array", "items": {"type": "object",
                                                                           "required": ["id", "label"]}}}}}}}}},
            "/api/v1/facetten": {"get": {
                "summary": "Alleen de aantallen per filterwaarde", "operationId": "facetten", "parameters": params,
                "responses": {"200": {"description": "Aantallen per filter",
                                      "content": {"application/json": {"schema": {"type": "object",
                                                  "required": ["total", "facets"],
                                                  "properties": {"total": {"type": "integer"},
                                                                 "facets": {"$ref": "#/components/schemas/Facetten"}}}}}}}}},
            "/api/v1/suggesties": {"get": {
                "summary": "Suggesties tijdens het typen", "operationId": "suggesties",
                "parameters": [{"name": "q", "in": "query", "required": False, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "Suggesties", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["suggestions"], "properties": {"suggestions": {"type": "array",
                        "items": {"type": "object", "required": ["label", "kind", "url"]}}}}}}}}}},
        },
        "components": {"schemas": {
            "Tag": TAG,
            "Samenvatting": {"type": "object", "required": list(summary_props), "properties": summary_props},
            "Interventie": {"type": "object", "required": list(full_props), "properties": full_props},
            "Facetten": {"type": "object", "additionalProperties": {"type": "array", "items": facet_value}},
            "Zoekresultaat": {"type": "object", "required": ["query", "total", "page", "pages", "results", "facets"],
                              "properties": {
                                  "query": {"type": "object"}, "notices": {"type": "array", "items": {"type": "string"}},
                                  "total": {"type": "integer", "minimum": 0}, "page": {"type": "integer", "minimum": 1},
                                  "pages": {"type": "integer", "minimum": 1}, "per_page": {"type": "integer"},
                                  "relaxed": {"type": "boolean"}, "suggestion": NULLABLE_STR,
                                  "corrected_from": NULLABLE_STR,
                                  "results": {"type": "array", "items": {"$ref": "#/components/schemas/Samenvatting"}},
                                  "facets": {"$ref": "#/components/schemas/Facetten"}}},
            "Fout": error,
        }},
    }
