// Entry-form drafts kept on this device while the line is down (docs/offline.md).
// Each draft is encrypted with AES-GCM under a key made in this browser for the logged-in
// user: non-extractable (no script can read it out), kept in IndexedDB beside the drafts and
// deleted with them, and with the pages kept for offline use, when the user logs out.
(function () {
  "use strict";
  const PAGES_CACHE = "tonghop-pages";
  const database = () =>
    idb.openDB("tonghop-offline", 1, {
      upgrade(db) {
        db.createObjectStore("keys");
        db.createObjectStore("drafts");
      },
    });
  const draftId = (user, report) => `${user}:${report}`;

  async function keyFor(db, user) {
    let key = await db.get("keys", user);
    if (!key) {
      key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, [
        "encrypt",
        "decrypt",
      ]);
      await db.put("keys", key, user);
    }
    return key;
  }

  /** Keep the payload as the user's draft of the report; returns when it was kept (ms).
   * page ({url, title}) names the report on the logout page, without decrypting anything. */
  async function save(user, report, page, payload) {
    const db = await database();
    const key = await keyFor(db, user);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const plain = new TextEncoder().encode(JSON.stringify(payload));
    const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, plain);
    const savedAt = Date.now();
    await db.put("drafts", { user, report, ...page, savedAt, iv, data }, draftId(user, report));
    return savedAt;
  }

  /** The user's draft of the report ({savedAt, ...payload}), or null. */
  async function load(user, report) {
    const db = await database();
    const record = await db.get("drafts", draftId(user, report));
    const key = record && (await db.get("keys", user));
    if (!key) return null;
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: record.iv }, key, record.data);
    return { savedAt: record.savedAt, ...JSON.parse(new TextDecoder().decode(plain)) };
  }

  async function remove(user, report) {
    await (await database()).delete("drafts", draftId(user, report));
  }

  /** The reports the user has unsent drafts of: [{report, url, title, savedAt}]. */
  async function pending(user) {
    const records = await (await database()).getAll("drafts");
    return records
      .filter((record) => record.user === user)
      .map(({ report, url, title, savedAt }) => ({ report, url, title, savedAt }));
  }

  /** Logging out: the user's drafts, their key and the pages kept offline leave the device. */
  async function clearUser(user) {
    const db = await database();
    for (const { report } of await pending(user)) await db.delete("drafts", draftId(user, report));
    await db.delete("keys", user);
    if (window.caches) await caches.delete(PAGES_CACHE);
  }

  const time = (ms) =>
    new Date(ms).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", hour12: false });

  window.tonghopOffline = { save, load, remove, pending, clearUser, time };
})();
