// <input type="checkbox" data-select-all="NAME" hidden> ticks or clears every checkbox named NAME in its
// form. It stays hidden without JavaScript, where each row is ticked by hand (or the form's "all
// matching" box is used), and is never sent: it has no name.
document.querySelectorAll("[data-select-all]").forEach((master) => {
  const boxes = () => master.form.querySelectorAll(`input[type=checkbox][name="${master.dataset.selectAll}"]`);
  master.hidden = false;
  master.addEventListener("change", () => {
    boxes().forEach((box) => {
      box.checked = master.checked;
    });
  });
  master.form.addEventListener("change", (event) => {
    if (event.target.name !== master.dataset.selectAll) return;
    const all = [...boxes()];
    master.checked = all.every((box) => box.checked);
    master.indeterminate = !master.checked && all.some((box) => box.checked);
  });
});
