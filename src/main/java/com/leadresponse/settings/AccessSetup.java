package com.leadresponse.settings;

import java.util.List;

import org.springframework.stereotype.Component;

/** The setup checklist's lines on how leads get in (API keys) and who signs in. */
@Component
class AccessSetup implements SetupContributor {

	private final UserRepository users;

	private final ApiKeys keys;

	AccessSetup(UserRepository users, ApiKeys keys) {
		this.users = users;
		this.keys = keys;
	}

	@Override
	public List<SetupItem> setupItems() {
		int staff = this.users.findAll().size();
		boolean keyMade = this.keys.all().stream().anyMatch((k) -> k.revokedAt() == null);
		return List.of(
				new SetupItem(40, "Connect your lead sources",
						"Your website form, Angi or Zapier post leads to the intake URL with an API key.", keyMade,
						"/settings/api-keys", "API keys and intake URL"),
				new SetupItem(50, "Invite your staff",
						(staff > 1) ? staff + " people can sign in." : "Only you can sign in so far.", staff > 1,
						"/settings/users", "Users"));
	}

}
