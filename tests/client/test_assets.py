"""Light pages: one stylesheet and one script per page, hashed static URLs cached for a year,
small images inline, gzip for text; old or unknown hashes never fail."""

from __future__ import annotations

import gzip
import re
import shutil
from urllib.parse import unquote

import pytest

from simulator import ROOT, assets
from simulator.assets import BUNDLES, INLINE_MAX, Assets

STATIC = ROOT / "static"
PAGES = [
    "/",
    "/opnieuw",
    "/les/facturen",
    "/sites/www.inburgeren.nl/",
    "/sites/digid.nl/inloggen?dienst=duo",
    "/sites/ind.nl/",
    "/sites/mail.oefenpost.nl/",
    "/bestaat-niet",
]
GZIP = {"Accept-Encoding": "gzip, deflate"}
LINKS = re.compile(r'<link rel="stylesheet" href="([^"]+)"|<script src="([^"]+)"')


def page_assets(client, html: str) -> str:
    """The text of a page's stylesheet and script (exactly one of each), joined."""
    styles = [m[0] for m in LINKS.findall(html) if m[0]]
    scripts = [m[1] for m in LINKS.findall(html) if m[1]]
    assert len(styles) == 1 and len(scripts) == 1, (styles, scripts)
    texts = []
    for url in styles + scripts:
        response = client.get(url)
        assert response.status_code == 200, url
        texts.append(response.get_data(as_text=True))
    return "\n".join(texts)


def _bundle_urls(html: str) -> list[str]:
    return [a or b for a, b in LINKS.findall(html)]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_loads_one_stylesheet_and_one_script(client, url):
    html = client.get(url).get_data(as_text=True)
    urls = _bundle_urls(html)
    assert [u.rsplit(".", 1)[1] for u in urls] == ["css", "js"]
    for bundle in urls:
        assert re.fullmatch(r"/static/bundle/oefenomgeving\.[0-9a-f]{12}\.(css|js)", bundle)
    loaded = page_assets(client, html)
    for name in BUNDLES["bundle/oefenomgeving.css"] + BUNDLES["bundle/oefenomgeving.js"]:
        assert (STATIC / name).read_text(encoding="utf-8").strip() in loaded, name


def test_every_source_file_is_in_exactly_one_bundle():
    bundled = [name for sources in BUNDLES.values() for name in sources]
    on_disk = sorted(
        str(p.relative_to(STATIC)) for folder in ("css", "js") for p in (STATIC / folder).iterdir()
    )
    missing = sorted(set(on_disk) - set(bundled))
    assert not missing, f"add {missing} to BUNDLES in simulator/assets.py"
    assert sorted(bundled) == on_disk and len(set(bundled)) == len(bundled)


def test_a_hashed_url_is_cached_for_a_year(client):
    html = client.get("/").get_data(as_text=True)
    for url, mimetype in zip(_bundle_urls(html), ("text/css", "text/javascript"), strict=True):
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == mimetype
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers.get("ETag")
        again = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304


def test_bundles_are_the_same_on_every_start(app, tmp_path):
    first = Assets(STATIC).get("bundle/oefenomgeving.css")
    second = Assets(STATIC).get("bundle/oefenomgeving.css")
    assert first.digest == second.digest and first.body == second.body
    assert first.gzipped == second.gzipped  # no time stamp in the gzip header


def test_gzip_when_the_browser_accepts_it(client):
    html = client.get("/").get_data(as_text=True)
    css_url = _bundle_urls(html)[0]
    plain = client.get(css_url)
    packed = client.get(css_url, headers=GZIP)
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert (
        "Accept-Encoding" in packed.headers["Vary"] and "Accept-Encoding" in plain.headers["Vary"]
    )
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert len(packed.get_data()) < len(plain.get_data()) / 3
    assert packed.headers["ETag"] != plain.headers["ETag"]


def test_html_is_compressed_on_the_fly(client):
    plain = client.get("/sites/www.inburgeren.nl/")
    packed = client.get("/sites/www.inburgeren.nl/", headers=GZIP)
    assert packed.headers["Content-Encoding"] == "gzip" and packed.mimetype == "text/html"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert int(packed.headers["Content-Length"]) == len(packed.get_data())
    html = gzip.decompress(packed.get_data()).decode()
    assert 'data-page="inburgeren.home"' in html and len(html) > 3 * len(packed.get_data())
    assert "Content-Encoding" not in plain.headers
    refused = client.get("/sites/www.inburgeren.nl/", headers={"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused.headers


def test_a_small_answer_is_not_compressed(client):
    poll = client.get("/les/status?page=shell.start&next=/", headers=GZIP)  # no lesson: tiny
    assert poll.status_code == 200 and len(poll.get_data()) < assets.MIN_GZIP
    assert "Content-Encoding" not in poll.headers and "Accept-Encoding" in poll.headers["Vary"]


def test_an_old_or_unknown_hash_answers_with_the_current_file(client):
    current = client.get("/static/css/base.css")
    for url in (
        "/static/css/base.000000000000.css",
        "/static/bundle/oefenomgeving.abcdefabcdef.css",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-cache"  # never kept for a year
    assert client.get("/static/css/base.000000000000.css").get_data() == current.get_data()
    assert current.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize(
    "url",
    [
        "/static/css/bestaat-niet.css",
        "/static/css/bestaat-niet.0123456789ab.css",
        "/static/../run.py",
        "/static/%2e%2e/run.py",
        "/static/css/",
        "/static/bundle/anders.0123456789ab.css",
        "/static/" + "a" * 300,  # longer than a file name may be (found by the fuzz suite)
        "/static/img/" + "b" * 300 + ".svg",
    ],
)
def test_an_unknown_static_file_is_a_dutch_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "niet gevonden" in response.get_data(as_text=True).lower()


def test_url_for_static_gives_the_hashed_name(app):
    with app.test_request_context():
        from flask import url_for

        url = url_for("static", filename="img/lessons/inburgeren-start.svg")
    assert re.fullmatch(r"/static/img/lessons/inburgeren-start\.[0-9a-f]{12}\.svg", url)


def test_small_images_are_inline_and_big_ones_hashed(app, client):
    small = STATIC / "img" / "digid-logo.svg"
    big = STATIC / "img" / "lessons" / "inburgeren-start.svg"
    assert small.stat().st_size <= INLINE_MAX < big.stat().st_size
    with app.test_request_context():
        inline = assets.static_url("img/digid-logo.svg")
        hashed = assets.static_url("img/lessons/inburgeren-start.svg")
    assert inline.startswith("data:image/svg+xml,")
    assert not set(inline) & set("\"'<>&\n")  # safe in any HTML attribute without escaping
    svg = unquote(inline.split(",", 1)[1])
    assert svg.startswith("<svg") and svg == re.sub(r"\s+", " ", small.read_text()).strip()
    response = client.get(hashed, headers=GZIP)
    assert response.headers["Cache-Control"].endswith("immutable")
    assert gzip.decompress(response.get_data()) == big.read_bytes()


def test_a_changed_source_file_gets_a_new_hash(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "CHECK_EVERY", 0)
    static = tmp_path / "static"
    shutil.copytree(STATIC, static)
    files = Assets(static)
    before = files.get("bundle/oefenomgeving.css").digest
    with (static / "css" / "base.css").open("a") as f:
        f.write("\n.nieuw { color: red; }\n")
    after = files.get("bundle/oefenomgeving.css")
    assert after.digest != before and b".nieuw" in after.body
    asset, current = files.resolve(f"bundle/oefenomgeving.{before}.css")
    assert asset.digest == after.digest and not current


def test_static_files_make_no_learner(client, app):
    html = client.get("/").get_data(as_text=True)
    store = app.extensions["store"]
    with store.engine.connect() as conn:
        learners = conn.exec_driver_sql("SELECT count(*) FROM learners").scalar()
    fresh = app.test_client()
    for url in _bundle_urls(html):
        assert fresh.get(url).status_code == 200
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM learners").scalar() == learners


def test_a_binary_file_is_served_from_disk_under_its_hash(app, client, tmp_path):
    folder = tmp_path / "static"
    (folder / "img").mkdir(parents=True)
    picture = bytes(range(256)) * 40
    (folder / "img" / "foto.png").write_bytes(picture)
    app.extensions["assets"] = files = Assets(folder)
    asset = files.get("img/foto.png")
    assert asset.body is None and asset.mimetype == "image/png"  # not kept in memory
    with app.test_request_context():
        from flask import url_for

        url = url_for("static", filename="img/foto.png")
    response = client.get(url, headers=GZIP)
    assert response.status_code == 200 and response.get_data() == picture
    assert response.headers["Cache-Control"].endswith("immutable")
    assert "Content-Encoding" not in response.headers
    response.close()


def test_template_urls_are_made_once_per_file_version_and_app_root(app, tmp_path, monkeypatch):
    """static_url, bundle_url and url_for without parameters keep what they made: the same
    URL again without building it, a new one when the file changed or the app runs under
    another root (SCRIPT_NAME), and url_for with parameters is built every time."""
    monkeypatch.setattr(assets, "CHECK_EVERY", 0)
    static = tmp_path / "static"
    shutil.copytree(STATIC, static)
    app.extensions["assets"] = Assets(static)
    built = []
    real_url_for = assets.url_for
    monkeypatch.setattr(assets, "url_for", lambda *a, **k: built.append(a) or real_url_for(*a, **k))
    url_for = app.jinja_env.globals["url_for"]
    with app.test_request_context():
        first = assets.bundle_url("css")
        start = url_for("shell.start")
        assert assets.bundle_url("css") == first and url_for("shell.start") == start
        assert url_for("static", filename="bundle/oefenomgeving.css") == first
        assert len(built) == 2  # the bundle and the start page, once each
        lesson = url_for("lessons.lesson", lesson_id="facturen")
        assert url_for("lessons.lesson", lesson_id="facturen") == lesson and len(built) == 4
        with (static / "css" / "base.css").open("a") as f:
            f.write("\n.nieuw { color: red; }\n")
        changed = assets.bundle_url("css")
    assert changed != first and re.fullmatch(
        r"/static/bundle/oefenomgeving\.[0-9a-f]{12}\.css", changed
    )
    with app.test_request_context(base_url="http://localhost/oefen/"):
        assert assets.bundle_url("css") == "/oefen" + changed
        assert url_for("shell.start") == "/oefen" + start
