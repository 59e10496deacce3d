"""HTTP caching: validators from the build, 304s, compression and fingerprinted static files."""
import gzip
import re


def test_pages_carry_validators_and_answer_304(client):
    first = client.get("/interventies?q=werk")
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert first.headers["Last-Modified"] and "max-age" in first.headers["Cache-Control"]
    again = client.get("/interventies?q=werk", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    other = client.get("/interventies?q=anders", headers={"If-None-Match": etag})
    assert other.status_code == 200
    since = client.get("/interventies?q=werk", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304


def test_api_is_cacheable_too(client):
    r = client.get("/api/v1/interventies")
    assert r.headers["ETag"] and client.get("/api/v1/interventies", headers={"If-None-Match": r.headers["ETag"]}).status_code == 304


def test_compression_when_accepted(client):
    plain = client.get("/interventies")
    zipped = client.get("/interventies", headers={"Accept-Encoding": "gzip, br"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == plain.data
    assert "Accept-Encoding" in zipped.headers["Vary"]


def test_static_files_are_fingerprinted_and_cached_long(client):
    html = client.get("/").get_data(as_text=True)
    css = re.search(r'href="(/static/site\.css\?v=[0-9a-f]+)"', html).group(1)
    r = client.get(css)
    assert r.status_code == 200
    assert "immutable" in r.headers["Cache-Control"] and "max-age=31536000" in r.headers["Cache-Control"]
