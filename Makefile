# ssh-keepalive - keep idle SSH sessions alive on RHEL-family systems
#
#   make            build the programs into build/
#   make check      build, then run every test (last line: N passed, N failed)
#   make demo       apply the drop-in to sample systems in a temp dir
#   make coverage   line coverage of src/ under the test suite (gcov)
#   make install DESTDIR=... PREFIX=/usr
#   make clean

PREFIX     ?= /usr
SBINDIR    ?= $(PREFIX)/sbin
LIBEXECDIR ?= $(PREFIX)/libexec
MANDIR     ?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    ?= -Wall -Wextra -Werror
STD      = -std=gnu99 -D_GNU_SOURCE
SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all

B = build

ENGINE_SRC = src/err.c src/buf.c src/value.c src/fsutil.c src/cfgfile.c \
             src/walk.c src/block.c src/edit.c src/edit_include.c \
             src/effective.c src/dropin.c
ENGINE_HDR = $(wildcard src/*.h)
UNIT_TESTS = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

.PHONY: all check unit bats demo coverage install clean

all: $(B)/ka-engine

$(B)/ka-engine: src/engine_cli.c $(ENGINE_SRC) $(ENGINE_HDR)
	@mkdir -p $(B)
	$(CC) $(STD) $(WARN) $(CFLAGS) -Isrc -o $@ src/engine_cli.c $(ENGINE_SRC)

# The test build: the same sources under AddressSanitizer and UBSan.
$(B)/asan/ka-engine: src/engine_cli.c $(ENGINE_SRC) $(ENGINE_HDR)
	@mkdir -p $(B)/asan
	$(CC) $(STD) $(WARN) -O1 -g $(SAN) -Isrc -o $@ src/engine_cli.c $(ENGINE_SRC)

$(B)/asan/test_%: tests/unit/test_%.c tests/unit/tap.h $(ENGINE_SRC) $(ENGINE_HDR)
	@mkdir -p $(B)/asan
	$(CC) $(STD) $(WARN) -O1 -g $(SAN) -Isrc -Itests/unit -o $@ $< $(ENGINE_SRC)

check: $(B)/ka-engine $(B)/asan/ka-engine $(addprefix $(B)/asan/,$(UNIT_TESTS))
	@scripts/run-tests $(B)

demo: $(B)/ka-engine
	@scripts/demo $(B)

coverage:
	@scripts/coverage

install: all
	install -d $(DESTDIR)$(SYSCONFDIR)/ssh/sshd_config.d
	install -m 0600 sshd_config.d/01-keepalive.conf \
	    $(DESTDIR)$(SYSCONFDIR)/ssh/sshd_config.d/01-keepalive.conf

clean:
	rm -rf $(B) coverage
