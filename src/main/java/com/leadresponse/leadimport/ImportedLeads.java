package com.leadresponse.leadimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.leadresponse.lead.IntakeRequest;
import com.leadresponse.lead.InvalidLeadException;
import com.leadresponse.lead.LeadIntake;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/**
 * The one place an import hands leads to the intake: every row through the same rules as
 * the intake API (the same field limits, one open lead per phone, the countries the
 * business texts), all rows in one transaction, each in a savepoint of its own so an
 * invalid row takes nothing else with it. A dry run is the same import rolled back at the
 * end: it reports exactly what the import would do, and stores nothing. Imported leads
 * start their sequence only when the admin asks, and alert nobody.
 */
@Component
class ImportedLeads {

	/** The source of an imported lead whose row names none. */
	static final String DEFAULT_SOURCE = "csv import";

	private final LeadIntake intake;

	private final Validator validator;

	private final TransactionTemplate transaction;

	private final TransactionTemplate row;

	ImportedLeads(LeadIntake intake, Validator validator, PlatformTransactionManager transactions) {
		this.intake = intake;
		this.validator = validator;
		this.transaction = new TransactionTemplate(transactions);
		this.row = new TransactionTemplate(transactions);
		this.row.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	ImportReport run(List<LeadCsv.Row> rows, boolean dryRun, boolean startSequence) {
		List<ImportReport.RowOutcome> outcomes = this.transaction.execute((status) -> {
			List<ImportReport.RowOutcome> done = new ArrayList<>();
			for (LeadCsv.Row csvRow : rows) {
				done.add(importRow(csvRow, startSequence && !dryRun));
			}
			if (dryRun) {
				status.setRollbackOnly();
			}
			return done;
		});
		return new ImportReport(dryRun, outcomes);
	}

	private ImportReport.RowOutcome importRow(LeadCsv.Row csvRow, boolean startSequence) {
		IntakeRequest request = request(csvRow);
		Set<ConstraintViolation<IntakeRequest>> violations = this.validator.validate(request);
		if (!violations.isEmpty()) {
			String error = violations.stream()
				.map((v) -> v.getPropertyPath() + " " + v.getMessage())
				.sorted()
				.collect(Collectors.joining("; "));
			return invalid(csvRow, request, error);
		}
		try {
			LeadIntake.IntakeResult result = this.row
				.execute((status) -> this.intake.intakeFromOwnSource(request, startSequence, false));
			return new ImportReport.RowOutcome(csvRow.line(), request.name(), result.lead().phone(),
					result.created() ? ImportReport.Outcome.CREATED : ImportReport.Outcome.DUPLICATE, null,
					result.lead().id());
		}
		catch (InvalidLeadException ex) {
			return invalid(csvRow, request, ex.getBody().getDetail());
		}
	}

	private static ImportReport.RowOutcome invalid(LeadCsv.Row csvRow, IntakeRequest request, String error) {
		return new ImportReport.RowOutcome(csvRow.line(), request.name(), request.phone(), ImportReport.Outcome.INVALID,
				error, null);
	}

	/** The row as the intake API's fields; first and last name make the name. */
	private static IntakeRequest request(LeadCsv.Row csvRow) {
		String name = csvRow.get("name");
		if (name == null) {
			String first = csvRow.get("firstName");
			String last = csvRow.get("lastName");
			name = (first != null || last != null) ? ((first != null) ? first : "")
					+ ((first != null && last != null) ? " " : "") + ((last != null) ? last : "") : null;
		}
		String source = csvRow.get("source");
		return new IntakeRequest(name, csvRow.get("phone"), csvRow.get("email"),
				(source != null) ? source : DEFAULT_SOURCE, csvRow.get("message"), csvRow.get("externalId"));
	}

}
