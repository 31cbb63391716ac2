// A file larger than the portal takes is refused here, before it is sent: on a village connection
// an upload of several megabytes takes minutes, only to be refused by the server (which checks
// every file anyway; without JavaScript the page works as before).
(function () {
  "use strict";
  function check(input) {
    var max = Number(input.dataset.maxBytes);
    var big = Array.prototype.filter.call(input.files || [], function (file) { return file.size > max; });
    var note = document.getElementById(input.id + "_size");
    var message = big.length ? input.dataset.tooBig.replace("{names}", big.map(function (f) { return f.name; }).join(", ")) : "";
    input.setCustomValidity(message);
    input.classList.toggle("is-invalid", !!message);
    if (!note && message) {
      note = document.createElement("div");
      note.id = input.id + "_size";
      note.className = "invalid-feedback d-block";
      note.setAttribute("role", "alert");
      input.insertAdjacentElement("afterend", note);
      input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + note.id).trim());
    }
    if (note) note.textContent = message;
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("input[type=file][data-max-bytes]")) check(event.target);
  });
  document.addEventListener("submit", function (event) {
    var inputs = event.target.querySelectorAll("input[type=file][data-max-bytes]");
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].validity.customError) {
        event.preventDefault();
        inputs[i].focus();
        return;
      }
    }
  });
})();
