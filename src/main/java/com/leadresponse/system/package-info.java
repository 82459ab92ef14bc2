/**
 * What every feature stands on: the one clock, security, the embedded database, error
 * answers, and how pages write times.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System", allowedDependencies = {})
package com.leadresponse.system;
