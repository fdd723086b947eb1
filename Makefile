# Builds, tests and runs linkchat. Needs Maven and a JDK 25 or newer: jlink/find-jdk
# takes JAVA_HOME when it is one, else the newest JDK under /usr/lib/jvm.
#
#   make image     runtime image in target/image, started by target/image/bin/linkchat
#   make run       a server on 0.0.0.0:$(PORT), its log in data/   make client   a client
#   make test      the whole test suite               make bench    the benchmark scenarios
#   make startup   image size and start-up times      make clean    removes target/
#   make client-startup   the terminal client's prompt and line editor, timed in tmux
#   make soak      minutes of churn on linked servers (not part of make test)
#   make mesh      sixteen servers in a full mesh and a random graph, links cut at random (not part of make test)
#
# ARGS adds arguments to run, client and bench: make client ARGS='--nick ada'
# TRAIN picks the run that trains the image's start-up cache (see jlink/train):
# client (the default: a server and a client start), server, version or none.
# `jlink/train target/image client` retrains
# an image already built.

.DELETE_ON_ERROR:
.SUFFIXES:

PORT  ?= 2000
# Where `make run` keeps its event log, so history survives a restart; `make run DATA=...` moves it.
DATA  ?= data/server-$(PORT)
ARGS  ?=
TRAIN ?= client

IMAGE    := target/image
LAUNCHER := $(IMAGE)/bin/linkchat
SOURCES  := pom.xml $(shell find src/main -type f)
JLINK    := jlink/jlink.args jlink/linkchat jlink/linkchat.options jlink/train

# The image with its start-up cache must stay under 60 MB (60,000,000 bytes).
BUDGET_KIB := 58593

# Looked for on first use and then kept, so that clean needs no JDK.
JDK = $(eval JDK := $(call find-jdk))$(JDK)
# find-jdk's stderr (why it passed over JAVA_HOME, or found nothing) goes straight to the
# terminal; only its stdout line is taken as the JDK.
find-jdk = $(call only-jdk,$(shell jlink/find-jdk))
only-jdk = $(if $(and $(filter 1,$(words $1)),$(wildcard $1/bin/jlink)),$1,$(error no JDK 25 or newer to build with))

# The JDK's native libraries come with symbol tables. Stripping them saves the 5 MB the
# image needs to fit its budget; crash logs then name fewer frames inside the JVM.
STRIP ?= strip

# Maven 3.8's own Guava calls sun.misc.Unsafe, which JDK 24 and later warn about.
MVN = JAVA_HOME=$(JDK) MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow $$MAVEN_OPTS" mvn -B

.PHONY: image run client test test-parallel bench bench-log soak mesh startup client-startup clean

image: $(LAUNCHER)

# The launcher stands for the whole image: a build that fails after it is copied
# removes it again, so the next make starts over.
$(LAUNCHER): $(SOURCES) $(JLINK)
	rm -rf $(IMAGE) target/modules target/linkchat-*.jar
	$(MVN) -q package -Dmaven.test.skip=true
	$(JDK)/bin/jlink --module-path "$$(echo target/linkchat-*.jar)":target/modules \
	    @jlink/jlink.args --output $(IMAGE)
	if command -v $(STRIP) >/dev/null; then $(STRIP) --strip-unneeded $(IMAGE)/lib/*.so $(IMAGE)/lib/server/*.so; \
	  else echo "warning: no $(STRIP) (binutils): the image keeps 5 MB of symbols" >&2; fi
	$(MAKE) --no-print-directory native-lib
	cp jlink/linkchat.options $(IMAGE)/conf/linkchat.options
	cp jlink/linkchat $(LAUNCHER)
	jlink/train $(IMAGE) $(TRAIN)
	@kib=$$(du -sk $(IMAGE) | cut -f1); echo "image: $(IMAGE), $$kib KiB; start it with $(LAUNCHER)"; \
	  [ $$kib -le $(BUDGET_KIB) ] || echo "warning: the image is over its budget of $(BUDGET_KIB) KiB (60 MB)" >&2

# JLine's terminal library for this machine (OSInfo names its folder in JLine's jar, e.g.
# Linux/x86_64), copied into the image's lib/, where bin/linkchat tells JLine to load it from:
# otherwise JLine copies it out to a temporary file at every client start. A platform JLine
# has no library for keeps that copying.
.PHONY: native-lib
native-lib:
	@os=$$($(IMAGE)/bin/java -m org.jline.nativ/org.jline.nativ.OSInfo) && jar=$$(echo $(CURDIR)/target/modules/jline-native-*.jar) && \
	  rm -rf target/native && mkdir target/native && (cd target/native && $(JDK)/bin/jar xf "$$jar" "org/jline/nativ/$$os/") && \
	  if [ -f "target/native/org/jline/nativ/$$os/libjlinenative.so" ]; then \
	    cp "target/native/org/jline/nativ/$$os/libjlinenative.so" $(IMAGE)/lib/; \
	  else echo "warning: JLine has no terminal library for $$os: the client copies it out at each start" >&2; fi

run: image
	$(LAUNCHER) server --port $(PORT) --data-dir $(DATA) $(ARGS)

client: image
	$(LAUNCHER) client $(ARGS)

# The fixed scenarios against fresh servers; ARGS go to every bench run of them.
bench: image
	LINKCHAT=$(CURDIR)/$(LAUNCHER) bench/scenarios $(ARGS)

# What the event log costs the fan-out (ROUNDS, RUNS, WARM, SYNC_MS, SCENARIO: see bench/log-cost).
bench-log: image
	LINKCHAT=$(CURDIR)/$(LAUNCHER) bench/log-cost

# The image first: the real-terminal test runs the image's own client.
test: image
	$(MVN) -ntp test -Dlinkchat.launcher=$(CURDIR)/$(LAUNCHER)

# The same tests with test classes run concurrently in one JVM, to shake out races between them.
test-parallel: image
	$(MVN) -ntp test -Dlinkchat.launcher=$(CURDIR)/$(LAUNCHER) -Djunit.jupiter.execution.parallel.enabled=true \
	    -Djunit.jupiter.execution.parallel.mode.classes.default=concurrent \
	    -Djunit.jupiter.execution.parallel.mode.default=same_thread

# Minutes of churn on three linked servers while bench runs count deliveries (SOAK_SECONDS, default 120).
SOAK_SECONDS ?= 120
soak:
	SOAK_SECONDS=$(SOAK_SECONDS) $(MVN) -ntp test -Dgroups=soak -DexcludedGroups= -Dtest=SoakTest \
	    -Dsurefire.failIfNoSpecifiedTests=false

# Sixteen linked servers, twice: flat out, then MESH_SECONDS (default 20) per topology of random link cuts.
MESH_SECONDS ?= 20
mesh:
	MESH_SECONDS=$(MESH_SECONDS) $(MVN) -ntp test -Dgroups=mesh -DexcludedGroups= -Dtest=MeshTest \
	    -Dsurefire.failIfNoSpecifiedTests=false

startup: image
	jlink/measure-startup $(IMAGE)

client-startup: image
	jlink/measure-client-startup $(IMAGE)

clean:
	rm -rf target
