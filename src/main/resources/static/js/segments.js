// The composer's live segment counter: GSM-7 fits 160 characters in one SMS and 153 per
// part of a longer text; one character outside GSM-7 makes the whole text UCS-2, at 70
// and 67, and the counter names that character. Mirrors com.leadresponse.sms.SmsSegments.
// With photos attached the text is an MMS, and the counter says so.
(function () {
	'use strict';

	var GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
		'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
	var GSM_EXTENDED = '^{}\\[~]|€\f';

	function segments(units, single, perPart) {
		if (units === 0) {
			return 0;
		}
		return units <= single ? 1 : Math.ceil(units / perPart);
	}

	function count(text) {
		var septets = 0;
		for (var i = 0; i < text.length; i++) {
			var c = text.charAt(i);
			if (GSM_BASIC.indexOf(c) >= 0) {
				septets += 1;
			}
			else if (GSM_EXTENDED.indexOf(c) >= 0) {
				septets += 2;
			}
			else {
				var codePoint = text.codePointAt(i);
				return {
					encoding: 'UCS-2', units: text.length, segments: segments(text.length, 70, 67),
					forcing: String.fromCodePoint(codePoint),
					codePoint: 'U+' + codePoint.toString(16).toUpperCase().padStart(4, '0')
				};
			}
		}
		return { encoding: 'GSM-7', units: septets, segments: segments(septets, 160, 153), forcing: null };
	}

	function summary(c) {
		var ucs2 = c.forcing !== null;
		var capacity = c.segments <= 1 ? (ucs2 ? 70 : 160) : c.segments * (ucs2 ? 67 : 153);
		return c.units + '/' + capacity + ' · ' + c.segments + ' SMS · ' +
			(ucs2 ? 'UCS-2 because of “' + c.forcing + '” (' + c.codePoint + ')' : 'GSM-7');
	}

	function update(textarea) {
		var out = document.getElementById(textarea.getAttribute('data-segments'));
		if (!out) {
			return;
		}
		var c = count(textarea.value);
		// Twilio takes 1,600 characters; a longer paste is said so, never cut silently.
		var tooLong = textarea.value.length > 1600;
		// With photos the text goes as one MMS, whatever its length or characters.
		var photos = parseInt(textarea.getAttribute('data-photos') || '0', 10);
		var said = photos > 0
			? textarea.value.length + '/1600 · MMS with ' + photos + (photos === 1 ? ' photo' : ' photos')
			: summary(c);
		out.textContent = said + (tooLong ? ' · too long: ' + textarea.value.length + ' of 1600 characters' : '');
		out.classList.toggle('mms', photos > 0);
		out.classList.toggle('too-long', tooLong);
		out.classList.toggle('ucs2', c.forcing !== null);
		out.classList.toggle('multi', c.segments > 1);
	}

	document.addEventListener('input', function (event) {
		if (event.target.hasAttribute && event.target.hasAttribute('data-segments')) {
			update(event.target);
		}
	});
	document.addEventListener('DOMContentLoaded', function () {
		document.querySelectorAll('[data-segments]').forEach(update);
	});
})();
