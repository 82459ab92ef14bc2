// The staff pages' behaviour: CSRF on htmx requests, confirmations, countdowns, keeping the
// conversation scrolled to its newest message, the composer (drafts kept in this browser per
// lead, one submit per tap, Ctrl/Cmd+Enter), and telling staff about replies (the count in the
// title and the icon, a sound, browser notifications, Web Push).
(function () {
	'use strict';

	var store = {
		get: function (key) {
			try {
				return window.localStorage.getItem(key);
			}
			catch (e) {
				return null;
			}
		},
		set: function (key, value) {
			try {
				if (value) {
					window.localStorage.setItem(key, value);
				}
				else {
					window.localStorage.removeItem(key);
				}
			}
			catch (e) {
				// Private mode or a full store: the draft lives in the page only.
			}
		}
	};

	function draftKey(leadId) {
		return 'lr-draft:' + leadId;
	}

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
			event.stopImmediatePropagation();
		}
	}, true);

	// A switch with data-confirm asks when it is turned on (an admin bypassing limits); a
	// pick-list with data-autosubmit shows its choice at once (the inbox's status filter).
	document.addEventListener('change', function (event) {
		var box = event.target;
		if (box.type === 'checkbox' && box.checked && box.hasAttribute('data-confirm')) {
			if (!window.confirm(box.getAttribute('data-confirm'))) {
				box.checked = false;
			}
		}
		if (box.hasAttribute && box.hasAttribute('data-autosubmit') && box.form) {
			box.form.submit();
		}
	});

	// "next in 42 s" and "goes by itself in 42 s" count down; the server's next answer
	// replaces them anyway.
	window.setInterval(function () {
		// Counted from the moment each counter appeared (a swap may land mid-second), so
		// it shows the server's figure for a whole second before it ticks.
		document.querySelectorAll('[data-countdown]').forEach(function (el) {
			if (!el.hasAttribute('data-countdown-since')) {
				el.setAttribute('data-countdown-since', String(Date.now()));
			}
			var elapsed = Math.floor((Date.now() - parseInt(el.getAttribute('data-countdown-since'), 10)) / 1000);
			var left = parseInt(el.getAttribute('data-countdown'), 10) - elapsed;
			if (elapsed === 0) {
				return;
			}
			if (left > 0) {
				el.textContent = 'next in ' + left + ' s';
			}
			else {
				el.removeAttribute('data-countdown');
				el.textContent = 'can text now';
			}
		});
		document.querySelectorAll('[data-until]').forEach(function (el) {
			var seconds = Math.round((parseInt(el.getAttribute('data-until'), 10) - Date.now()) / 1000);
			if (seconds > 0 && seconds < 120) {
				el.textContent = 'in ' + seconds + ' s';
			}
			else if (seconds <= 0) {
				el.textContent = 'any moment now';
			}
		});
	}, 1000);

	function showNewest() {
		var thread = document.querySelector('.thread');
		if (thread) {
			thread.scrollTop = thread.scrollHeight;
		}
	}

	// The composer: the draft is kept in this browser for its lead, through reloads and
	// leaving the page, until it is sent.
	function initComposer(root) {
		root.querySelectorAll('textarea[data-draft]').forEach(function (area) {
			var key = draftKey(area.getAttribute('data-draft'));
			if (area.value) {
				// The server gave the text back (not sent): it is the draft.
				store.set(key, area.value);
			}
			else if (store.get(key) && !area.disabled) {
				area.value = store.get(key);
				area.dispatchEvent(new Event('input', { bubbles: true }));
			}
		});
	}

	document.addEventListener('input', function (event) {
		var area = event.target;
		if (area.hasAttribute && area.hasAttribute('data-draft')) {
			store.set(draftKey(area.getAttribute('data-draft')), area.value);
		}
	});

	// One submit per tap: a form already on its way is not sent again (htmx's hx-sync drops a
	// second request; this covers a form sent without htmx). The server drops a repeated
	// sendKey too.
	document.addEventListener('submit', function (event) {
		var form = event.target;
		if (form.id !== 'composer') {
			return;
		}
		if (form.getAttribute('data-sending') === 'true') {
			event.preventDefault();
			event.stopImmediatePropagation();
			return;
		}
		form.setAttribute('data-sending', 'true');
		var area = form.querySelector('textarea[data-draft]');
		if (area) {
			// Sent: the server gives the words back if they did not go.
			store.set(draftKey(area.getAttribute('data-draft')), null);
		}
	});

	document.addEventListener('htmx:afterRequest', function (event) {
		var form = event.detail.elt;
		if (form && form.id === 'composer') {
			form.removeAttribute('data-sending');
		}
	});

	// The sequence editor's merge-field buttons insert a field where the cursor is.
	document.addEventListener('click', function (event) {
		var button = event.target.closest ? event.target.closest('[data-insert]') : null;
		if (!button) {
			return;
		}
		var area = document.getElementById(button.getAttribute('data-target'));
		if (!area) {
			return;
		}
		var field = button.getAttribute('data-insert');
		var start = area.selectionStart || area.value.length;
		var end = area.selectionEnd || start;
		area.value = area.value.slice(0, start) + field + area.value.slice(end);
		area.focus();
		area.setSelectionRange(start + field.length, start + field.length);
		area.dispatchEvent(new Event('input', { bubbles: true }));
	});

	// Ctrl+Enter (Cmd+Enter on a Mac) sends the text being written.
	document.addEventListener('keydown', function (event) {
		var area = event.target;
		if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && area.tagName === 'TEXTAREA' && area.form) {
			event.preventDefault();
			if (area.form.requestSubmit) {
				area.form.requestSubmit();
			}
			else {
				area.form.submit();
			}
		}
	});

	// The inbox shows each lead's draft kept in this browser.
	function showDrafts(root) {
		root.querySelectorAll('.lead-row[data-lead-id]').forEach(function (row) {
			var draft = store.get(draftKey(row.getAttribute('data-lead-id')));
			var slot = row.querySelector('.draft');
			if (slot) {
				slot.hidden = !draft;
				slot.textContent = draft ? 'Draft: ' + draft : '';
			}
		});
	}

	// Nobody misses a reply: the count of texts this staff member has not read shows in the
	// title and the icon; a new one plays a sound and shows a notification where they asked.
	var baseTitle = document.title.replace(/^\(\d+\) /, '');
	var lastSeenAt = null;

	function badgeIcon(count) {
		var icon = document.getElementById('favicon');
		if (!icon) {
			return;
		}
		if (!icon.getAttribute('data-plain')) {
			icon.setAttribute('data-plain', icon.href);
		}
		if (count <= 0) {
			icon.href = icon.getAttribute('data-plain');
			return;
		}
		var canvas = document.createElement('canvas');
		canvas.width = 64;
		canvas.height = 64;
		var ctx = canvas.getContext('2d');
		ctx.fillStyle = '#1d4ed8';
		ctx.fillRect(0, 0, 64, 64);
		ctx.fillStyle = '#fff';
		ctx.font = 'bold 28px sans-serif';
		ctx.textAlign = 'center';
		ctx.fillText('LR', 32, 42);
		ctx.fillStyle = '#dc2626';
		ctx.beginPath();
		ctx.arc(46, 18, 18, 0, 2 * Math.PI);
		ctx.fill();
		ctx.fillStyle = '#fff';
		ctx.font = 'bold 22px sans-serif';
		ctx.fillText(count > 9 ? '9+' : String(count), 46, 26);
		icon.type = 'image/png';
		icon.href = canvas.toDataURL('image/png');
	}

	function beep() {
		if (store.get('lr-sound') !== 'on' || !window.AudioContext) {
			return false;
		}
		try {
			var audio = new window.AudioContext();
			var tone = audio.createOscillator();
			var gain = audio.createGain();
			tone.frequency.value = 880;
			gain.gain.setValueAtTime(0.15, audio.currentTime);
			gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
			tone.connect(gain);
			gain.connect(audio.destination);
			tone.start();
			tone.stop(audio.currentTime + 0.4);
			return true;
		}
		catch (e) {
			// No sound where the browser refuses audio.
			return false;
		}
	}

	function notify(name, body, leadId) {
		if (!('Notification' in window) || window.Notification.permission !== 'granted'
			|| store.get('lr-notify') === 'off') {
			return false;
		}
		var notification = new window.Notification(name + ' replied', {
			body: body || '', tag: 'lead-' + leadId, icon: '/icons/icon-192.png'
		});
		notification.onclick = function () {
			window.focus();
			window.location.href = '/leads/' + leadId;
		};
		return true;
	}

	function showAlerts(el) {
		var count = parseInt(el.getAttribute('data-unread') || '0', 10);
		document.title = (count > 0 ? '(' + count + ') ' : '') + baseTitle;
		var nav = document.getElementById('nav-unread');
		if (nav) {
			nav.hidden = count <= 0;
			nav.textContent = count > 0 ? String(count) : '';
		}
		badgeIcon(count);
		var at = el.getAttribute('data-latest-at');
		if (at) {
			var seen = store.get('lr-alerted-at');
			var unseen = !seen || parseInt(seen, 10) < parseInt(at, 10);
			// Each text is told once in this browser, by the first tab that can tell it (a
			// sound or a notification); the page being read already shows it, and texts that
			// came before this page opened are not told again.
			if (lastSeenAt !== null && lastSeenAt !== at && unseen) {
				var leadId = el.getAttribute('data-latest-id');
				var onThisLead = document.querySelector('main[data-lead-id="' + leadId + '"]');
				if ((!onThisLead || document.hidden)
					&& (beep() | notify(el.getAttribute('data-latest-name'), el.getAttribute('data-latest-body'), leadId))) {
					store.set('lr-alerted-at', at);
				}
			}
			lastSeenAt = at;
		}
		else {
			lastSeenAt = '0';
		}
	}

	// This device's notifications: the browser's permission, Web Push through the service
	// worker (so a closed app still hears of replies and new leads), and the sound.
	function base64ToBytes(value) {
		var padded = (value + '='.repeat((4 - value.length % 4) % 4)).replace(/-/g, '+').replace(/_/g, '/');
		var raw = window.atob(padded);
		var bytes = new Uint8Array(raw.length);
		for (var i = 0; i < raw.length; i++) {
			bytes[i] = raw.charCodeAt(i);
		}
		return bytes;
	}

	function csrfHeaders() {
		var headers = { 'Content-Type': 'application/json' };
		var token = document.querySelector('meta[name="csrf-token"]');
		var header = document.querySelector('meta[name="csrf-header"]');
		if (token && header) {
			headers[header.content] = token.content;
		}
		return headers;
	}

	function subscribePush(status) {
		if (!('serviceWorker' in navigator) || !('PushManager' in window)) {
			status.textContent = 'Notifications are on for open tabs. This browser cannot get Web Push.';
			return Promise.resolve();
		}
		return navigator.serviceWorker.register('/sw.js').then(function () {
			return navigator.serviceWorker.ready;
		}).then(function (registration) {
			return fetch('/api/push/key').then(function (r) {
				return r.text();
			}).then(function (key) {
				return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64ToBytes(key) });
			});
		}).then(function (subscription) {
			return fetch('/api/push/subscriptions', {
				method: 'POST', headers: csrfHeaders(), body: JSON.stringify(subscription.toJSON()), credentials: 'same-origin'
			});
		}).then(function () {
			status.textContent = 'Notifications are on for this device, even with the app closed.';
		}).catch(function (e) {
			status.textContent = 'Notifications are on for open tabs. Web Push failed: ' + e.message;
		});
	}

	function initNotificationControls(root) {
		var turnOn = root.querySelector('[data-notifications-on]');
		var status = root.querySelector('[data-notifications-status]');
		if (turnOn && status) {
			if (!('Notification' in window)) {
				status.textContent = 'This browser has no notifications.';
				turnOn.disabled = true;
			}
			else if (window.Notification.permission === 'granted' && store.get('lr-notify') !== 'off') {
				status.textContent = 'Notifications are on for this device.';
			}
			turnOn.addEventListener('click', function () {
				window.Notification.requestPermission().then(function (permission) {
					if (permission !== 'granted') {
						status.textContent = 'The browser blocked notifications: allow them in its site settings.';
						return;
					}
					store.set('lr-notify', 'on');
					subscribePush(status);
				});
			});
		}
		var sound = root.querySelector('[data-sound]');
		if (sound) {
			sound.checked = store.get('lr-sound') === 'on';
			sound.addEventListener('change', function () {
				store.set('lr-sound', sound.checked ? 'on' : 'off');
				if (sound.checked) {
					beep();
				}
			});
		}
		root.querySelectorAll('[data-copy]').forEach(function (button) {
			button.addEventListener('click', function () {
				var source = document.getElementById(button.getAttribute('data-copy'));
				var text = source ? (source.value || source.textContent) : '';
				var done = function () {
					button.textContent = 'Copied';
				};
				if (navigator.clipboard && navigator.clipboard.writeText) {
					navigator.clipboard.writeText(text).then(done, function () {
						if (source && source.select) {
							source.select();
						}
					});
				}
				else if (source && source.select) {
					source.select();
					document.execCommand('copy');
					done();
				}
			});
		});
	}

	function init(root) {
		initComposer(root);
		showDrafts(document);
		initNotificationControls(root);
	}

	document.addEventListener('DOMContentLoaded', function () {
		init(document);
		showNewest();
	});
	window.addEventListener('resize', showNewest);
	document.addEventListener('htmx:afterSettle', function (event) {
		var target = event.target;
		if (!target) {
			return;
		}
		if (target.id === 'live' || target.tagName === 'MAIN') {
			showNewest();
		}
		if (target.tagName === 'MAIN') {
			init(target);
		}
		if (target.id === 'lead-list') {
			showDrafts(target);
		}
		if (target.id === 'inbox-alerts') {
			showAlerts(target);
		}
	});
})();
