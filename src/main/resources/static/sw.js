// The service worker of the installed app: shows the Web Push notifications the service
// sends for replies and new leads, and opens the lead when one is tapped.
self.addEventListener('push', function (event) {
	var data = {};
	try {
		data = event.data ? event.data.json() : {};
	}
	catch (e) {
		data = { title: 'Lead Response', body: event.data ? event.data.text() : '' };
	}
	event.waitUntil(self.registration.showNotification(data.title || 'Lead Response', {
		body: data.body || '',
		tag: data.tag,
		icon: '/icons/icon-192.png',
		badge: '/icons/icon-192.png',
		data: { url: data.url || '/' }
	}));
});

self.addEventListener('notificationclick', function (event) {
	event.notification.close();
	var url = (event.notification.data && event.notification.data.url) || '/';
	event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (windows) {
		for (var i = 0; i < windows.length; i++) {
			if ('focus' in windows[i]) {
				windows[i].navigate(url);
				return windows[i].focus();
			}
		}
		return self.clients.openWindow(url);
	}));
});
