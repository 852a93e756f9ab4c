// Progressive enhancement only: every page works without this file.
// Moves focus to a form's error summary so keyboard and screen-reader users land on it (GOV.UK pattern).
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('[data-autofocus]');
    if (summary && typeof summary.focus === 'function') summary.focus();
  });
})();
