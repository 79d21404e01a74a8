// A page that opens on something to read first (a form's error summary, marked data-focus-on-load) puts the
// keyboard and the screen reader there rather than at the top of the page. A page opened at a #fragment
// goes there instead, as the browser does.
document.addEventListener("DOMContentLoaded", () => {
  const target = document.querySelector("[data-focus-on-load]");
  if (target && !window.location.hash) target.focus();
});
