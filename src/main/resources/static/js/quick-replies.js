// Quick replies in the lead page's composer (SPEC 11): "Quick replies" opens the list, and
// typing "/" and a few letters opens it filtered by shortcut. Arrow keys move, Enter or Tab
// picks, Escape closes, a tap picks. The reply goes in already filled for this lead (the
// server fills the merge fields), replacing the "/letters" that found it.
(function () {
	'use strict';

	var token = null;
	var active = -1;

	function menu() {
		return document.getElementById('quick-menu');
	}

	function composerText() {
		return document.getElementById('body');
	}

	function options() {
		var list = menu();
		return list ? Array.prototype.slice.call(list.querySelectorAll('.quick-option')) : [];
	}

	function shown() {
		return options().filter(function (option) {
			return !option.hidden;
		});
	}

	// The "/letters" that end where the cursor is, at the start of the text or after a space.
	function slashToken(area) {
		var before = area.value.slice(0, area.selectionStart);
		var match = /(^|\s)\/([A-Za-z0-9-]*)$/.exec(before);
		if (!match) {
			return null;
		}
		return { start: before.length - match[2].length - 1, end: area.selectionStart, query: match[2].toLowerCase() };
	}

	function setActive(index) {
		var visible = shown();
		active = (visible.length === 0) ? -1 : index;
		visible.forEach(function (option, i) {
			option.classList.toggle('active', i === active);
			option.setAttribute('aria-selected', i === active ? 'true' : 'false');
		});
		if (active >= 0 && visible[active].scrollIntoView) {
			visible[active].scrollIntoView({ block: 'nearest' });
		}
	}

	function open(query, highlightFirst) {
		var list = menu();
		if (!list) {
			return;
		}
		var count = 0;
		options().forEach(function (option) {
			var match = !query || option.getAttribute('data-shortcut').indexOf(query) !== -1;
			option.hidden = !match;
			count += match ? 1 : 0;
		});
		list.querySelector('.quick-none').hidden = count > 0;
		list.hidden = false;
		var toggle = document.getElementById('quick-toggle');
		if (toggle) {
			toggle.setAttribute('aria-expanded', 'true');
		}
		setActive(highlightFirst ? 0 : -1);
	}

	function close() {
		var list = menu();
		token = null;
		active = -1;
		if (list) {
			list.hidden = true;
		}
		var toggle = document.getElementById('quick-toggle');
		if (toggle) {
			toggle.setAttribute('aria-expanded', 'false');
		}
	}

	function pick(option) {
		var area = composerText();
		if (!area) {
			return;
		}
		var text = option.getAttribute('data-text');
		var start = token ? token.start : (area.selectionStart != null ? area.selectionStart : area.value.length);
		var end = token ? token.end : (area.selectionEnd != null ? area.selectionEnd : start);
		area.value = area.value.slice(0, start) + text + area.value.slice(end);
		close();
		area.focus();
		area.setSelectionRange(start + text.length, start + text.length);
		// The draft, the segment counter and the rest hear of the change as of typing.
		area.dispatchEvent(new Event('input', { bubbles: true }));
		close();
	}

	document.addEventListener('input', function (event) {
		var area = composerText();
		if (event.target !== area || options().length === 0) {
			return;
		}
		var found = slashToken(area);
		if (found) {
			token = found;
			open(found.query, true);
		}
		else if (token) {
			close();
		}
	});

	document.addEventListener('keydown', function (event) {
		var list = menu();
		if (!list || list.hidden || event.target !== composerText()) {
			return;
		}
		var visible = shown();
		if (event.key === 'ArrowDown' && visible.length) {
			event.preventDefault();
			setActive((active + 1) % visible.length);
		}
		else if (event.key === 'ArrowUp' && visible.length) {
			event.preventDefault();
			setActive((active <= 0 ? visible.length : active) - 1);
		}
		else if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || event.key === 'Tab') {
			if (active >= 0 && visible[active]) {
				event.preventDefault();
				pick(visible[active]);
			}
		}
		else if (event.key === 'Escape') {
			event.preventDefault();
			close();
		}
	});

	document.addEventListener('click', function (event) {
		var target = event.target.closest ? event.target : null;
		if (!target) {
			return;
		}
		var option = target.closest('.quick-option');
		if (option) {
			event.preventDefault();
			pick(option);
			return;
		}
		if (target.closest('#quick-toggle')) {
			var list = menu();
			if (list && list.hidden) {
				var area = composerText();
				token = area ? slashToken(area) : null;
				open(token ? token.query : '', false);
			}
			else {
				close();
			}
			return;
		}
		if (!target.closest('#quick-menu') && target !== composerText()) {
			close();
		}
	});
})();
