"""
Embeds in a real Chromium: a page on another origin (a second server on 127.0.0.1) frames a
fact's embed page, which loads with its card and stylesheet, while the browser refuses to frame
the fact's own page.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils.html import format_html
from playwright.sync_api import expect

from articles.models import Fact

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seed")]


def host_page(embed_url, page_url):
    """Another site's page framing the embed page and, as a page that must not be framable, the fact's own page."""
    return format_html(
        '<!doctype html><html lang="en"><head><title>Another site</title></head><body>'
        '<iframe id="embed" src="{}" width="480" height="320" title="Embedded fact"></iframe>'
        '<iframe id="page" src="{}" width="480" height="320" title="Framed page"></iframe>'
        "</body></html>",
        embed_url,
        page_url,
    ).encode()


@pytest.fixture
def other_site():
    """Serve one HTML page on another port of 127.0.0.1: yield a function that sets it and returns its address."""
    content = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(content["page"])

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def serve(page):
        content["page"] = page
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    server.shutdown()
    server.server_close()
    thread.join()


def test_another_site_frames_the_embed_but_not_the_fact_page(page, live_server, other_site):
    fact = Fact.objects.published().filter(value__isnull=False).order_by("pk").first()
    embed_url = f"{live_server.url}/es/facts/{fact.pk}/embed/"
    page_url = f"{live_server.url}/es/facts/{fact.pk}/"
    refusals = []
    page.on("console", lambda message: "frame-ancestors" in message.text and refusals.append(message.text))
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request.url))

    page.goto(other_site(host_page(embed_url, page_url)))

    embed = page.frame_locator("#embed")
    wording = fact.wordings.get(article__language="es")
    expect(embed.locator(".embed-statement")).to_have_text(wording.statement)
    expect(embed.get_by_role("link", name="Léelo en Kormex")).to_have_attribute("href", page_url)
    # Its own stylesheet applies: the figure is drawn large.
    assert float(embed.locator(".embed-figure").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 30
    assert any("/static/css/embed." in url for url in loaded), loaded

    # The fact page is refused: the frame shows none of it, and Chromium says why.
    for _ in range(50):
        if refusals:
            break
        page.wait_for_timeout(100)
    assert refusals, "Chromium reported no frame-ancestors refusal"
    assert "'none'" in refusals[0] and f"'{live_server.url}/'" in refusals[0], refusals
    expect(page.frame_locator("#page").locator(".fact-page")).to_have_count(0)
    expect(page.frame_locator("#page").get_by_text(wording.statement)).to_have_count(0)
