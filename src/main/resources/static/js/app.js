// The staff pages' behaviour: CSRF on htmx requests, confirmations, the "next in 42 s"
// countdown, and keeping the conversation scrolled to its newest message.
(function () {
	'use strict';

	// Spring Security wants the CSRF token on every state-changing request, htmx ones too.
	document.addEventListener('htmx:configRequest', function (event) {
		var token = document.querySelector('meta[name="csrf-token"]');
		var header = document.querySelector('meta[name="csrf-header"]');
		if (token && header) {
			event.detail.headers[header.content] = token.content;
		}
	});

	// A form with data-confirm asks before it is sent (revoking a key, closing a lead).
	document.addEventListener('submit', function (event) {
		var message = event.target.getAttribute('data-confirm');
		if (message && !window.confirm(message)) {
			event.preventDefault();
		}
	}, true);

	// A switch with data-confirm asks when it is turned on (an admin bypassing limits).
	document.addEventListener('change', function (event) {
		var box = event.target;
		if (box.type === 'checkbox' && box.checked && box.hasAttribute('data-confirm')) {
			if (!window.confirm(box.getAttribute('data-confirm'))) {
				box.checked = false;
			}
		}
	});

	// "next in 42 s" counts down; the server's next answer replaces it anyway.
	window.setInterval(function () {
		document.querySelectorAll('[data-countdown]').forEach(function (el) {
			var left = parseInt(el.getAttribute('data-countdown'), 10) - 1;
			if (left > 0) {
				el.setAttribute('data-countdown', String(left));
				el.textContent = 'next in ' + left + ' s';
			}
			else {
				el.removeAttribute('data-countdown');
				el.textContent = 'can text now';
			}
		});
	}, 1000);

	function showNewest() {
		var thread = document.querySelector('.thread');
		if (thread) {
			thread.scrollTop = thread.scrollHeight;
		}
	}

	document.addEventListener('DOMContentLoaded', showNewest);
	window.addEventListener('resize', showNewest);
	document.addEventListener('htmx:afterSettle', function (event) {
		if (event.target && event.target.id === 'live') {
			showNewest();
		}
	});
})();
