package com.leadresponse.sms;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Status callbacks that beat the write of their message's SID (Twilio can call back
 * between its 201 and our record of it): kept, and applied by the write that stores the
 * SID, so no status is lost (SPEC 5.10). The SID's advisory lock orders the two.
 */
@Component
class EarlyStatusCallbacks {

	private final DeliveryStatusRepository statuses;

	EarlyStatusCallbacks(DeliveryStatusRepository statuses) {
		this.statuses = statuses;
	}

	/** Keeps a callback for a SID not stored yet; runs under the SID's lock. */
	void park(String sid, MessageStatus status, String errorCode, Instant now) {
		this.statuses.parkStatus(sid, status, errorCode, now);
	}

	/** Applies what was parked for a SID just stored; runs under the SID's lock. */
	void applyParked(String sid, Instant now) {
		for (DeliveryStatusRepository.ParkedStatus parked : this.statuses.takeParked(sid)) {
			this.statuses.applyDeliveryStatus(sid, parked.status(), parked.errorCode(), now);
		}
	}

	/**
	 * Applies what was parked for SIDs just stored together; runs under their locks. One
	 * statement when, as almost always, nothing was parked.
	 */
	void applyParked(List<String> sids, Instant now) {
		this.statuses.takeParked(sids)
			.forEach((sid, parked) -> parked
				.forEach((status) -> this.statuses.applyDeliveryStatus(sid, status.status(), status.errorCode(), now)));
	}

	/**
	 * A parked callback whose SID was never stored in a day belongs to no message of
	 * ours.
	 */
	int removeOlderThan(Instant before) {
		return this.statuses.removeParkedBefore(before);
	}

}
