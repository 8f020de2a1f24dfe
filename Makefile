# p4cc: P4-16 to XDP compiler. Plain GNU make; objects go under $(BUILD).
#
#   make                 build build/p4cc and build/p4ctl
#   make check           build and run every test
#   make sanitize        the same tests, built with ASan + UBSan (build/sanitize)
#   make fuzz            build the parser fuzzer and run it (FUZZ_SECONDS, default 60)
#   make bench           run the benchmarks under bench/
#   make install         PREFIX=/usr/local by default; DESTDIR honoured
#   make clean
#   V=1                  show the full compiler command lines

VERSION   := 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/p4cc
MANDIR    ?= $(PREFIX)/share/man
BUILD     ?= build

CC        ?= cc
V         ?= 0
Q         := $(if $(filter 1,$(V)),,@)
FLEX      ?= flex
BISON     ?= bison
OPT       ?= -O2 -g
WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS  += -D_GNU_SOURCE -DP4CC_VERSION='"$(VERSION)"' \
             -DP4CC_INCLUDE_DIR='"$(DATADIR)/p4include"' \
             -Isrc -Ifrontend -Imidend -Ibackend-ebpf -Iinclude -I$(BUILD)/gen
CFLAGS    += -std=c11 $(OPT) $(WARN) $(EXTRA_CFLAGS)
LDLIBS    += -lgmp

ifeq ($(SANITIZE),1)
CFLAGS    += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS   += -fsanitize=address,undefined
endif

# The compiler proper, as a library the driver, tests and fuzzer link.
CORE_SRCS := $(filter-out src/p4cc.c,$(wildcard src/*.c)) \
             $(wildcard frontend/*.c midend/*.c backend-ebpf/*.c)
GEN_SRCS  := $(BUILD)/gen/lexer.c $(BUILD)/gen/parser.c
CORE_OBJS := $(CORE_SRCS:%.c=$(BUILD)/obj/%.o) $(GEN_SRCS:$(BUILD)/gen/%.c=$(BUILD)/obj/gen/%.o)
LIB       := $(BUILD)/libp4cc.a
P4CC      := $(BUILD)/p4cc

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

# p4ctl (src/p4ctl/): verify and test compiled programs in the kernel. All
# but main.c form libp4ctl.a, which its unit tests link. libbpf and json-c
# flags come from pkg-config.
P4CTL_SRCS    := $(wildcard src/p4ctl/*.c)
P4CTL_OBJS    := $(P4CTL_SRCS:%.c=$(BUILD)/obj/%.o)
P4CTL_LIB     := $(BUILD)/libp4ctl.a
P4CTL         := $(BUILD)/p4ctl
P4CTL_CFLAGS  := $(shell pkg-config --cflags libbpf json-c 2>/dev/null)
P4CTL_LIBS    := $(shell pkg-config --libs libbpf json-c 2>/dev/null || echo -lbpf -ljson-c)
P4CTL_TESTS   := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard \
                 tests/unit/test_stf.c tests/unit/test_p4info.c tests/unit/test_packet.c \
                 tests/unit/test_p4ctl.c))
# Hand-written BPF objects (with their p4info) that the p4ctl tests load.
BPF_CLANG     ?= clang
P4CTL_FIXTURES := $(patsubst tests/p4ctl/%.bpf.c,$(BUILD)/p4ctl-fixtures/%.o,$(wildcard tests/p4ctl/*.bpf.c))

.PHONY: all check sanitize fuzz bench install uninstall clean unit-tests
all: $(P4CC) $(P4CTL)

$(BUILD)/gen/parser.c $(BUILD)/gen/parser.h: frontend/parser.y
	@mkdir -p $(dir $@)
	@echo "  BISON   $<"
	$(Q)$(BISON) -Wall -Werror --defines=$(BUILD)/gen/parser.h -o $(BUILD)/gen/parser.c $<

$(BUILD)/gen/lexer.c $(BUILD)/gen/lexer.h: frontend/lexer.l
	@mkdir -p $(dir $@)
	@echo "  FLEX    $<"
	$(Q)$(FLEX) --header-file=$(BUILD)/gen/lexer.h -o $(BUILD)/gen/lexer.c $<

# Generated code: same warnings, minus the ones flex's skeleton trips.
$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-unused-function -Wno-sign-compare -Wno-unused-parameter \
	    -Wno-missing-prototypes -Wno-shadow -MMD -MP -c $< -o $@

$(BUILD)/obj/%.o: %.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(CORE_OBJS)
	@rm -f $@
	@echo "  AR      $@"
	$(Q)$(AR) rcs $@ $^

$(P4CC): $(BUILD)/obj/src/p4cc.o $(LIB)
	@echo "  LINK    $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-missing-prototypes -o $@ $< $(LIB) $(LDFLAGS) $(LDLIBS) -lcmocka

$(P4CTL_OBJS): CPPFLAGS += $(P4CTL_CFLAGS)

$(P4CTL_LIB): $(filter-out $(BUILD)/obj/src/p4ctl/main.o,$(P4CTL_OBJS))
	@rm -f $@
	@echo "  AR      $@"
	$(Q)$(AR) rcs $@ $^

$(P4CTL): $(BUILD)/obj/src/p4ctl/main.o $(P4CTL_LIB)
	@echo "  LINK    $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(P4CTL_LIBS)

$(P4CTL_TESTS): $(BUILD)/tests/%: tests/unit/%.c $(P4CTL_LIB)
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	$(Q)$(CC) $(CPPFLAGS) $(P4CTL_CFLAGS) -Isrc/p4ctl -DP4CTL_BUILD='"$(BUILD)"' $(CFLAGS) \
	    -Wno-missing-prototypes -o $@ $< $(P4CTL_LIB) $(LDFLAGS) $(P4CTL_LIBS) -lcmocka

$(BUILD)/tests/test_p4ctl: $(P4CTL) $(P4CC) $(P4CTL_FIXTURES)

$(BUILD)/p4ctl-fixtures/%.o: tests/p4ctl/%.bpf.c tests/p4ctl/runtime.h tests/p4ctl/%.p4info.json
	@mkdir -p $(dir $@)
	@echo "  BPF     $<"
	$(Q)$(BPF_CLANG) -target bpf -O2 -g -Wall -Werror \
	    -I/usr/include/$(shell $(BPF_CLANG) -print-multiarch 2>/dev/null) -c $< -o $@
	$(Q)cp tests/p4ctl/$*.p4info.json $(BUILD)/p4ctl-fixtures/$*.p4info.json

unit-tests: $(UNIT_BINS)

check: $(P4CC) $(P4CTL) unit-tests
	@BUILD=$(BUILD) tests/run-tests

sanitize:
	$(MAKE) BUILD=build/sanitize SANITIZE=1 OPT='-O1 -g' check

# libFuzzer needs clang. The fuzzer also reads the shared corpus as seeds
# when it is there; new inputs it finds go to build/fuzz/corpus.
FUZZ_SECONDS ?= 60
FUZZ_SEEDS   := tests/fuzz/seeds tests/fuzz/regressions \
                $(wildcard ../shared/corpus/p4c/p4_16_samples ../shared/corpus/p4c/p4_16_errors)
fuzz:
	$(MAKE) BUILD=build/fuzz CC=clang OPT='-O1 -g' \
	    EXTRA_CFLAGS='-fsanitize=fuzzer-no-link,address,undefined' build/fuzz/fuzz-parser
	@mkdir -p build/fuzz/corpus
	build/fuzz/fuzz-parser -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=10 \
	    -artifact_prefix=build/fuzz/ build/fuzz/corpus $(FUZZ_SEEDS)

$(BUILD)/fuzz-parser: tests/fuzz/fuzz_parser.c $(LIB)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(LIB) $(LDLIBS)

bench: $(P4CC)
	@BUILD=$(BUILD) bench/run-bench

install: $(P4CC) $(P4CTL)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/p4include/bmv2 $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(P4CC) $(DESTDIR)$(BINDIR)/p4cc
	install -m 644 p4include/*.p4 $(DESTDIR)$(DATADIR)/p4include/
	install -m 644 p4include/bmv2/*.p4 $(DESTDIR)$(DATADIR)/p4include/bmv2/
	install -m 644 docs/p4cc.1 $(DESTDIR)$(MANDIR)/man1/p4cc.1
	install -m 755 $(P4CTL) $(DESTDIR)$(BINDIR)/p4ctl
	install -m 644 docs/p4ctl.1 $(DESTDIR)$(MANDIR)/man1/p4ctl.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/p4cc $(DESTDIR)$(MANDIR)/man1/p4cc.1
	rm -f $(DESTDIR)$(BINDIR)/p4ctl $(DESTDIR)$(MANDIR)/man1/p4ctl.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
