/**
 * Delayed and retried background work, on db-scheduler: persistent (a task scheduled in a
 * transaction exists exactly when that transaction commits), cluster-safe (one instance
 * runs an execution at a time), on the product's clock. A feature adds a task by
 * declaring a db-scheduler {@code Task} bean in its own package and scheduling instances
 * of it through {@code SchedulerClient}; the failure policy is a {@link Backoff}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Background jobs", allowedDependencies = {})
package com.leadresponse.jobs;
