// The program's switch between the conference's time zone and the viewer's own, remembered in
// this browser. Without JavaScript the page shows the conference's times, as the server wrote them.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector("[data-time-switch]");
  if (!toggle) return;
  let viewerZone;
  try {
    viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  const conferenceZone = toggle.dataset.conferenceZone;
  if (!viewerZone || viewerZone === conferenceZone) return;
  // Latin digits, as the server writes the conference's times and the days' dates (Intl would write
  // Persian digits for Persian).
  const format = new Intl.DateTimeFormat(document.documentElement.lang, {
    timeStyle: "short", timeZone: viewerZone, numberingSystem: "latn",
  });
  const ranges = [...document.querySelectorAll("[data-starts][data-ends]")];
  // The times down the side of the day's grid: the viewer's clock at the same instants (on the half hour
  // there too, or not, as the two zones' offsets differ).
  const moments = [...document.querySelectorAll("[data-at]")];
  const conferenceText = new Map([...ranges, ...moments].map((element) => [element, element.textContent]));
  const apply = (mode) => {
    for (const range of ranges) {
      range.textContent = mode === "viewer"
        ? `${format.format(new Date(range.dataset.starts))}–${format.format(new Date(range.dataset.ends))}`
        : conferenceText.get(range);
    }
    for (const moment of moments) {
      moment.textContent = mode === "viewer" ? format.format(new Date(moment.dataset.at)) : conferenceText.get(moment);
    }
    toggle.setAttribute("aria-pressed", String(mode === "viewer"));
    toggle.textContent = mode === "viewer" ? toggle.dataset.labelConference : toggle.dataset.labelViewer.replace("{zone}", viewerZone);
    document.querySelector("[data-zone-shown]").textContent = mode === "viewer" ? viewerZone : conferenceZone;
  };
  let mode = localStorage.getItem("zimmerwald.program-times") === "viewer" ? "viewer" : "conference";
  toggle.hidden = false;
  apply(mode);
  toggle.addEventListener("click", () => {
    mode = mode === "viewer" ? "conference" : "viewer";
    localStorage.setItem("zimmerwald.program-times", mode);
    apply(mode);
  });
});
