#!/usr/bin/env bash
# The SPEC 7 benchmark: builds the product jar and the harness, then runs the harness, which
# starts the product (java -Xmx384m -jar target/lead-response.jar) against PostgreSQL and a
# local Twilio stand-in, prints every figure next to its target, and writes docs/performance.md.
#
# PostgreSQL: the server at 127.0.0.1:5432 (user postgres; BENCH_PG_HOST, BENCH_PG_PORT,
# BENCH_PG_USER, BENCH_PG_PASSWORD override) gets a fresh database "bench"; with no server
# there, or with BENCH_EMBEDDED=true, the harness starts an embedded PostgreSQL.
# The product's SQL is recorded from the server's log, for the connections of a second product
# process only (docs/performance.md, "How the SQL is recorded"): the user must be a superuser,
# and the harness must be able to read the log (BENCH_PG_LOG names it if it cannot be found).
# pgbench comes from Debian's postgresql-client package (apt-get install postgresql-client).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${BENCH_SKIP_BUILD:-}" != "true" ]]; then
  mvn -B -q -DskipTests package
fi
mvn -B -q -f bench/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  com.leadresponse.bench.Benchmark "$(pwd)"
