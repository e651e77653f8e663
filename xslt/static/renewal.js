/*
 * renewal.js — プロフィール's live counter (ONC-6): characters as the
 * server counts them (src/feature/renewal/renewal.c renewal_chars()):
 * code points, a line break one.  Without JavaScript the server says
 * the same after saving.
 */
(function () {
	'use strict';
	var hint = document.querySelector('.renewal-counter');
	var ta = document.querySelector('textarea[name="text"]');
	if (!hint || !ta)
		return;
	var max = parseInt(hint.getAttribute('data-max'), 10);
	var out = document.createElement('span');
	out.className = 'renewal-count-live';
	out.setAttribute('aria-live', 'polite');
	ta.parentNode.appendChild(out);
	function count() {
		var n = Array.from(ta.value.replace(/\r\n/g, '\n')).length;
		out.textContent = n + ' / ' + max.toLocaleString('ja-JP');
		out.className = 'renewal-count-live' + (n > max ? ' error-text' : '');
	}
	ta.addEventListener('input', count);
	count();
})();
