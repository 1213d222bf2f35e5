# ssh-keepalive - keep idle SSH sessions alive on RHEL-family systems
#
#   make            build the programs into build/
#   make check      build, then run every test (last line: N passed, N failed)
#   make demo       apply the drop-in to sample systems in a temp dir
#   make coverage   line coverage of src/ under the test suite (gcov)
#   make rpm        build the binary RPM (build/rpmbuild/RPMS) from a tarball:
#                   the portable build, one RPM for EL6 to EL10 (doc/building.md)
#   make srpm       build the source RPM (rpmbuild --rebuild on the target:
#                   the native build, against that release's libraries)
#   make portable   the programs of the RPM make rpm builds, in build/portable
#   make repo       a yum repository of the RPM in build/repo (createrepo_c);
#                   SIGN_KEY=<gpg key> REPO_BASEURL=<url> sign it
#   make rpmlint    rpmlint on the spec and the packages
#   make lint       cppcheck and clang-tidy on src/ (and the layer check)
#   make fuzz       libFuzzer on the editor and value parsing (FUZZ_SECONDS=60)
#   make fuzz-long  the same, 10 million executions of each (FUZZ_RUNS=...)
#   make property   generated configs through the real sshd (PROPERTY_N=3000)
#   make bench      what it costs, next to sed -i and augtool (bench/run)
#   make install DESTDIR=... PREFIX=/usr
#   make clean

NAME       := ssh-keepalive
VERSION    := $(shell sed -n 's/^Version:[[:space:]]*//p' keepalive.spec)
PREFIX     ?= /usr
SBINDIR    ?= $(PREFIX)/sbin
LIBEXECDIR ?= $(PREFIX)/libexec
MANDIR     ?= $(PREFIX)/share/man
DATADIR    ?= $(PREFIX)/share
SYSCONFDIR ?= /etc
COMPLETIONDIR ?= $(DATADIR)/bash-completion/completions

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    ?= -Wall -Wextra -Werror
STD      = -std=gnu99 -D_GNU_SOURCE -DKA_VERSION='"$(VERSION)"'
SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all

# popt 1.13 (EL6/EL7) has no popt.pc.
POPT_LIBS    := $(shell pkg-config --libs popt 2>/dev/null || echo -lpopt)
RPM_CFLAGS   := $(shell pkg-config --cflags rpm 2>/dev/null)
RPM_LIBS     := $(shell pkg-config --libs rpm 2>/dev/null || echo -lrpm -lrpmio)
# SELinux labels of replaced files: WITH_SELINUX=yes (the spec) requires
# libselinux; auto uses it where its header is, with or without a .pc
# file (EL6's libselinux-devel may ship none); no leaves it out.
WITH_SELINUX ?= auto
ifeq ($(WITH_SELINUX),auto)
override WITH_SELINUX := $(shell printf '\043include <selinux/selinux.h>\n' | \
    $(CC) -E -x c - >/dev/null 2>&1 && echo yes)
endif
ifeq ($(WITH_SELINUX),yes)
SELINUX_CFLAGS := -DHAVE_SELINUX
SELINUX_LIBS   := -lselinux
endif
# clock_gettime is in librt before glibc 2.17 (EL6); --as-needed records
# librt only where the C library lacks the call.
RT_LIBS = -Wl,--as-needed -lrt -Wl,--no-as-needed

B = build
# src/ by layer, each using only its own and the layers before it:
# engine (pure, on buffers), sys (the system), flow (a change, a report),
# cli (the programs' main()s).
LAYERS  = engine sys flow
LIB_SRC = $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c))
HDR     = $(wildcard src/*/*.h) $(B)/gen/dropin_default.inc
INC     = -Isrc -I$(B)/gen $(SELINUX_CFLAGS)
# librpm only in keepalive-rpmq, which the others run when they need it
LIBS    = $(POPT_LIBS) $(SELINUX_LIBS) $(RT_LIBS)
# what both option-reading programs share
CLI_SRC = src/cli/popt_once.c
PROGS   = keepalive-helper ssh-keepalive-tune ka-engine keepalive-rpmq
UNIT_TESTS = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

.PHONY: all portable check demo coverage install clean dist rpm srpm repo rpmlint lint fuzz fuzz-long property bench

all: $(addprefix $(B)/,$(PROGS))

# The drop-in as shipped, compiled in for a drop-in that has gone missing.
$(B)/gen/dropin_default.inc: sshd_config.d/01-keepalive.conf
	@mkdir -p $(@D)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/.*/"&\\n"/' $< >$@

# LDFLAGS: the spec passes the distribution's (RELRO and the like).
$(B)/keepalive-helper: src/cli/helper_main.c $(CLI_SRC) $(LIB_SRC) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) $(CFLAGS) $(LDFLAGS) $(INC) -o $@ $< $(CLI_SRC) $(LIB_SRC) $(LIBS)
$(B)/ssh-keepalive-tune: src/cli/tune_main.c $(CLI_SRC) $(LIB_SRC) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) $(CFLAGS) $(LDFLAGS) $(INC) -o $@ $< $(CLI_SRC) $(LIB_SRC) $(LIBS)
$(B)/ka-engine: src/cli/engine_cli.c $(LIB_SRC) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) $(CFLAGS) $(LDFLAGS) $(INC) -o $@ $< $(LIB_SRC) $(LIBS)
$(B)/keepalive-rpmq: src/cli/rpmq_main.c src/sys/paths.h
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) $(CFLAGS) $(LDFLAGS) -Isrc $(RPM_CFLAGS) -o $@ $< $(RPM_LIBS)

# --- the portable build (make portable, make rpm) ----------------------
# One set of binaries for EL6 (glibc 2.12) to EL10, built with this
# machine's gcc and headers: every glibc call bound to a version glibc
# 2.12 has (scripts/glibc-stubs links against stub libraries that make
# the oldest version the default; src/portable/glibc_compat.c gives
# stat and the like their pre-2.33 names and runs the constructors old
# glibc would not); popt linked statically (EL6's popt 1.13 has no
# symbol versions, Debian's LIBPOPT_0 ones); libselinux.so.1 linked
# without symbol versions (EL6/EL7 have none); librpm loaded at run time
# by soname (src/portable/rpm_dl.c).  Checked after every link:
# glibc-stubs check fails the build on any newer symbol version.
P          = $(B)/portable
P_GLIBC    = 2.12
P_INC      = -Isrc -I$(B)/gen -DHAVE_SELINUX
P_POPT     = $(shell $(CC) -print-file-name=libpopt.a)
P_LIBS     = $(P_POPT) -lselinux $(RT_LIBS)
P_LINK     = -Wl,--wrap=__libc_start_main
P_COMPAT   = $(P)/obj/portable/glibc_compat.o
P_LIB_OBJ  = $(patsubst src/%.c,$(P)/obj/%.o,$(LIB_SRC))
P_CLI_OBJ  = $(patsubst src/%.c,$(P)/obj/%.o,$(CLI_SRC))
P_RPMQ_OBJ = $(P)/obj/cli/rpmq_main.o $(P)/obj/portable/rpm_dl.o
P_OBJ_keepalive-helper    = $(P)/obj/cli/helper_main.o $(P_CLI_OBJ) $(P_LIB_OBJ)
P_OBJ_ssh-keepalive-tune  = $(P)/obj/cli/tune_main.o $(P_CLI_OBJ) $(P_LIB_OBJ)
P_OBJ_ka-engine           = $(P)/obj/cli/engine_cli.o $(P_LIB_OBJ)
P_OBJ_keepalive-rpmq      = $(P_RPMQ_OBJ)
P_LIBS_keepalive-rpmq     = -ldl
P_LIBS_keepalive-helper   = $(P_LIBS)
P_LIBS_ssh-keepalive-tune = $(P_LIBS)
P_LIBS_ka-engine          = $(P_LIBS)

portable: $(addprefix $(P)/,$(PROGS))

$(P)/obj/%.o: src/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) $(CFLAGS) $(P_INC) $(RPM_CFLAGS) -c -o $@ $<

# each program linked the ordinary way, to learn what it calls
.SECONDEXPANSION:
$(addprefix $(P)/probe/,$(PROGS)): $(P)/probe/%: $$(P_OBJ_$$*) $(P_COMPAT)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $(P_LINK) -o $@ $^ $(P_LIBS_$*)
$(P)/stubs/libc.so: $(addprefix $(P)/probe/,$(PROGS)) scripts/glibc-stubs
	scripts/glibc-stubs make $(P_GLIBC) $(P)/stubs '$(CC)' $(addprefix $(P)/probe/,$(PROGS))
$(addprefix $(P)/,$(PROGS)): $(P)/%: $$(P_OBJ_$$*) $(P_COMPAT) $(P)/stubs/libc.so
	$(CC) $(CFLAGS) $(LDFLAGS) $(P_LINK) -L$(P)/stubs -o $@.tmp \
	    $(P_OBJ_$*) $(P_COMPAT) $(P_LIBS_$*)
	scripts/glibc-stubs check $(P_GLIBC) $@.tmp
	mv $@.tmp $@

# The test build: the same sources under AddressSanitizer and UBSan.
$(B)/asan/keepalive-helper: src/cli/helper_main.c $(CLI_SRC) $(LIB_SRC) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) -O1 -g $(SAN) $(INC) -o $@ $< $(CLI_SRC) $(LIB_SRC) $(LIBS)
$(B)/asan/ssh-keepalive-tune: src/cli/tune_main.c $(CLI_SRC) $(LIB_SRC) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) -O1 -g $(SAN) $(INC) -o $@ $< $(CLI_SRC) $(LIB_SRC) $(LIBS)
$(B)/asan/ka-engine: src/cli/engine_cli.c $(LIB_SRC) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) -O1 -g $(SAN) $(INC) -o $@ $< $(LIB_SRC) $(LIBS)
$(B)/asan/keepalive-rpmq: src/cli/rpmq_main.c src/sys/paths.h
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) -O1 -g $(SAN) -Isrc $(RPM_CFLAGS) -o $@ $< $(RPM_LIBS)
$(B)/asan/test_%: tests/unit/test_%.c tests/unit/tap.h $(LIB_SRC) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) -O1 -g $(SAN) $(INC) -Itests/unit -o $@ $< $(LIB_SRC) $(LIBS)
# ours against librpm's own rpmvercmp()
$(B)/asan/test_vercmp: tests/unit/test_vercmp.c tests/unit/tap.h $(LIB_SRC) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) -O1 -g $(SAN) $(INC) -Itests/unit -o $@ $< $(LIB_SRC) $(LIBS) $(RPM_LIBS)

check: all $(addprefix $(B)/asan/,$(PROGS) $(UNIT_TESTS))
	@scripts/run-tests $(B)

lint: $(B)/gen/dropin_default.inc
	cppcheck --enable=warning,style,performance,portability --std=c99 \
	    --quiet --error-exitcode=1 --suppress=missingIncludeSystem \
	    -D_GNU_SOURCE -Isrc -I$(B)/gen src/
	clang-tidy --quiet src/*/*.c -- $(STD) $(INC) $(RPM_CFLAGS)
	scripts/check-layers $(B)

$(B)/bench_engine: bench/bench_engine.c $(LIB_SRC) $(HDR)
	$(CC) $(STD) $(WARN) -O2 $(INC) -o $@ $< $(LIB_SRC) $(LIBS)

bench: all $(B)/bench_engine rpm
	@mock/build-packages $(B)/mock-packages
	@bench/run $(BENCH_ARGS)

PROPERTY_N ?= 3000
property: $(B)/asan/ka-engine
	KA_PROPERTY_N=$(PROPERTY_N) KA_BUILD=$(abspath $(B)) bats tests/bats/property.bats

FUZZ_SECONDS ?= 60
fuzz:
	@fuzz/run $(FUZZ_SECONDS)

FUZZ_RUNS ?= 10000000
fuzz-long:
	@fuzz/run --runs $(FUZZ_RUNS)

demo: all
	@scripts/demo $(B)

coverage: $(B)/gen/dropin_default.inc
	@scripts/coverage

# BIN: the programs to install: $(B) (native) or $(B)/portable
BIN ?= $(B)
install: $(BIN)/keepalive-helper $(BIN)/ssh-keepalive-tune $(BIN)/keepalive-rpmq
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(LIBEXECDIR)/ssh-keepalive \
	    $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(COMPLETIONDIR)
	install -m 0755 $(BIN)/ssh-keepalive-tune $(DESTDIR)$(SBINDIR)/
	install -m 0755 $(BIN)/keepalive-helper $(BIN)/keepalive-rpmq \
	    $(DESTDIR)$(LIBEXECDIR)/ssh-keepalive/
	install -m 0644 man/ssh-keepalive-tune.8 man/keepalive-helper.8 \
	    $(DESTDIR)$(MANDIR)/man8/
	install -m 0644 completion/ssh-keepalive-tune.bash \
	    $(DESTDIR)$(COMPLETIONDIR)/ssh-keepalive-tune
	install -d -m 0700 $(DESTDIR)$(SYSCONFDIR)/ssh/sshd_config.d
	install -m 0600 sshd_config.d/01-keepalive.conf \
	    $(DESTDIR)$(SYSCONFDIR)/ssh/sshd_config.d/01-keepalive.conf
	install -d $(DESTDIR)$(SYSCONFDIR)/sysconfig
	install -m 0644 sysconfig/ssh-keepalive \
	    $(DESTDIR)$(SYSCONFDIR)/sysconfig/ssh-keepalive

# --- packages ---------------------------------------------------------
DIST_FILES = LICENSE README.md Makefile keepalive.spec src sshd_config.d \
             sysconfig man completion doc scripts/glibc-stubs
TARBALL    = $(B)/$(NAME)-$(VERSION).tar.gz
TOPDIR     = $(abspath $(B))/rpmbuild
# Debian's rpmbuild: no build dependencies in its database (--nodeps), no
# debuginfo tooling; HOME keeps ~/.rpmmacros and ~/.rpmdb out of it.
RPMBUILD   = HOME=$(TOPDIR) rpmbuild --quiet --nodeps --define "_topdir $(TOPDIR)" \
             --define "debug_package %{nil}"

dist: $(TARBALL)
# The tarball lists its names in one order everywhere (C locale) without
# tar's --sort=name, which needs tar 1.28 (EL6 has 1.23, EL7 1.26).
$(TARBALL): $(DIST_FILES) $(wildcard src/* src/*/* man/* completion/* doc/* sysconfig/*)
	@mkdir -p $(B)
	find $(DIST_FILES) -print0 | LC_ALL=C sort -z | \
	    tar -czf $@ --owner=0 --group=0 --null --no-recursion -T - \
	    --transform 's,^,$(NAME)-$(VERSION)/,'

srpm: $(TARBALL)
	@mkdir -p $(TOPDIR)/SOURCES
	cp $(TARBALL) $(TOPDIR)/SOURCES/
	$(RPMBUILD) -bs keepalive.spec

# the portable build: one RPM for EL6 to EL10 (keepalive.spec, doc/building.md)
rpm: $(TARBALL)
	@mkdir -p $(TOPDIR)/SOURCES
	cp $(TARBALL) $(TOPDIR)/SOURCES/
	$(RPMBUILD) --with portable -bb keepalive.spec

# SIGN_KEY=<gpg key id> signs the packages and repomd.xml, exports the
# key and writes ssh-keepalive.repo (baseurl REPO_BASEURL); GNUPGHOME is
# honoured; REPO_DIR (default build/repo) is where.  See scripts/make-repo.
REPO_DIR ?= $(B)/repo
repo: rpm
	SIGN_KEY='$(SIGN_KEY)' REPO_BASEURL='$(REPO_BASEURL)' scripts/make-repo \
	    $(REPO_DIR) $(TOPDIR)/RPMS/*/$(NAME)-$(VERSION)-*.rpm

rpmlint: rpm srpm
	rpmlint -r rpmlintrc keepalive.spec $(TOPDIR)/RPMS/*/$(NAME)-*.rpm \
	    $(TOPDIR)/SRPMS/$(NAME)-*.src.rpm

clean:
	rm -rf $(B) coverage
