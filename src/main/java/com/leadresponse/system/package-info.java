/**
 * What every feature stands on: the one clock, security (with the sign-in throttle, whose
 * forgotten keys the periodic pass removes), the web server's protections against slow
 * clients and bad bytes, the embedded database, error answers, and how pages write times.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System", allowedDependencies = { "periodic" })
package com.leadresponse.system;
