from tests.factories.accounts import PASSWORD, totp_code


def staff_log_in(page, email):
    """Log a factory-made officer in through the portal's login, answering the two-factor step."""
    page.goto("/akun/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form").get_by_role("button").last.click()
    page.locator("#id_code").fill(totp_code())
    page.locator("form[action$='/2fa/authenticate/'] button").first.click()
