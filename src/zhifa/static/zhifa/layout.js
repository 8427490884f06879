/* Behaviour shared by every page: the 打印 buttons and the print time in the print header. */
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  window.addEventListener("beforeprint", function () {
    var now = new Date();
    var text = now.getFullYear() + "年" + (now.getMonth() + 1) + "月" + now.getDate() + "日 " +
      pad(now.getHours()) + ":" + pad(now.getMinutes());
    document.querySelectorAll("[data-print-time]").forEach(function (node) { node.textContent = text; });
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });
})();
