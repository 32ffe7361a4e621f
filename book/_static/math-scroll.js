// A displayed formula wider than its column scrolls sideways: that one formula takes the
// focus, so that a keyboard can scroll it too. Every other formula stays out of the Tab
// order (conf.py: MathJax's inTabOrder is off), its MathML still read by a screen reader.
window.addEventListener("load", async () => {
  if (!(window.MathJax && MathJax.startup && MathJax.startup.promise)) return;
  await MathJax.startup.promise;
  const mark = () => {
    for (const formula of document.querySelectorAll('mjx-container[display="true"]')) {
      if (formula.scrollWidth > formula.clientWidth + 1) formula.setAttribute("tabindex", "0");
      else formula.removeAttribute("tabindex");
    }
  };
  mark();
  window.addEventListener("resize", mark);
});
