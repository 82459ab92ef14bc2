# Lead Response container image (docs/operations-runtime.md#container).
#   docker build -t lead-response .
#   docker run -p 8080:8080 -e SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/leads ... lead-response
# Tests are not run here: CI runs `mvn verify` (it needs ../shared, which is not in the image).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
# curl for the HEALTHCHECK; a system user without a shell: the product never runs as root
# (the embedded PostgreSQL refuses to run as root anyway).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin leadresponse \
 && mkdir -p /app /data \
 && chown leadresponse /app /data
WORKDIR /app
COPY --from=build /src/target/lead-response.jar /app/lead-response.jar
USER 10001
# 384 MiB of heap is what SPEC 7 is measured with (docs/performance.md); the process dies on
# an OutOfMemoryError so that the orchestrator restarts it instead of it limping on.
ENV JAVA_TOOL_OPTIONS="-Xmx384m -XX:+ExitOnOutOfMemoryError" \
    LEAD_RESPONSE_DATA_DIR=/data \
    SERVER_PORT=8080
# Only used by the embedded PostgreSQL (no SPRING_DATASOURCE_URL): keep it on a volume.
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/actuator/health/readiness || exit 1
# SIGTERM starts the graceful shutdown (requests and SMS sends in flight finish, up to 30 s
# per phase): give the container more than that, e.g. `docker stop -t 45`.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-jar", "/app/lead-response.jar"]
