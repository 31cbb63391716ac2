import pytest


@pytest.fixture
def no_js_page(browser, live_server):
    """A page in a browser context with JavaScript switched off: the portal must work without it."""
    context = browser.new_context(java_script_enabled=False, locale="id-ID", base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()
