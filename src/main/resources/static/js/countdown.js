// A button that may be pressed only after a wait (data-countdown = seconds) says how long is left,
// and enables itself when the wait is over. Counted against the clock, not the ticks, so that a
// phone that put the tab to sleep shows the right time on waking.
document.querySelectorAll('[data-countdown]').forEach(function (button) {
  var until = Date.now() + 1000 * parseInt(button.getAttribute('data-countdown'), 10);
  var label = button.textContent;
  function tick() {
    var left = Math.ceil((until - Date.now()) / 1000);
    if (left <= 0) {
      button.disabled = false;
      button.textContent = label;
      return;
    }
    button.disabled = true;
    button.textContent = left + ' 秒后可重新获取';
    setTimeout(tick, 250);
  }
  tick();
});
