// Tooltips for elements with a title (glossary terms, heading links, copy
// buttons, header buttons), shown on hover or keyboard focus, in the theme's
// own look (its .md-tooltip2 classes).
//
// The theme's content.tooltips feature, switched off in mkdocs.yml, sets up a
// tooltip for every titled element while the page starts, 61 on a question
// page and about a third of the script time of its load. This
// script listens on the document instead and builds a tooltip only when one
// is shown. Without JavaScript the browser shows the title itself.
(function () {
  var ID = "unrolled-tooltip";
  var GRACE = 150;  // ms to move the pointer from the element onto its tooltip
  var shown = null; // { host, node, title, describedBy }
  var timer = 0;

  function place() {
    var box = shown.host.getBoundingClientRect();
    var style = shown.node.style;
    // The tooltip is positioned in the document: the host's offset, then just below it.
    style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + "px");
    style.setProperty("--md-tooltip-host-y", box.top + window.scrollY + "px");
    style.setProperty("--md-tooltip-x", box.width / 2 + "px");
    style.setProperty("--md-tooltip-y", 8 + box.height + "px");
  }

  function hide() {
    clearTimeout(timer);
    if (!shown) return;
    var gone = shown;
    shown = null;
    gone.host.setAttribute("title", gone.title);
    if (gone.describedBy === null) gone.host.removeAttribute("aria-describedby");
    else gone.host.setAttribute("aria-describedby", gone.describedBy);
    gone.node.classList.remove("md-tooltip2--active");
    setTimeout(function () { gone.node.remove(); }, 250);  // after the theme's fade
  }

  function show(host) {
    clearTimeout(timer);
    if (shown && shown.host === host) return;
    hide();
    var title = host.getAttribute("title");
    if (!title || !title.trim()) return;
    var node = document.createElement("div");
    node.className = "md-tooltip2 md-tooltip2--bottom";
    node.id = ID;
    node.setAttribute("role", "tooltip");
    var inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    inner.textContent = title;
    node.appendChild(inner);
    shown = { host: host, node: node, title: title, describedBy: host.getAttribute("aria-describedby") };
    host.removeAttribute("title");  // else the browser shows its own tooltip too
    host.setAttribute("aria-describedby", ID);
    document.body.appendChild(node);
    place();
    node.style.setProperty("--md-tooltip-width", inner.offsetWidth + "px");
    node.style.setProperty("--md-tooltip-tail", "0px");
    requestAnimationFrame(function () {
      if (shown && shown.node === node) node.classList.add("md-tooltip2--active");
    });
  }

  function within(target, element) {
    return element && target instanceof Node && element.contains(target);
  }

  function titled(target) {
    return target instanceof Element ? target.closest("[title]") : null;
  }

  document.addEventListener("mouseover", function (event) {
    if (shown && (within(event.target, shown.host) || within(event.target, shown.node))) {
      clearTimeout(timer);  // still on the element, or reading its tooltip
      return;
    }
    var host = titled(event.target);
    if (host) show(host);
    else if (shown) { clearTimeout(timer); timer = setTimeout(hide, GRACE); }
  });
  document.addEventListener("mouseout", function (event) {
    if (shown && !event.relatedTarget) { clearTimeout(timer); timer = setTimeout(hide, GRACE); }  // left the window
  });
  function byKeyboard(element) {
    try { return element.matches(":focus-visible"); } catch (error) { return false; }  // browsers before 2022
  }

  document.addEventListener("focusin", function (event) {
    var host = titled(event.target);
    if (host && byKeyboard(host)) show(host);  // keyboard focus, not a click
  });
  document.addEventListener("focusout", function (event) {
    if (shown && within(event.target, shown.host)) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
  document.addEventListener("click", function () {
    // A click acts on the element (copies, switches the scheme): its tooltip goes.
    // A tap on a glossary term is how a phone hovers, so that one stays.
    if (shown && shown.host.tagName !== "ABBR") hide();
  });
  ["scroll", "resize"].forEach(function (type) {
    window.addEventListener(type, function () { if (shown) place(); }, { capture: true, passive: true });
  });
})();
