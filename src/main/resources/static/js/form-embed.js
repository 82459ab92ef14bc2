/*
 * Embeds a Lead Response web form in the business's own site (SPEC 9):
 *   <script src="https://leads.example.com/js/form-embed.js" data-form="quote" async></script>
 * puts the form in an iframe right after the script tag, as tall as the form is. The form
 * itself checks who may frame it (frame-ancestors) and who may post to it (Origin).
 */
(function () {
	var script = document.currentScript;
	if (!script) {
		return;
	}
	var base = new URL(script.src).origin;
	var slug = script.getAttribute('data-form') || 'quote';
	var frame = document.createElement('iframe');
	frame.src = base + '/forms/' + encodeURIComponent(slug);
	frame.title = script.getAttribute('data-title') || 'Request a quote';
	frame.loading = 'lazy';
	frame.style.width = '100%';
	frame.style.maxWidth = '36rem';
	frame.style.height = '860px';
	frame.style.border = '0';
	script.parentNode.insertBefore(frame, script.nextSibling);
	window.addEventListener('message', function (event) {
		if (event.origin !== base || event.source !== frame.contentWindow) {
			return;
		}
		var data = event.data;
		if (data && data.type === 'lead-response-form-height' && typeof data.height === 'number'
				&& data.height > 0 && data.height < 10000) {
			frame.style.height = Math.ceil(data.height) + 'px';
		}
	});
})();
