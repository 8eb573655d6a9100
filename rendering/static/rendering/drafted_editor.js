// Inserts a placeholder at the cursor of the text box last edited, when its name is clicked in
// the list of placeholders, then returns to that box. The names are typed as they are shown.
document.addEventListener("DOMContentLoaded", () => {
  const boxes = document.querySelectorAll("textarea[data-placeholders]");
  if (!boxes.length) return;
  let target = null;
  for (const box of boxes) box.addEventListener("focus", () => { target = box; });
  const status = document.getElementById("placeholder-status");
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-placeholder]");
    if (!button) return;
    if (!target) {
      status.textContent = "Hãy đặt con trỏ vào một đoạn văn trước khi chọn ô thay thế.";
      return;
    }
    const text = button.dataset.placeholder;
    target.setRangeText(text, target.selectionStart, target.selectionEnd, "end");
    target.focus();
    status.textContent = `Đã chèn ${text}.`;
  });
});
