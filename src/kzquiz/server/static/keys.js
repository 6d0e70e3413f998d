// kzquiz: number keys for options, as in the terminal. The pages work without this file; it only adds shortcuts.
// Pressing 1-9 picks that option (and answers, for a single choice) or ticks it (for "tick all"); Enter answers.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var form = document.querySelector("form.answer");
    if (!form) return;
    var target = event.target;
    var typing = target && target.tagName === "INPUT" && (target.type === "text" || target.type === "") ;
    if (typing || (target && target.tagName === "TEXTAREA")) return;
    var options = form.querySelectorAll("input[name=pick]");
    if (!options.length) return;
    if (event.key >= "1" && event.key <= "9") {
      var option = options[Number(event.key) - 1];
      if (!option) return;
      event.preventDefault();
      option.focus();
      if (option.type === "radio") {
        option.checked = true;
        form.requestSubmit();
      } else {
        option.checked = !option.checked;
      }
    } else if (event.key === "Enter" && target && target.type === "checkbox") {
      event.preventDefault();
      form.requestSubmit();
    }
  });
})();
