/*
 * The web form tells the page that frames it how tall it is (only the height: nothing a
 * person typed), so form-embed.js can size its iframe to fit.
 */
(function () {
	if (window.parent === window) {
		return;
	}
	function report() {
		window.parent.postMessage({ type: 'lead-response-form-height',
			height: Math.ceil(document.body.getBoundingClientRect().height) }, '*');
	}
	window.addEventListener('load', report);
	if (window.ResizeObserver) {
		new ResizeObserver(report).observe(document.body);
	}
})();
