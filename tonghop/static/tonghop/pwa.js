// The service worker, and logging out without leaving entries on the device (docs/offline.md).
(function () {
  "use strict";
  const user = document.querySelector('meta[name="tonghop-user"]')?.content;
  const worker = document.querySelector('meta[name="tonghop-service-worker"]')?.content;
  if (worker && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(worker, { scope: "/" });
  }

  // The header's logout button goes to the confirmation page when drafts are unsent; the
  // confirmation page's own form (data-confirmed) logs out whatever is left.
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.matches("form.logout") || form.dataset.cleared || !user) return;
    event.preventDefault();
    const store = window.tonghopOffline;
    if (!form.dataset.confirmed && (await store.pending(user)).length) {
      window.location.href = form.action;
      return;
    }
    await store.clearUser(user);
    form.dataset.cleared = "1";
    form.submit();
  });
})();
