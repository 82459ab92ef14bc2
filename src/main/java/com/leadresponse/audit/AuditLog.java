package com.leadresponse.audit;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one hook of the audit log (SPEC 11): a feature calls {@link #record} where a staff
 * member (or the product itself) does something the owner may later ask about. The entry
 * joins the caller's transaction, so it is stored exactly when the change is, and it can
 * never be edited or removed afterwards ({@code audit_log}'s trigger refuses it).
 */
@Service
public class AuditLog {

	/** Who acted, when no one signed in did: the product itself (a periodic task). */
	public static final String SYSTEM = "system";

	private final AuditRepository entries;

	private final Clock clock;

	AuditLog(AuditRepository entries, Clock clock) {
		this.entries = entries;
		this.clock = clock;
	}

	/**
	 * Records what the signed-in staff member of this request did (the product itself
	 * outside a request).
	 * @param action what was done, such as {@code lead.status_changed}
	 * @param subject what it was done to, such as {@code lead:<id>}
	 * @param details what the owner needs to read the entry: never a secret
	 */
	@Transactional
	public void record(String action, String subject, Map<String, ?> details) {
		record(currentActor(), action, subject, details);
	}

	/** Records what {@code actor} did. */
	@Transactional
	public void record(String actor, String action, String subject, Map<String, ?> details) {
		this.entries.insert(actor, action, subject, details, this.clock.instant());
	}

	/** One page of the log, newest first. */
	public List<AuditEntry> page(int page, int size) {
		return this.entries.page(page, size);
	}

	/**
	 * The sign-in e-mail of the staff member of this request (an API client as
	 * {@code apikey:<name>}), or {@link #SYSTEM}.
	 */
	public static String currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return SYSTEM;
		}
		return authentication.getName();
	}

}
