// The entry form without a connection (docs/offline.md): every change made offline is kept,
// encrypted, on the device (tonghop/offline-store.js); when the line is back the draft is sent
// as an ordinary save of the form, with the version it was typed on, so the server's version
// check and its field-by-field comparison decide, exactly as for an online save. The checks the
// server makes on a save run here on the rules it rendered into the page (rounds/offline.py).
(function () {
  "use strict";
  const store = window.tonghopOffline;
  const user = document.querySelector('meta[name="tonghop-user"]')?.content;
  const form = () => document.getElementById("report-form");
  if (!store || !user || !form()) return;
  const editPath = window.location.pathname;
  const report = form().dataset.report;
  const page = { url: editPath, title: form().dataset.title };
  let pending = false;
  let syncing = false;
  let queue = Promise.resolve();

  function say(text, kind = "") {
    const line = document.getElementById("offline-status");
    line.textContent = text;
    line.className = `offline-status ${kind}`;
    line.hidden = !text;
  }

  function gateSubmission() {
    const button = document.getElementById("submit");
    const note = document.getElementById("submit-blocked");
    const blocked = pending || !navigator.onLine;
    button.disabled = blocked;
    note.hidden = !blocked;
    note.textContent = pending
      ? "Chưa nộp được: còn thay đổi lưu trên máy chưa gửi lên máy chủ. Khi có mạng, hệ thống tự gửi; sau đó mới nộp."
      : "Chưa nộp được khi không có mạng.";
  }

  const fieldsOf = (element) =>
    [...new FormData(element)].filter(([name]) => !["csrfmiddlewaretoken", "action"].includes(name));

  function restore(element, fields) {
    const values = new Map(fields);
    for (const input of element.elements) {
      if (!input.name || input.name === "csrfmiddlewaretoken" || !values.has(input.name)) continue;
      if (input.type === "radio" || input.type === "checkbox") {
        input.checked = values.get(input.name) === input.value;
      } else {
        input.value = values.get(input.name);
      }
    }
    restored();
  }

  /** Keep the form as it stands now; the saves run one after another, the last one wins. */
  function keep() {
    queue = queue.then(async () => {
      const savedAt = await store.save(user, report, page, { fields: fieldsOf(form()) });
      pending = true;
      gateSubmission();
      const time = store.time(savedAt);
      say(
        navigator.onLine
          ? `Đã lưu trên máy, ${time} — chưa gửi lên máy chủ.`
          : `Đang ngoại tuyến — đã lưu trên máy, ${time}`,
        "kept",
      );
    });
    return queue;
  }

  const isEditPage = (response) =>
    response.ok && new URL(response.url).pathname === editPath;

  function swapIn(html) {
    const fresh = new DOMParser().parseFromString(html, "text/html").querySelector("main");
    const main = document.querySelector("main");
    main.innerHTML = fresh.innerHTML;
    if (window.htmx) window.htmx.process(main);
    restored();
  }

  /** Tell the form's own script (rounds/entry-form.js) that the fields changed under it. */
  const restored = () => document.dispatchEvent(new Event("tonghop:form-restored"));

  /** Send the draft as a save of the form; keep it until the server has taken it. */
  async function sync() {
    if (syncing || !navigator.onLine) return;
    syncing = true;
    try {
      await queue;
      const draft = await store.load(user, report);
      if (!draft) {
        pending = false;
        gateSubmission();
        return;
      }
      say("Đang gửi các thay đổi lưu trên máy lên máy chủ…", "syncing");
      // A page opened offline may carry a token of an earlier session: take today's.
      const current = await fetch(editPath, { credentials: "same-origin", cache: "no-store" });
      if (!isEditPage(current)) return refused(current);
      const html = new DOMParser().parseFromString(await current.text(), "text/html");
      const body = new URLSearchParams(draft.fields);
      body.set("csrfmiddlewaretoken", html.querySelector("[name=csrfmiddlewaretoken]").value);
      body.set("action", "save");
      const response = await fetch(editPath, { method: "POST", body, credentials: "same-origin" });
      if (response.redirected && isEditPage(response)) {
        await store.remove(user, report);
        sessionStorage.setItem("tonghop-synced", String(Date.now()));
        window.location.reload();
        return;
      }
      if (response.status !== 409 && response.status !== 400) return refused(response);
      swapIn(await response.text());
      await keep();
      say(
        response.status === 409
          ? "Trong lúc bạn ngoại tuyến, người khác đã lưu báo cáo này. Xem các ô được đánh dấu, chọn giữ số nào, rồi bấm «Lưu nháp»."
          : "Máy chủ chưa nhận các thay đổi lưu trên máy vì có ô chưa hợp lệ: sửa các ô được báo lỗi rồi bấm «Lưu nháp».",
        "conflict",
      );
    } catch (error) {
      say("Chưa gửi được vì mất kết nối. Thay đổi vẫn lưu trên máy và sẽ được gửi khi có mạng.", "kept");
    } finally {
      syncing = false;
    }
  }

  function refused(response) {
    const login = new URL(response.url).pathname.includes("dang-nhap");
    say(
      login
        ? "Phiên đăng nhập đã hết. Hãy đăng nhập lại rồi mở lại báo cáo này: các thay đổi vẫn lưu trên máy và sẽ được gửi."
        : "Máy chủ không nhận các thay đổi lưu trên máy (báo cáo có thể đã được nộp hoặc tiếp nhận). Các thay đổi vẫn được giữ trên máy.",
      "conflict",
    );
  }

  // Checks --------------------------------------------------------------------------------
  const rules = () => JSON.parse(document.getElementById("offline-rules").textContent);
  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));

  /** A typed figure read as the server reads it: {whole, fraction} of digits, or {error}. */
  function read(text, { patterns, messages }) {
    const compact = text.trim().replace(/[ \u00a0]/g, "");
    if (patterns.twoWays.some((pattern) => new RegExp(pattern).test(compact))) {
      return { error: fill(messages.twoWays, { text: compact }) };
    }
    if (!new RegExp(patterns.figure).test(compact)) {
      return { error: fill(messages.notANumber, { text: text.trim() }) };
    }
    const [whole, fraction = ""] = compact.replace(/\./g, "").split(",");
    return { whole: whole.replace(/^0+(?=\d)/, ""), fraction: fraction.replace(/0+$/, "") };
  }

  function checkValue(figure, field, { largest, places, messages }) {
    if (figure.whole.length >= largest.length || figure.fraction.length > places) return messages.too_large;
    const whole = figure.fraction === "";
    if (field.type === "count" && !whole) return fill(messages.count, { name: field.name });
    if (field.type === "money" && !whole) return messages.money;
    if (field.type === "percent" && scaled(figure, places) > 100n * 10n ** BigInt(places)) {
      return messages.percent;
    }
    return null;
  }

  const scaled = (figure, places) => BigInt(figure.whole + figure.fraction.padEnd(places, "0"));
  const shown = (figure) =>
    figure.whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".") + (figure.fraction ? `,${figure.fraction}` : "");

  function check() {
    const ruleset = rules();
    const element = form();
    const figures = {};
    const problems = [];
    for (const [name, field] of Object.entries(ruleset.fields)) {
      const input = element.elements[name];
      const note = element.querySelector(`.offline-check[data-for="${name}"]`);
      const text = input.value.trim();
      const figure = text ? read(text, ruleset) : null;
      const message = figure && (figure.error || checkValue(figure, field, ruleset));
      if (figure && !message) figures[name] = figure;
      if (message) problems.push(`${field.label}: ${message}`);
      note.textContent = message || "";
      note.hidden = !message;
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
    const value = (name) => scaled(figures[name], ruleset.places);
    for (const { larger, smaller, smallerName } of ruleset.cross) {
      if (larger in figures && smaller in figures && value(larger) < value(smaller)) {
        problems.push(
          fill(ruleset.messages.rule, {
            label: ruleset.fields[larger].label,
            value: shown(figures[larger]),
            smaller: smallerName,
            smaller_value: shown(figures[smaller]),
          }),
        );
      }
    }
    for (const [total, field] of Object.entries(ruleset.fields)) {
      const parts = Object.entries(ruleset.fields).filter(
        ([name, part]) => part.total === total && name in figures,
      );
      if (field.total !== null || !(total in figures) || !parts.length) continue;
      const sum = parts.reduce((acc, [name]) => acc + value(name), 0n);
      if (sum > value(total)) {
        problems.push(
          fill(ruleset.messages.sum, {
            label: field.label,
            parts: shown(fromScaled(sum, ruleset.places)),
            total: shown(figures[total]),
          }),
        );
      }
    }
    const list = document.getElementById("offline-findings");
    list.replaceChildren(
      ...problems.map((text) => Object.assign(document.createElement("li"), { className: "error", textContent: `Lỗi: ${text}` })),
    );
    list.hidden = !problems.length;
  }

  function fromScaled(amount, places) {
    const digits = amount.toString().padStart(places + 1, "0");
    return {
      whole: digits.slice(0, -places),
      fraction: digits.slice(-places).replace(/0+$/, ""),
    };
  }

  // Wiring --------------------------------------------------------------------------------
  function onChange(event) {
    if (!form()?.contains(event.target)) return;
    if (!navigator.onLine || pending) {
      check();
      keep();
    }
  }
  document.addEventListener("input", onChange);
  document.addEventListener("change", onChange);

  document.addEventListener("submit", (event) => {
    if (event.target !== form() || (navigator.onLine && !pending)) return;
    event.preventDefault();
    if (event.submitter?.value === "submit") return;
    check();
    keep().then(sync);
  });

  window.addEventListener("offline", () => {
    gateSubmission();
    say("Đang ngoại tuyến — các thay đổi sẽ được lưu trên máy này.", "kept");
  });
  window.addEventListener("online", () => {
    gateSubmission();
    if (pending) sync();
    else say("");
  });

  (async function start() {
    const synced = sessionStorage.getItem("tonghop-synced");
    sessionStorage.removeItem("tonghop-synced");
    const draft = await store.load(user, report);
    if (draft) {
      restore(form(), draft.fields);
      pending = true;
      check();
      say(`Có thay đổi lưu trên máy lúc ${store.time(draft.savedAt)}, chưa gửi lên máy chủ.`, "kept");
    } else if (synced) {
      say(`Đã gửi các thay đổi lưu trên máy lên máy chủ lúc ${store.time(Number(synced))}.`, "synced");
    } else if (!navigator.onLine) {
      say("Đang ngoại tuyến — các thay đổi sẽ được lưu trên máy này.", "kept");
    }
    gateSubmission();
    if (draft && navigator.onLine) sync();
  })();
})();
