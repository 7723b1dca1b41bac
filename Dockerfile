# syntax=docker/dockerfile:1
# The operator's container image: built from this repository with the Maven wrapper, run on a
# Java 17 JRE as an unprivileged numeric user, with a read-only root filesystem (the JVM writes
# only to /tmp, an emptyDir in deploy/base/deployment.yaml).
#
#   docker build -t lambda-scaling-operator:0.1.0 .        # or: podman build -t … .
#
# operator/src/test/java/io/lambdascaling/operator/DockerfileIT.java checks, after `package`, that
# every path copied below exists and that the jar starts the operator's main class.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# The reactor reads every module's pom; the operator needs api/ (the CR model), analysis/ (the
# statistics), function/ (the deployment package it embeds) and local/ (a test dependency, built
# but not shipped).
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY api/ api/
COPY analysis/ analysis/
COPY function/ function/
COPY local/ local/
COPY cli/pom.xml cli/pom.xml
COPY operator/ operator/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests package -pl operator -am

FROM eclipse-temurin:17-jre
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
LABEL org.opencontainers.image.title="lambda-scaling-operator" \
      org.opencontainers.image.description="Kubernetes operator that runs AWS Lambda performance-scaling experiments (LambdaScalingExperiment, lambdascaling.io/v1alpha1)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="eclipse-temurin:17-jre"
WORKDIR /app
# A thin jar whose manifest names its dependencies in lib/ (operator/pom.xml).
COPY --from=build /src/operator/target/lib/ /app/lib/
COPY --from=build /src/operator/target/lse-operator.jar /app/lse-operator.jar
USER 10001:10001
# Nothing is written outside /tmp: the AWS SDK looks for ~/.aws there and finds none.
ENV HOME=/tmp
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-Djava.io.tmpdir=/tmp", "-jar", "/app/lse-operator.jar"]
