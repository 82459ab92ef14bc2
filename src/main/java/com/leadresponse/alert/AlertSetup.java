package com.leadresponse.alert;

import java.util.List;

import com.leadresponse.settings.SetupContributor;
import com.leadresponse.settings.SetupItem;

import org.springframework.stereotype.Component;

/** The setup checklist's line on who is alerted of new leads and replies by SMS. */
@Component
class AlertSetup implements SetupContributor {

	private final AlertSettings settings;

	AlertSetup(AlertSettings settings) {
		this.settings = settings;
	}

	@Override
	public List<SetupItem> setupItems() {
		int phones = this.settings.recipients().phones().size();
		return List.of(new SetupItem(20, "Choose who gets alerted",
				(phones > 0)
						? phones + " phone" + ((phones == 1) ? "" : "s") + " get a text for every new lead and reply."
						: "Nobody gets a text when a lead arrives or replies. Add the phones of whoever answers leads.",
				phones > 0, "/settings#alertPhones", "Staff alerts"));
	}

}
