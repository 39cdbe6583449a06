# syntax=docker/dockerfile:1

# Build: the shaded jar (target/eni-failover-operator.jar).
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src ./src
# The demo command ships examples/ in the jar (a resource directory in pom.xml).
COPY examples ./examples
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests package

# Runtime: a JRE, the jar, and nothing else.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 65532 nonroot \
 && useradd --system --uid 65532 --gid 65532 --home-dir /home/nonroot --create-home --shell /usr/sbin/nologin nonroot
WORKDIR /app
COPY --from=build /src/target/eni-failover-operator.jar /app/eni-failover-operator.jar
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java","-XX:MaxRAMPercentage=75","-jar","/app/eni-failover-operator.jar"]
CMD ["run"]
