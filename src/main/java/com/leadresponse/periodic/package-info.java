/**
 * The periodic pass: every minute on each instance (and on demand through
 * {@code /api/cron/process-followups}), every feature's periodic work runs once. Features
 * contribute a {@link PeriodicTask}; the pass knows none of them by name.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Periodic pass", allowedDependencies = {})
package com.leadresponse.periodic;
