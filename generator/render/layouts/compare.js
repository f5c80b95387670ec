// The history page's comparison picker: it turns the chosen pair into the
// address of its comparison page. Without JavaScript the form stays hidden
// and every version's own comparison links remain.
(function () {
  var form = document.getElementById("compare-picker");
  if (!form) return;
  // "from..to=address" for every comparison page the site has.
  var pages = {};
  (form.getAttribute("data-pairs") || "").split(" ").forEach(function (entry) {
    var i = entry.indexOf("=");
    if (i > 0) pages[entry.slice(0, i)] = entry.slice(i + 1);
  });
  var message = form.querySelector(".picker-message");
  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var a = form.elements.from.value, b = form.elements.to.value;
    var pair = a < b ? a + ".." + b : b + ".." + a;
    if (a !== b && Object.prototype.hasOwnProperty.call(pages, pair)) {
      window.location.href = pages[pair];
    } else {
      message.hidden = false;
    }
  });
})();
