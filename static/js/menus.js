// The menus are <details> elements (templates/partials/navbar.html) and open and close without
// script. With it, a menu that opens over the page also closes as people expect of one: on
// Escape, and on a click or tap elsewhere.
(() => {
  const openMenus = () => document.querySelectorAll("details[data-menu][open]");

  document.addEventListener("click", (event) => {
    for (const menu of openMenus()) {
      if (!menu.contains(event.target)) menu.open = false;
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const menu of openMenus()) {
      const hadFocus = menu.contains(document.activeElement);
      menu.open = false;
      if (hadFocus) menu.querySelector("summary").focus();
    }
  });
})();
