// The history page's comparison picker: it turns the chosen pair into the
// address of its comparison page. Without JavaScript the form stays hidden
// and every version's own comparison links remain.
(function () {
  var form = document.getElementById("compare-picker");
  if (!form) return;
  var pairs = (form.getAttribute("data-pairs") || "").split(" ");
  var base = form.getAttribute("data-base");
  var message = form.querySelector(".picker-message");
  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var a = form.elements.from.value, b = form.elements.to.value;
    var pair = a < b ? a + ".." + b : b + ".." + a;
    if (a !== b && pairs.indexOf(pair) >= 0) {
      window.location.href = base + pair + "/";
    } else {
      message.hidden = false;
    }
  });
})();
