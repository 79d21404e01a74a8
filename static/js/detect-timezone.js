// Preselect the visitor's own time zone in <select data-detect-timezone> while it still shows its default.
document.addEventListener("DOMContentLoaded", () => {
  let zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  for (const select of document.querySelectorAll("select[data-detect-timezone]")) {
    const untouched = select.value === select.dataset.detectTimezone;
    if (untouched && [...select.options].some((option) => option.value === zone)) {
      select.value = zone;
    }
  }
});
