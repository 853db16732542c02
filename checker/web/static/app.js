// checker serve: link findings to both texts, and filter rows. No inline script anywhere (CSP).
(function () {
  'use strict';
  function show(n, fromList) {
    document.querySelectorAll('.active').forEach(function (e) { e.classList.remove('active'); });
    document.querySelectorAll('.x' + n).forEach(function (e) { e.classList.add('active'); });
    document.querySelectorAll('.pane').forEach(function (p) {
      var m = p.querySelector('.x' + n);
      if (m) { p.scrollTop = m.offsetTop - p.offsetTop - p.clientHeight / 3; }
    });
    var li = document.getElementById('x' + n);
    if (li) {
      li.classList.add('active');
      if (!fromList) { var l = li.parentNode; l.scrollTop = li.offsetTop - l.offsetTop - l.clientHeight / 3; }
    }
  }
  document.addEventListener('click', function (ev) {
    var t = ev.target.closest('[data-x]');
    if (!t) { return; }
    ev.preventDefault();
    show(t.getAttribute('data-x'), t.tagName === 'A');
  });

  // rows carry data-status / data-severity (and data-passed); unchecked values hide them
  function checked(box, cls) {
    var on = {};
    box.querySelectorAll('input.' + cls).forEach(function (i) { on[i.value] = i.checked; });
    return on;
  }
  function apply() {
    document.querySelectorAll('.filters').forEach(function (box) {
      var target = document.getElementById(box.getAttribute('data-target'));
      if (!target) { return; }
      var st = checked(box, 'f-status'), sev = checked(box, 'f-severity');
      var passes = document.getElementById('show-passes');
      target.querySelectorAll('[data-status]').forEach(function (row) {
        var s = row.getAttribute('data-status'), v = row.getAttribute('data-severity');
        var hide = st[s] === false || (row.getAttribute('data-passed') !== '1' && sev[v] === false) ||
          (passes !== null && !passes.checked && row.getAttribute('data-passed') === '1');
        row.classList.toggle('hidden', hide);
      });
    });
  }
  document.addEventListener('change', function (ev) {
    if (ev.target.matches('.filters input, #show-passes')) { apply(); }
  });
  document.addEventListener('DOMContentLoaded', apply);
  if (document.readyState !== 'loading') { apply(); }
})();
