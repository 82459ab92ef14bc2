package com.leadresponse.settings;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * The short setup checklist an admin sees from the first sign-in until they put it away
 * (SPEC 6): where texts go (Twilio or the simulator), who gets alerted, the texts leads
 * get, how leads get in, and the staff; each line from the feature it belongs to.
 */
@Service
public class SetupChecklist {

	/** The checklist as shown: its lines, and how many are done. */
	public record Checklist(List<SetupItem> items, long done) {
	}

	private final List<SetupContributor> contributors;

	private final UserRepository users;

	private final Clock clock;

	SetupChecklist(List<SetupContributor> contributors, UserRepository users, Clock clock) {
		this.contributors = contributors;
		this.users = users;
		this.clock = clock;
	}

	/** The checklist for this staff member, or nothing once they put it away. */
	public Optional<Checklist> forStaff(StaffUser staff) {
		if (!staff.isAdmin() || this.users.setupDismissed(staff.id())) {
			return Optional.empty();
		}
		List<SetupItem> items = this.contributors.stream()
			.flatMap((contributor) -> contributor.setupItems().stream())
			.sorted(Comparator.comparingInt(SetupItem::order))
			.toList();
		return Optional.of(new Checklist(items, items.stream().filter(SetupItem::done).count()));
	}

	public void dismiss(StaffUser staff) {
		this.users.dismissSetup(staff.id(), this.clock.instant());
	}

}
