// The logout page names the reports with drafts still on this device (docs/offline.md).
(async function () {
  "use strict";
  const user = document.querySelector('meta[name="tonghop-user"]')?.content;
  const box = document.getElementById("unsent-drafts");
  if (!user || !box) return;
  const drafts = await window.tonghopOffline.pending(user);
  if (!drafts.length) return;
  const list = document.getElementById("unsent-list");
  for (const { url, title, savedAt } of drafts) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = url;
    link.textContent = title;
    item.append(link, `, lưu trên máy lúc ${window.tonghopOffline.time(savedAt)}`);
    list.append(item);
  }
  box.hidden = false;
  document.getElementById("logout-confirm").textContent = "Vẫn đăng xuất và xóa số liệu chưa gửi";
})();
