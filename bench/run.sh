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
# BENCH_PIN_DATABASE=true gives the local PostgreSQL server the first core to itself and runs
# the harness, the product and pgbench on the others (taskset, util-linux), as when the database
# has a machine of its own; the server's processes get their cores back at the end. Needs 2 cores
# or more and the right to change the server's affinity (root, or the server's own user).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${BENCH_SKIP_BUILD:-}" != "true" ]]; then
  mvn -B -q -DskipTests package
fi
mvn -B -q -f bench/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
pin=()
if [[ "${BENCH_PIN_DATABASE:-}" == "true" ]]; then
  cores=$(nproc --all)
  if (( cores < 2 )); then
    echo "BENCH_PIN_DATABASE=true needs 2 cores or more; this machine has $cores" >&2
    exit 1
  fi
  export BENCH_DATABASE_CPUS=0
  pin=(taskset -c "1-$((cores - 1))")
fi
exec "${pin[@]}" java -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  com.leadresponse.bench.Benchmark "$(pwd)"
