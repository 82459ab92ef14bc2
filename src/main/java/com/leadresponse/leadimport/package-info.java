/**
 * CSV import and export of leads (SPEC 9), for admins: an import maps columns by their
 * header, reports what it would create, what is invalid (line and reason) and what is a
 * duplicate, in a dry run that stores nothing, and starts sequences only when asked; the
 * export writes every lead and its messages, safe to open in a spreadsheet.
 */
@org.springframework.modulith.ApplicationModule(displayName = "CSV import and export",
		allowedDependencies = { "audit", "lead", "system" })
package com.leadresponse.leadimport;
