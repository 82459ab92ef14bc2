// The staff pages' behaviour: CSRF on htmx requests, confirmations, countdowns, keeping the
// conversation scrolled to its newest message, the composer (drafts kept in this browser per
// lead, one submit per tap, Ctrl/Cmd+Enter, photos), and telling staff about replies (the count in the
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

	// The composer's photos (SPEC 10): up to 5 images, 5 MB in all, picked from the phone's
	// camera or library, shown with a Remove button each, and sent with the text as
	// multipart. The checks here spare a wasted upload; the server's checks decide. The
	// chosen files are kept for the lead while the page is swapped, so a text that was not
	// sent keeps its photos as it keeps its words.
	var keptPhotos = {};

	function photoBytes(n) {
		return n < 1048576 ? Math.max(1, Math.round(n / 1024)) + ' KB' : (n / 1048576).toFixed(1) + ' MB';
	}

	function photoState(input) {
		if (!input.__photos) {
			input.__photos = [];
		}
		return input.__photos;
	}

	function showPhotos(input) {
		var photos = photoState(input);
		// The input sends what the list holds: DataTransfer is how a page sets a file input.
		var transfer = new DataTransfer();
		photos.forEach(function (file) {
			transfer.items.add(file);
		});
		input.files = transfer.files;
		var list = document.getElementById(input.getAttribute('data-photo-picker'));
		list.textContent = '';
		photos.forEach(function (file, index) {
			var item = document.createElement('li');
			item.className = 'photo-preview';
			var img = document.createElement('img');
			img.alt = file.name;
			var reader = new FileReader();
			reader.onload = function () {
				img.src = reader.result;
			};
			reader.readAsDataURL(file);
			var name = document.createElement('span');
			name.className = 'photo-name';
			name.textContent = file.name + ' · ' + photoBytes(file.size);
			var remove = document.createElement('button');
			remove.type = 'button';
			remove.className = 'btn small photo-remove';
			remove.textContent = 'Remove';
			remove.setAttribute('aria-label', 'Remove ' + file.name);
			remove.addEventListener('click', function () {
				photos.splice(index, 1);
				photoError(input, null);
				showPhotos(input);
			});
			item.appendChild(img);
			item.appendChild(name);
			item.appendChild(remove);
			list.appendChild(item);
		});
		var area = input.form.querySelector('textarea[name=body]');
		if (area) {
			// Photos alone are a text too.
			area.required = photos.length === 0;
			area.setAttribute('data-photos', String(photos.length));
			area.dispatchEvent(new Event('input', { bubbles: true }));
		}
		var leadId = area ? area.getAttribute('data-draft') : null;
		if (leadId) {
			keptPhotos[leadId] = photos.slice();
		}
	}

	function photoError(input, message) {
		var out = document.getElementById(input.getAttribute('data-photo-error'));
		if (out) {
			out.hidden = !message;
			out.textContent = message || '';
		}
	}

	document.addEventListener('change', function (event) {
		var input = event.target;
		if (!input.hasAttribute || !input.hasAttribute('data-photo-picker')) {
			return;
		}
		var photos = photoState(input);
		var maxCount = parseInt(input.getAttribute('data-max-count'), 10);
		var maxBytes = parseInt(input.getAttribute('data-max-bytes'), 10);
		var problems = [];
		Array.prototype.forEach.call(input.files, function (file) {
			var total = photos.reduce(function (sum, f) {
				return sum + f.size;
			}, 0);
			if (!/^image\/(jpeg|png|gif|webp)$/.test(file.type)) {
				problems.push('“' + file.name + '” is not a photo that can be texted (JPEG, PNG, GIF or WebP).');
			}
			else if (photos.length >= maxCount) {
				problems.push('At most ' + maxCount + ' photos a text: “' + file.name + '” was not added.');
			}
			else if (total + file.size > maxBytes) {
				problems.push('At most 5 MB of photos a text: “' + file.name + '” (' + photoBytes(file.size)
					+ ') would make ' + photoBytes(total + file.size) + '.');
			}
			else {
				photos.push(file);
			}
		});
		photoError(input, problems.join(' '));
		showPhotos(input);
	});

	// After the page is swapped: a text that was not sent gets its photos back; a sent one
	// leaves an empty picker.
	function restorePhotos(root) {
		var form = root.querySelector ? root.querySelector('#composer') : null;
		var input = form ? form.querySelector('input[data-photo-picker]') : null;
		var area = form ? form.querySelector('textarea[data-draft]') : null;
		if (!input || !area) {
			return;
		}
		var leadId = area.getAttribute('data-draft');
		var kept = keptPhotos[leadId];
		delete keptPhotos[leadId];
		if (kept && kept.length && form.getAttribute('data-keep-photos') === 'true') {
			input.__photos = kept;
			showPhotos(input);
		}
	}

	// An answer htmx does not swap (413 from the body guard, another refusal) is told
	// plainly next to the composer; the words stay as the draft.
	document.addEventListener('htmx:responseError', function (event) {
		var form = event.detail.elt;
		if (!form || form.id !== 'composer') {
			return;
		}
		var xhr = event.detail.xhr;
		var message;
		if (xhr.status === 413) {
			message = 'Not sent: the photos are too large to send. A text can carry at most 5 MB of photos.';
		}
		else {
			var detail = null;
			try {
				detail = JSON.parse(xhr.responseText).detail;
			}
			catch (e) {
				detail = null;
			}
			message = 'Not sent (' + xhr.status + ')' + (detail ? ': ' + detail : '. Try again.');
		}
		var flash = form.querySelector('.composer-flash');
		if (flash) {
			flash.textContent = '';
			var p = document.createElement('p');
			p.className = 'flash bad';
			p.setAttribute('role', 'alert');
			p.textContent = message;
			flash.appendChild(p);
		}
		var area = form.querySelector('textarea[data-draft]');
		if (area) {
			store.set(draftKey(area.getAttribute('data-draft')), area.value);
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
		// The server counts up to 100: from there it is "99+".
		var shown = count >= 100 ? '99+' : String(count);
		document.title = (count > 0 ? '(' + shown + ') ' : '') + baseTitle;
		var nav = document.getElementById('nav-unread');
		if (nav) {
			nav.hidden = count <= 0;
			nav.textContent = count > 0 ? shown : '';
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
			restorePhotos(target);
		}
		if (target.id === 'lead-list') {
			showDrafts(target);
		}
		if (target.id === 'inbox-alerts') {
			showAlerts(target);
		}
	});
})();
