import io

from tests.e2e.audit import PHONE
from tests.e2e.outputs import screenshots_dir
from tests.factories.accounts import PASSWORD, totp_code

DESKTOP = {"width": 1280, "height": 800}
SCREENSHOT_MAX_BYTES = 150_000


def staff_log_in(page, email):
    """Log a factory-made officer in through the portal's login, answering the two-factor step."""
    page.goto("/akun/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form").get_by_role("button").last.click()
    page.locator("#id_code").fill(totp_code())
    page.locator("form[action$='/2fa/authenticate/'] button").first.click()
    # Signed in only once the code's answer has come: a goto() before it cancels the post.
    page.wait_for_url(lambda url: "/2fa/authenticate/" not in url)


def log_in(page, email):
    """Log a factory-made citizen or business owner in (no second factor)."""
    page.goto("/akun/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form").get_by_role("button").last.click()
    page.wait_for_url(lambda url: "/akun/login/" not in url)


def screenshot(page, name):
    """Save <name>-<phone|desktop>.png of what the page shows now (viewport only), see outputs.py."""
    from PIL import Image

    raw = getattr(page, "raw", page)
    width = raw.viewport_size["width"]
    path = screenshots_dir() / f"{name}-{'phone' if width <= PHONE['width'] else 'desktop'}.png"
    raw.evaluate("window.scrollTo(0, 0)")
    png = raw.screenshot()
    if len(png) > SCREENSHOT_MAX_BYTES:
        # A 64-colour palette keeps text sharp and the file commit-sized.
        image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=64)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        png = buffer.getvalue()
    path.write_bytes(png)
