/*
 * upload.js — drag and drop for file fields (CORE-13), progressive
 * enhancement only: without it every file field is a plain
 * <input type="file"> and works the same.  Loaded with defer from
 * xslt/upload/upload.xsl on pages that have a file field; no inline script
 * (CSP script-src 'self').  Words come from the input's data-*
 * attributes, written by the stylesheet in the page's language:
 *   data-drop      the text of the drop zone
 *   data-chosen    "選択中のファイル：" before the chosen file's name
 *   data-max       the tenant's size limit in bytes (optional)
 *   data-too-big   the message shown at once when a file is larger
 * The server checks type and size again; this only saves a round trip.
 */
(function () {
	'use strict';

	function kb(n) {
		return Math.max(1, Math.ceil(n / 1024)).toLocaleString() + ' KB';
	}

	function show(input, zone, chosen, warn) {
		var f = input.files && input.files[0];
		var max = Number(input.getAttribute('data-max') || 0);

		chosen.textContent = f ? (input.getAttribute('data-chosen') || '') +
		    f.name + ' (' + kb(f.size) + ')' : '';
		if (f && max > 0 && f.size > max) {
			warn.textContent = input.getAttribute('data-too-big') || '';
			warn.hidden = false;
			zone.classList.add('is-invalid');
		} else {
			warn.textContent = '';
			warn.hidden = true;
			zone.classList.remove('is-invalid');
		}
	}

	/* Keep only the first file when the input takes one. */
	function firstOnly(input, files) {
		var dt;

		if (input.multiple || files.length <= 1 ||
		    typeof DataTransfer === 'undefined')
			return files;
		dt = new DataTransfer();
		dt.items.add(files[0]);
		return dt.files;
	}

	function hasFiles(e) {
		var t = e.dataTransfer && e.dataTransfer.types;
		var i;

		for (i = 0; t && i < t.length; i++)
			if (t[i] === 'Files')
				return true;
		return false;
	}

	function enhance(input) {
		var zone = document.createElement('div');
		var text = document.createElement('p');
		var chosen = document.createElement('p');
		var warn = document.createElement('p');
		var depth = 0;

		zone.className = 'upload-drop';
		text.className = 'upload-drop-text';
		text.textContent = input.getAttribute('data-drop');
		chosen.className = 'upload-chosen';
		chosen.setAttribute('aria-live', 'polite');
		warn.className = 'upload-warn field-error';
		warn.setAttribute('role', 'alert');
		warn.hidden = true;
		input.parentNode.insertBefore(zone, input);
		zone.appendChild(text);
		zone.appendChild(input);
		zone.appendChild(chosen);
		zone.appendChild(warn);

		zone.addEventListener('dragenter', function (e) {
			if (!hasFiles(e))
				return;
			e.preventDefault();
			depth++;
			zone.classList.add('is-over');
		});
		zone.addEventListener('dragover', function (e) {
			if (!hasFiles(e))
				return;
			e.preventDefault();
			e.dataTransfer.dropEffect = 'copy';
		});
		zone.addEventListener('dragleave', function () {
			if (--depth <= 0) {
				depth = 0;
				zone.classList.remove('is-over');
			}
		});
		zone.addEventListener('drop', function (e) {
			e.preventDefault();
			depth = 0;
			zone.classList.remove('is-over');
			if (!e.dataTransfer || e.dataTransfer.files.length === 0)
				return;
			input.files = firstOnly(input, e.dataTransfer.files);
			input.dispatchEvent(new Event('change', { bubbles: true }));
		});
		input.addEventListener('change', function () {
			show(input, zone, chosen, warn);
		});
		zone.classList.add('is-ready');
		show(input, zone, chosen, warn);
	}

	/*
	 * A file dropped beside the zone would make the browser open it in
	 * place of the page, losing what was typed: refuse such drops.
	 */
	function guard(e) {
		if (hasFiles(e) && !(e.target.closest &&
		    e.target.closest('.upload-drop'))) {
			e.preventDefault();
			if (e.type === 'dragover')
				e.dataTransfer.dropEffect = 'none';
		}
	}

	function init() {
		var list = document.querySelectorAll('input[type="file"][data-drop]');
		var i;

		for (i = 0; i < list.length; i++)
			enhance(list[i]);
		if (list.length > 0) {
			window.addEventListener('dragover', guard);
			window.addEventListener('drop', guard);
		}
	}

	if (document.readyState === 'loading')
		document.addEventListener('DOMContentLoaded', init);
	else
		init();
}());
