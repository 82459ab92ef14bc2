package com.leadresponse.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.RowMapper;

/** Reads a {@code leads} row, for features that select leads with SQL of their own. */
public final class LeadRowMapper implements RowMapper<Lead> {

	@Override
	public Lead mapRow(ResultSet rs, int row) throws SQLException {
		return new Lead(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("phone"),
				rs.getString("email"), rs.getString("source"), rs.getString("message"), rs.getString("external_id"),
				LeadStatus.fromDb(rs.getString("status")), rs.getString("closed_reason"),
				Timestamps.read(rs, "closed_at"), Timestamps.read(rs, "created_at"),
				Timestamps.read(rs, "last_activity_at"), Timestamps.read(rs, "last_inbound_at"),
				Timestamps.read(rs, "staff_read_at"), rs.getInt("sequence_step"),
				Timestamps.read(rs, "next_followup_at"), Timestamps.read(rs, "sequence_paused_at"),
				rs.getString("sequence_ended_reason"), Timestamps.read(rs, "sequence_expires_at"),
				Timestamps.read(rs, "last_sms_at"), rs.getInt("sms_count_today"),
				Timestamps.read(rs, "sms_count_reset_at"), Timestamps.read(rs, "opted_out_at"),
				Timestamps.read(rs, "unreachable_at"), Timestamps.read(rs, "awaiting_reply_since"),
				rs.getObject("assigned_to", UUID.class));
	}

}
