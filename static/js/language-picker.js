// The search box of a choice of languages (common.forms.widgets.LanguageCheckboxes): shown here, hidden
// without JavaScript, it narrows the list as one types to the languages whose name in the page's
// language, own name or code holds every word typed, whatever the case and accents. Boxes that are
// ticked and then filtered out stay ticked and are sent. It also writes the count of the chosen ones,
// which a CSS counter shows without JavaScript, so that a screen reader hears it change.
const fold = (text) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ı/g, "i")
    .replace(/ي/g, "ی")
    .replace(/ك/g, "ک");

document.querySelectorAll("[data-language-picker]").forEach((picker) => {
  const search = picker.querySelector("input[type=search]");
  const none = picker.querySelector("[data-no-match]");
  const list = picker.querySelector("ul");
  const count = picker.querySelector("[data-count]");
  const boxes = picker.querySelectorAll("input[type=checkbox]");
  const recount = () => {
    count.textContent = [...boxes].filter((box) => box.checked).length;
  };
  const items = [...picker.querySelectorAll("li[data-search]")].map((item) => ({
    item,
    text: fold(item.dataset.search),
  }));
  search.parentElement.hidden = false;
  picker.dataset.scripted = "";
  recount();
  search.addEventListener("input", () => {
    const words = fold(search.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const { item, text } of items) {
      const matches = words.every((word) => text.includes(word));
      item.hidden = !matches;
      if (matches) shown += 1;
    }
    none.hidden = shown > 0;
    list.hidden = shown === 0;
  });
  // Enter in the search box would send the whole form half filled in.
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault();
  });
  picker.addEventListener("change", recount);
});
