// İZEK portal: the print link and the live inbox. Pages work without this script.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      window.print();
    });
  });
  // The inbox listens to the portal's stream and reloads its list (htmx) when a new item arrives.
  var inbox = document.querySelector("[data-stream]");
  if (inbox && window.EventSource) {
    var stream = new EventSource(inbox.getAttribute("data-stream"));
    stream.addEventListener("notification", function () {
      document.body.dispatchEvent(new CustomEvent("inbox-changed"));
    });
    window.addEventListener("pagehide", function () { stream.close(); });
  }
})();
