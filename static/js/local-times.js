// For visitors who are not signed in, add each time in the browser's own time zone beside the
// conference's, when the two differ. Signed-in people get it from the server, from their profile.
// The two times on the line are written by one formatter: the conference's, which the server wrote
// in Django's format, is written again in the browser's, from the <time> element's datetime.
document.addEventListener("DOMContentLoaded", () => {
  const root = document.documentElement;
  if ("signedIn" in root.dataset) return;
  let viewerZone;
  try {
    viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  // The translated "{time} your time ({zone})", the same sentence the server uses for signed-in people.
  const sentence = root.dataset.yourTime || "{time} your time ({zone})";
  const separator = root.dataset.listSeparator || ", "; // "، " in Arabic and Persian
  // The Gregorian calendar and Latin digits, as the server writes every other date of the page: Intl
  // would otherwise write Persian in the Solar Hijri calendar with Persian digits.
  const style = { dateStyle: "long", timeStyle: "short", calendar: "gregory", numberingSystem: "latn" };
  const viewerFormat = new Intl.DateTimeFormat(root.lang, { ...style, timeZone: viewerZone });
  for (const element of document.querySelectorAll("time[data-local-time]")) {
    const shownZone = element.dataset.shownZone;
    if (shownZone === viewerZone) continue;
    const moment = new Date(element.getAttribute("datetime"));
    let shown;
    try {
      shown = new Intl.DateTimeFormat(root.lang, { ...style, timeZone: shownZone }).format(moment);
    } catch (error) {
      continue; // a zone this browser does not know: the server's text stays, alone
    }
    element.textContent = shown;
    const own = document.createElement("span");
    own.className = "own-time";
    own.textContent = `${separator}${sentence.replace("{time}", () => viewerFormat.format(moment)).replace("{zone}", () => viewerZone)}`;
    const zoneLabel = element.nextElementSibling?.classList.contains("zone") ? element.nextElementSibling : element;
    zoneLabel.after(own);
  }
});
