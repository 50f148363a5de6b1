// Small behaviours without inline scripts (the CSP allows only this file and htmx).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  navigator.clipboard.writeText(source.value ?? source.textContent).then(() => {
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = "Copy"; }, 1500);
  });
});
// A failed request (not a 422 form) shows its message instead of failing silently, in the
// flash area where the server puts the error fragments it answers htmx with; the next
// request clears it.
document.addEventListener("htmx:responseError", (event) => {
  const flash = document.getElementById("flash");
  if (!flash) return;
  let message = "Something went wrong.";
  try { message = JSON.parse(event.detail.xhr.responseText).error || message; }
  catch (_) { message = event.detail.xhr.responseText.replace(/<[^>]+>/g, " ").trim() || message; }
  const notice = document.createElement("p");
  notice.className = "notice error";
  notice.setAttribute("role", "alert");
  notice.textContent = message;
  flash.replaceChildren(notice);
});
document.addEventListener("htmx:beforeRequest", () => {
  const flash = document.getElementById("flash");
  if (flash) flash.replaceChildren();
});
// A button with data-clear="ID" empties that element (a confirmation's Cancel).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-clear]");
  if (!button) return;
  const target = document.getElementById(button.dataset.clear);
  if (target) target.replaceChildren();
});
// Keep keyboard users in place: after the agenda changes, focus the next thing to do (or the
// section), after a refused form, the first field that needs attention, and after a form
// answered with what it did (data-focus, with tabindex="-1"), that answer.
document.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail.target;
  if (!target) return;
  const invalid = target.querySelector("[aria-invalid='true']");
  if (invalid) { invalid.focus(); return; }
  const answer = target.querySelector("[data-focus]");
  if (answer) { answer.focus(); return; }
  if (target.id === "agenda") {
    const next = target.querySelector("button.primary") || document.getElementById("main");
    if (next) next.focus();
  }
});
// A form refused by a full-page answer (the forms post without htmx) opens at its first
// field that needs attention, so the message is read out and the fix is one keystroke away.
document.addEventListener("DOMContentLoaded", () => {
  const invalid = document.querySelector("form [aria-invalid='true']");
  if (invalid) { invalid.focus(); return; }
  const answer = document.querySelector("[data-focus]");
  if (answer) answer.focus();
});
