// For visitors who are not signed in, add each time in the browser's own time zone beside the
// conference's, when the two differ. Signed-in people get it from the server, from their profile.
document.addEventListener("DOMContentLoaded", () => {
  let viewerZone;
  try {
    viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  const label = document.documentElement.dataset.yourTime || "your time";
  for (const element of document.querySelectorAll("time[data-local-time]")) {
    const container = element.parentElement;
    if (element.dataset.shownZone === viewerZone || container.querySelector(".own-time")) continue;
    const formatted = new Intl.DateTimeFormat(document.documentElement.lang, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: viewerZone,
    }).format(new Date(element.getAttribute("datetime")));
    const own = document.createElement("span");
    own.className = "own-time";
    own.textContent = `, ${formatted} ${label} (${viewerZone})`;
    container.appendChild(own);
  }
});
