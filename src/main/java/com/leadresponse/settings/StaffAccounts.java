package com.leadresponse.settings;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.audit.AuditLog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Staff accounts: sign-in lookup, management by admins, and the first admin at start-up
 * (from {@code ADMIN_EMAIL}/{@code ADMIN_PASSWORD}, or generated and printed once).
 */
@Service
public class StaffAccounts implements UserDetailsService, ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(StaffAccounts.class);

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final AdminProperties admin;

	private final Clock clock;

	private final AuditLog audit;

	StaffAccounts(UserRepository users, PasswordEncoder passwordEncoder, AdminProperties admin, Clock clock,
			AuditLog audit) {
		this.audit = audit;
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.admin = admin;
		this.clock = clock;
	}

	@Override
	public UserDetails loadUserByUsername(String email) {
		return this.users.findByEmail(email)
			.map((stored) -> new StaffPrincipal(stored.user(), stored.passwordHash()))
			.orElseThrow(() -> new UsernameNotFoundException("No staff account for this e-mail"));
	}

	public List<StaffUser> all() {
		return this.users.findAll();
	}

	/** Creates a staff account; answers false when the e-mail is taken. */
	@Transactional
	public boolean create(String email, String name, String rawPassword, StaffRole role) {
		boolean created = this.users.insert(email.trim(), name.trim(), this.passwordEncoder.encode(rawPassword), role,
				this.clock.instant());
		if (created) {
			this.audit.record("user.created", subject(email.trim()),
					Map.of("name", name.trim(), "role", role.dbValue()));
		}
		return created;
	}

	/** Whether the account may still use the product; read fresh on every request. */
	public boolean isEnabled(UUID id) {
		return this.users.isEnabled(id);
	}

	@Transactional
	public void setEnabled(UUID id, boolean enabled) {
		this.users.setEnabled(id, enabled);
		this.users.findById(id)
			.ifPresent((user) -> this.audit.record(enabled ? "user.enabled" : "user.disabled", subject(user.email()),
					Map.of()));
	}

	/**
	 * An admin sets someone's password (a reset); the password itself is never recorded.
	 */
	@Transactional
	public void changePassword(UUID id, String rawPassword) {
		this.users.setPassword(id, this.passwordEncoder.encode(rawPassword));
		this.users.findById(id)
			.ifPresent((user) -> this.audit.record("user.password_reset", subject(user.email()), Map.of()));
	}

	/** Whether this is the account's password. */
	public boolean passwordMatches(UUID id, String rawPassword) {
		return this.users.passwordHash(id).map((hash) -> this.passwordEncoder.matches(rawPassword, hash)).orElse(false);
	}

	/** A staff member changes their own password, proving they know the current one. */
	@Transactional
	public boolean changeOwnPassword(UUID id, String currentPassword, String newPassword) {
		boolean known = this.users.passwordHash(id)
			.map((hash) -> this.passwordEncoder.matches(currentPassword, hash))
			.orElse(false);
		if (known) {
			this.users.setPassword(id, this.passwordEncoder.encode(newPassword));
			this.users.findById(id)
				.ifPresent((user) -> this.audit.record("user.password_changed", subject(user.email()), Map.of()));
		}
		return known;
	}

	/** The name the pages and the conversation show for this staff member. */
	public void rename(UUID id, String name) {
		this.users.setName(id, name.strip());
	}

	private static String subject(String email) {
		return "user:" + email;
	}

	public Optional<StaffUser> find(UUID id) {
		return this.users.findById(id);
	}

	/**
	 * Who owns a new lead (SPEC 11): the next in turn of the staff who take new leads, or
	 * nobody when none does. In the intake's transaction, which holds the turn until it
	 * commits.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<UUID> nextOwnerOfANewLead() {
		if (!this.users.anyTakesNewLeads()) {
			// Nobody takes new leads: no turn to wait for.
			return Optional.empty();
		}
		return this.users.giveTurn(this.users.takeNextTurn());
	}

	/** Whether the account is given new leads in turn (SPEC 11). */
	public void setTakesNewLeads(UUID id, boolean takes) {
		this.users.setTakesNewLeads(id, takes);
	}

	/** The phone (E.164) the staff member's new-lead alerts go to; null for none. */
	public void setAlertPhone(UUID id, String phone) {
		this.users.setAlertPhone(id, phone);
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.users.any()) {
			return;
		}
		boolean generated = !StringUtils.hasText(this.admin.password());
		String email = StringUtils.hasText(this.admin.email()) ? this.admin.email() : "admin@localhost";
		String password = generated ? generatePassword() : this.admin.password();
		if (create(email, "Admin", password, StaffRole.ADMIN) && generated) {
			// Printed once, on the only start that creates it; set ADMIN_PASSWORD to
			// choose it instead.
			log.warn("Created the first admin {} with the generated password: {}", email, password);
		}
	}

	private static String generatePassword() {
		byte[] bytes = new byte[15];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
