package com.leadresponse.forms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code web_forms} table. */
@Repository
class WebFormRepository {

	private static final String COLUMNS = "id, slug, name, title, intro, email_field, address_field, job_field, "
			+ "job_label, thank_you";

	private final JdbcClient jdbc;

	WebFormRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<WebForm> all() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM web_forms ORDER BY created_at, slug").query(this::map).list();
	}

	Optional<WebForm> findBySlug(String slug) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM web_forms WHERE slug = :slug")
			.param("slug", slug)
			.query(this::map)
			.optional();
	}

	Optional<WebForm> findById(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM web_forms WHERE id = :id")
			.param("id", id)
			.query(this::map)
			.optional();
	}

	/** Stores a new form; false when its slug is taken (the unique index decides). */
	boolean insert(WebForm form, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO web_forms (id, slug, name, title, intro, email_field, address_field, job_field, job_label,
				                       thank_you, created_at, updated_at)
				VALUES (:id, :slug, :name, :title, :intro, :email, :address, :job, :jobLabel, :thankYou, :now, :now)
				ON CONFLICT (slug) DO NOTHING
				""").params(params(form, now)).update() == 1;
	}

	/** Changes a form; its slug too, unless another form has it (false then). */
	boolean update(WebForm form, Instant now) {
		return this.jdbc.sql("""
				UPDATE web_forms SET slug = :slug, name = :name, title = :title, intro = :intro, email_field = :email,
				       address_field = :address, job_field = :job, job_label = :jobLabel, thank_you = :thankYou,
				       updated_at = :now
				WHERE id = :id AND NOT EXISTS (SELECT 1 FROM web_forms o WHERE o.slug = :slug AND o.id <> :id)
				""").params(params(form, now)).update() == 1;
	}

	private static Map<String, Object> params(WebForm form, Instant now) {
		Map<String, Object> params = new HashMap<>();
		params.put("id", form.id());
		params.put("slug", form.slug());
		params.put("name", form.name());
		params.put("title", form.title());
		params.put("intro", form.intro());
		params.put("email", form.email().dbValue());
		params.put("address", form.address().dbValue());
		params.put("job", form.job().dbValue());
		params.put("jobLabel", form.jobLabel());
		params.put("thankYou", form.thankYou());
		params.put("now", Timestamps.of(now));
		return params;
	}

	private WebForm map(ResultSet rs, int row) throws SQLException {
		return new WebForm(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
				rs.getString("title"), rs.getString("intro"), WebForm.FieldMode.fromDb(rs.getString("email_field")),
				WebForm.FieldMode.fromDb(rs.getString("address_field")),
				WebForm.FieldMode.fromDb(rs.getString("job_field")), rs.getString("job_label"),
				rs.getString("thank_you"));
	}

}
