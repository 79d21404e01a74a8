// A table wider than its box scrolls inside its .table-wrap (site.css). A keyboard scrolls it only once the
// box can take the focus (WCAG 2.1.1), and a screen reader should say what the box is: each box whose table
// overflows becomes a focusable group named by the table's caption, or else by the heading before it (a
// group, not a region: a region would be one more landmark, named like the section around it).
// Boxes whose table fits stay out of the tab order; the check runs again when the window changes size.
(() => {
  const HEADINGS = "h1, h2, h3, h4, h5, h6";

  function headingBefore(element) {
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      for (let sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
        const headings = sibling.matches(HEADINGS) ? [sibling] : sibling.querySelectorAll(HEADINGS);
        if (headings.length) return headings[headings.length - 1];
      }
    }
    return null;
  }

  function markScrollingTables() {
    for (const box of document.querySelectorAll(".table-wrap")) {
      if (box.scrollWidth > box.clientWidth) {
        const label = box.querySelector("caption") || headingBefore(box);
        box.tabIndex = 0;
        box.setAttribute("role", "group");
        if (label) box.setAttribute("aria-label", label.textContent.trim());
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }

  document.addEventListener("DOMContentLoaded", markScrollingTables);
  document.addEventListener("htmx:afterSettle", markScrollingTables);
  window.addEventListener("resize", markScrollingTables);
})();
