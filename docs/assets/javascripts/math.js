// Render math with the KaTeX copy the site serves itself, and only on pages
// that have math: the library is fetched the first time a page needs it.
(function () {
  var base = document.currentScript.src.replace(/javascripts\/math\.js(\?.*)?$/, "vendor/katex/");
  var ready = null;

  function load() {
    if (ready) return ready;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = base + "katex.min.css";
    document.head.appendChild(css);
    ready = [base + "katex.min.js", base + "contrib/auto-render.min.js"].reduce(function (chain, src) {
      return chain.then(function () {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = src;
          script.onload = resolve;
          script.onerror = reject;
          document.head.appendChild(script);
        });
      });
    }, Promise.resolve());
    return ready;
  }

  function render(body) {
    var math = body.querySelectorAll(".arithmatex");
    if (!math.length) return;
    load().then(function () {
      math.forEach(function (el) {
        renderMathInElement(el, {
          delimiters: [
            { left: "\\(", right: "\\)", display: false },
            { left: "\\[", right: "\\]", display: true }
          ],
          throwOnError: true
        });
      });
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { render(document.body); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { render(document.body); });
  }
})();
