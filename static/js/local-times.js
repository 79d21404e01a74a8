// For visitors who are not signed in, add each time in the browser's own time zone beside the
// conference's, when the two differ. Signed-in people get it from the server, from their profile.
document.addEventListener("DOMContentLoaded", () => {
  const root = document.documentElement;
  if ("signedIn" in root.dataset) return;
  let viewerZone;
  try {
    viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  const label = root.dataset.yourTime || "your time";
  const format = new Intl.DateTimeFormat(root.lang, { dateStyle: "long", timeStyle: "short", timeZone: viewerZone });
  for (const element of document.querySelectorAll("time[data-local-time]")) {
    if (element.dataset.shownZone === viewerZone) continue;
    const own = document.createElement("span");
    own.className = "own-time";
    own.textContent = `, ${format.format(new Date(element.getAttribute("datetime")))} ${label} (${viewerZone})`;
    const zoneLabel = element.nextElementSibling?.classList.contains("zone") ? element.nextElementSibling : element;
    zoneLabel.after(own);
  }
});
