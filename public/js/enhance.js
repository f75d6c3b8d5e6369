/*
 * Teixit — progressive enhancement. Everything on the site works without this file; it only
 * smooths a few edges. Loaded with `defer`, so the document is parsed when it runs.
 */
(function () {
  'use strict';

  // A form sent back with errors: take the person to the summary, which lists and links them.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();

  // A link in the error summary focuses its field and brings its label or legend into view,
  // not just the input (which can hide the question above it).
  document.addEventListener('click', function (event) {
    var target = event.target;
    var link = target && target.closest ? target.closest('[data-error-summary] a[href^="#"]') : null;
    if (!link) return;
    var field = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
    if (!field) return;
    event.preventDefault();
    var legend = field.closest('fieldset') && field.closest('fieldset').querySelector('legend');
    var label = legend || document.querySelector('label[for="' + window.CSS.escape(field.id) + '"]') || field;
    label.scrollIntoView();
    field.focus({ preventScroll: true });
  });

  // Forms with `data-confirm` ask before sending (approving minutes, closing a process…);
  // and a POST form is sent once, however many times its button is pressed.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || form.tagName !== 'FORM') return;
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    // Only POST forms that replace this page: a GET filter or a download may be sent again.
    if (form.method !== 'post' || form.target) return;
    if (form.hasAttribute('data-sending')) {
      event.preventDefault();
      return;
    }
    form.setAttribute('data-sending', '');
    // Let it be sent again if the person comes back to this page or the request stalls.
    window.setTimeout(function () {
      form.removeAttribute('data-sending');
    }, 5000);
  });
  window.addEventListener('pageshow', function () {
    document.querySelectorAll('form[data-sending]').forEach(function (form) {
      form.removeAttribute('data-sending');
    });
  });

  // The "scroll sideways" hint above a table only where the table is wider than the screen.
  var wrappers = document.querySelectorAll('.table-wrapper');
  function markTables() {
    wrappers.forEach(function (wrapper) {
      var scroller = wrapper.querySelector('.table-scroll');
      if (!scroller) return;
      if (scroller.scrollWidth <= scroller.clientWidth + 1) wrapper.setAttribute('data-fits', '');
      else wrapper.removeAttribute('data-fits');
    });
  }
  if (wrappers.length > 0) {
    markTables();
    var pending = 0;
    window.addEventListener('resize', function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(markTables, 150);
    });
  }

  // Folded details are printed open, then folded back.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details:not([open])').forEach(function (details) {
      details.setAttribute('open', '');
      opened.push(details);
    });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (details) {
      details.removeAttribute('open');
    });
    opened = [];
  });
})();
