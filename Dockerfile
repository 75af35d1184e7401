# syntax=docker/dockerfile:1
# vma-stream: one image for every role. The entrypoint is the `vma` launcher and the command picks the role:
#   docker run IMAGE serve | trainer | ingest ... | broker | demo | train | eval | bench
# Settings come from VMA_* environment variables (see runtime/src/main/resources/vma-defaults.properties).
# Build from the repository root: docker build -t vma-stream .

# --- build: the whole reactor, tests skipped (CI runs them) ---
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# `clean`, so that target/ folders copied from a working tree never end up in the image; the cache mount keeps
# ~/.m2 between builds, so a rebuild downloads only changed dependencies.
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests clean install

# --- runtime: a JRE, the launcher jar and its lib/ folder (the jar's manifest class path points there) ---
FROM eclipse-temurin:17-jre
# ND4J's native CPU backend links against OpenMP's libgomp, which the base image lacks.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/*
# An unprivileged user, whose home holds JavaCPP's cache of extracted native libraries, and the work directory for
# what the roles write (Streams state, runs/), which docker-compose.yml mounts as a volume.
RUN useradd --create-home --home-dir /home/vma --shell /usr/sbin/nologin vma \
    && mkdir -p /var/lib/vma/streams-state \
    && chown -R vma:vma /var/lib/vma
COPY --from=build /src/launcher/target/lib/ /app/lib/
COPY --from=build /src/launcher/target/vma-launcher.jar /app/vma-launcher.jar
# One OpenMP thread pool that sleeps when idle: spinning threads halve the speed when cores are shared.
# A container sees all of the host's cores: set OMP_NUM_THREADS to its CPU limit when it has one.
# OpenBLAS's own threads likewise sleep right after each product (see bin/vma).
ENV OMP_NUM_THREADS=2 \
    OMP_WAIT_POLICY=passive \
    OPENBLAS_THREAD_TIMEOUT=4 \
    VMA_STREAMS_STATE_DIR=/var/lib/vma/streams-state \
    VMA_HTTP_HOST=0.0.0.0
USER vma
WORKDIR /var/lib/vma
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/vma-launcher.jar"]
CMD ["--help"]
