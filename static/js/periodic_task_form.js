// Admin, periodic task form: under the crontab choice, say in words when it runs
// (django-celery-beat ships this as an inline script, which the Content-Security-Policy refuses).
"use strict";
(function () {
  const data = document.getElementById("readable-crontabs");
  const select = document.getElementById("id_crontab");
  const help = document.querySelector(".field-crontab .help");
  if (!data || !select) {
    return;
  }
  const readable = JSON.parse(data.textContent);
  for (const row of document.querySelectorAll(".field-crontab_translation")) {
    row.style.display = "none";  // CSSOM, which the policy allows (a style attribute it would not)
  }
  if (!help) {
    return;
  }
  const original = help.textContent;
  select.addEventListener("change", function () {
    const words = readable[select.value];
    help.textContent = words ? original + " — " + words : original;
  });
})();
