# p4cc: P4-16 to XDP compiler. Plain GNU make; objects go under $(BUILD).
#
#   make                 build build/p4cc and build/p4ctl
#   make check           build and run every test
#   make update-golden   rewrite tests/golden-c (the generated C) from build/p4cc
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
MULTIARCH := $(shell $(CC) -print-multiarch 2>/dev/null)
CPPFLAGS  += -D_GNU_SOURCE -DP4CC_VERSION='"$(VERSION)"' \
             $(if $(MULTIARCH),-DP4CC_MULTIARCH='"$(MULTIARCH)"') \
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
GEN_SRCS  := $(BUILD)/gen/lexer.c $(BUILD)/gen/parser.c $(BUILD)/gen/runtime_text.c
# The runtime headers, whose text every generated program carries (as C
# strings in build/gen/runtime_text.c) and which hand-written programs and
# the control plane include.
RUNTIME_HEADERS := $(sort $(wildcard include/p4cc/*.h))
CORE_OBJS := $(CORE_SRCS:%.c=$(BUILD)/obj/%.o) $(GEN_SRCS:$(BUILD)/gen/%.c=$(BUILD)/obj/gen/%.o)
LIB       := $(BUILD)/libp4cc.a
P4CC      := $(BUILD)/p4cc

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

# p4ctl (src/p4ctl/): the command-line tool, on libp4rt's public API. All
# but the commands (P4CTL_CMD_SRCS) form libp4ctl.a (STF parsing and
# running, packets, verify, compile), which its unit tests link. libbpf and
# json-c flags come from pkg-config.
# src/source_line.c (a diagnostic's source line and caret) is p4cc's too.
P4CTL_SRCS    := $(wildcard src/p4ctl/*.c) src/source_line.c
P4CTL_OBJS    := $(P4CTL_SRCS:%.c=$(BUILD)/obj/%.o)
P4CTL_LIB     := $(BUILD)/libp4ctl.a
P4CTL         := $(BUILD)/p4ctl
# libp4rt (include/p4rt.h, src/p4rt/): the control-plane library. Static,
# and shared with only the functions of include/p4rt.h exported
# (src/p4rt/libp4rt.map; internal.h hides the rest). p4ctl links it.
P4RT_SRCS     := $(wildcard src/p4rt/*.c)
P4RT_OBJS     := $(P4RT_SRCS:%.c=$(BUILD)/obj/%.o)
P4RT_PIC_OBJS := $(P4RT_SRCS:%.c=$(BUILD)/pic/%.o)
P4RT_LIB      := $(BUILD)/libp4rt.a
P4RT_SONAME   := libp4rt.so.0
P4RT_SO       := $(BUILD)/libp4rt.so
P4RT_PC       := $(BUILD)/libp4rt.pc
# The commands: main.c, the command table and session, their output, one
# cmd_NOUN.c per noun; the rest of src/p4ctl is libp4ctl.a.
P4CTL_CMD_SRCS  := $(addprefix src/p4ctl/,main.c commands.c session.c words.c print.c) \
                   $(wildcard src/p4ctl/cmd_*.c)
P4CTL_MAIN_OBJS := $(P4CTL_CMD_SRCS:%.c=$(BUILD)/obj/%.o)
P4CTL_LIB_OBJS  := $(filter-out $(P4CTL_MAIN_OBJS),$(P4CTL_OBJS))
LIBDIR        ?= $(PREFIX)/lib
# Control planes in C under examples/ (*_cp.c), linked with libp4rt.so.
EXAMPLE_CPS   := $(patsubst examples/%.c,$(BUILD)/examples/%,$(wildcard examples/*_cp.c))
INCLUDEDIR    ?= $(PREFIX)/include
P4CTL_CFLAGS  := $(shell pkg-config --cflags libbpf json-c 2>/dev/null)
P4CTL_LIBS    := $(shell pkg-config --libs libbpf json-c 2>/dev/null || echo -lbpf -ljson-c)
# libpcap: p4ctl's capture files (src/p4ctl/pcapio.c); not libp4rt's.
PCAP_LIBS     := $(shell pkg-config --libs libpcap 2>/dev/null || echo -lpcap)
P4CTL_TESTS   := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard \
                 tests/unit/test_stf.c tests/unit/test_p4info.c tests/unit/test_packet.c \
                 tests/unit/test_p4ctl.c tests/unit/test_p4rt.c tests/unit/test_api.c tests/unit/test_tss.c \
                 tests/unit/test_pcapio.c tests/unit/test_capture.c tests/unit/test_digest.c \
                 tests/unit/test_trace_decode.c tests/unit/test_trace.c \
                 tests/unit/test_writers.c tests/unit/test_v1model_externs.c \
                 tests/unit/test_v1model_profiles.c))
# Hand-written BPF objects (with their p4info) that the p4ctl tests load.
BPF_CLANG     ?= clang
P4CTL_FIXTURES := $(patsubst tests/p4ctl/%.bpf.c,$(BUILD)/p4ctl-fixtures/%.o,$(wildcard tests/p4ctl/*.bpf.c))

.PHONY: all check sanitize fuzz bench install uninstall clean unit-tests fuzz-harnesses \
        update-golden
all: $(P4CC) $(P4CTL) $(P4RT_LIB) $(P4RT_SO) $(P4RT_PC) $(EXAMPLE_CPS)

$(BUILD)/gen/parser.c $(BUILD)/gen/parser.h: frontend/parser.y
	@mkdir -p $(dir $@)
	@echo "  BISON   $<"
	$(Q)$(BISON) -Wall -Werror --defines=$(BUILD)/gen/parser.h -o $(BUILD)/gen/parser.c $<

$(BUILD)/gen/lexer.c $(BUILD)/gen/lexer.h: frontend/lexer.l
	@mkdir -p $(dir $@)
	@echo "  FLEX    $<"
	$(Q)$(FLEX) --header-file=$(BUILD)/gen/lexer.h -o $(BUILD)/gen/lexer.c $<

# Made by a pattern rule (both files in one run), kept as if named targets.
.SECONDARY: $(BUILD)/gen/runtime_text.c $(BUILD)/gen/runtime_text.h
$(BUILD)/gen/%_text.c $(BUILD)/gen/%_text.h: $(RUNTIME_HEADERS) scripts/embed-text
	@mkdir -p $(dir $@)
	@echo "  GEN     $(BUILD)/gen/$*_text.c"
	$(Q)scripts/embed-text $(BUILD)/gen/$*_text $(RUNTIME_HEADERS)

# Generated code: same warnings, minus the ones flex's skeleton trips.
$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h \
                     | $(BUILD)/gen/runtime_text.h
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-unused-function -Wno-sign-compare -Wno-unused-parameter \
	    -Wno-missing-prototypes -Wno-shadow -MMD -MP -c $< -o $@

$(BUILD)/obj/%.o: %.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h | $(BUILD)/gen/runtime_text.h
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

$(P4CTL_OBJS) $(P4RT_OBJS): CPPFLAGS += $(P4CTL_CFLAGS)

$(P4CTL_LIB): $(P4CTL_LIB_OBJS)
	@rm -f $@
	@echo "  AR      $@"
	$(Q)$(AR) rcs $@ $^

$(P4RT_LIB): $(P4RT_OBJS)
	@rm -f $@
	@echo "  AR      $@"
	$(Q)$(AR) rcs $@ $^

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $< (PIC)"
	$(Q)$(CC) $(CPPFLAGS) $(P4CTL_CFLAGS) $(CFLAGS) -fPIC -MMD -MP -c $< -o $@

$(P4RT_SO): $(P4RT_PIC_OBJS) src/p4rt/libp4rt.map
	@echo "  LINK    $@"
	$(Q)$(CC) -shared -Wl,-soname,$(P4RT_SONAME) -Wl,--version-script=src/p4rt/libp4rt.map \
	    $(LDFLAGS) -o $@.0 $(P4RT_PIC_OBJS) $(P4CTL_LIBS)
	$(Q)ln -sf $(notdir $@).0 $@

$(P4RT_PC): Makefile
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	$(Q)printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' 'includedir=$(INCLUDEDIR)' '' \
	    'Name: libp4rt' \
	    'Description: run-time library for XDP programs compiled by p4cc' \
	    'Version: $(VERSION)' 'Requires.private: libbpf json-c' \
	    'Cflags: -I$${includedir}' 'Libs: -L$${libdir} -lp4rt' >$@

$(EXAMPLE_CPS): $(BUILD)/examples/%: examples/%.c include/p4rt.h $(P4RT_SO)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) -Iinclude -I$(BUILD)/examples $(CFLAGS) -o $@ $< $(LDFLAGS) -L$(BUILD) -lp4rt \
	    -Wl,-rpath,$(abspath $(BUILD))

# A control plane that includes a program's generated API (NAME.h) gets it
# from the freshly built p4cc, with the object beside it.
$(BUILD)/examples/%.h $(BUILD)/examples/%.o: examples/%.p4 $(P4CC) $(wildcard p4include/*.p4)
	@mkdir -p $(dir $@)
	@echo "  P4CC    $<"
	$(Q)P4CC_INCLUDE=$(CURDIR)/p4include $(P4CC) $< -o $(BUILD)/examples/$*.o
$(BUILD)/examples/ipv4_router_cp: $(BUILD)/examples/ipv4_router.h
$(BUILD)/examples/v1model_l2_learning_cp: $(BUILD)/examples/v1model_l2_learning.h

$(P4CTL): $(P4CTL_MAIN_OBJS) $(P4CTL_LIB) $(P4RT_LIB)
	@echo "  LINK    $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(P4CTL_LIBS) $(PCAP_LIBS)

$(P4CTL_TESTS): $(BUILD)/tests/%: tests/unit/%.c $(P4CTL_LIB) $(P4RT_LIB)
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	$(Q)$(CC) $(CPPFLAGS) $(P4CTL_CFLAGS) -Isrc/p4ctl -Isrc/p4rt -I$(BUILD)/tests/api \
	    -DP4CTL_BUILD='"$(BUILD)"' $(CFLAGS) \
	    -Wno-missing-prototypes -o $@ $< $(P4CTL_LIB) $(P4RT_LIB) $(LDFLAGS) $(P4CTL_LIBS) $(PCAP_LIBS) \
	    -lcmocka -lpthread

$(BUILD)/tests/test_p4ctl: $(P4CTL) $(P4CC) $(P4CTL_FIXTURES)
$(BUILD)/tests/test_tss: $(P4CC)
$(BUILD)/tests/test_capture: $(P4CC)
$(BUILD)/tests/test_digest: $(P4CC)
$(BUILD)/tests/test_trace: $(P4CC) $(P4CTL)
$(BUILD)/tests/test_writers: $(P4CC) $(P4CTL)
$(BUILD)/tests/test_v1model_externs $(BUILD)/tests/test_v1model_profiles: $(P4CC)

# test_api drives tests/p4rt/typed.p4 through the C API p4cc generates.
$(BUILD)/tests/api/%.h $(BUILD)/tests/api/%.o: tests/p4rt/%.p4 $(P4CC) $(wildcard p4include/*.p4)
	@mkdir -p $(dir $@)
	@echo "  P4CC    $<"
	$(Q)P4CC_INCLUDE=$(CURDIR)/p4include $(P4CC) $< -o $(BUILD)/tests/api/$*.o
$(BUILD)/tests/test_api: $(BUILD)/tests/api/typed.h

$(BUILD)/p4ctl-fixtures/%.o: tests/p4ctl/%.bpf.c tests/p4ctl/runtime.h tests/p4ctl/%.p4info.json \
                             $(RUNTIME_HEADERS)
	@mkdir -p $(dir $@)
	@echo "  BPF     $<"
	$(Q)$(BPF_CLANG) -target bpf -O2 -g -Wall -Werror -Iinclude \
	    -I/usr/include/$(shell $(BPF_CLANG) -print-multiarch 2>/dev/null) -c $< -o $@
	$(Q)cp tests/p4ctl/$*.p4info.json $(BUILD)/p4ctl-fixtures/$*.p4info.json

unit-tests: $(UNIT_BINS)

# The fuzz harnesses are only linked by `make fuzz` (clang, libFuzzer); check
# that they still compile against the current interfaces.
FUZZ_HARNESSES := $(wildcard tests/fuzz/fuzz_*.c)
fuzz-harnesses: $(FUZZ_HARNESSES)
	$(Q)$(CC) $(CPPFLAGS) -Isrc/p4ctl $(CFLAGS) -fsyntax-only $(FUZZ_HARNESSES)

check: all unit-tests fuzz-harnesses
	@BUILD=$(BUILD) tests/run-tests

# After a backend change: the goldens' diff is the change to review.
update-golden: $(P4CC)
	@BUILD=$(BUILD) UPDATE=1 tests/run-tests

sanitize:
	$(MAKE) BUILD=build/sanitize SANITIZE=1 OPT='-O1 -g' check

# libFuzzer needs clang. The fuzzer also reads the shared corpus as seeds
# when it is there; new inputs it finds go to build/fuzz/corpus-TARGET.
FUZZ_SECONDS ?= 60
FUZZ_SEEDS   := $(wildcard tests/fuzz/seeds) tests/fuzz/regressions \
                $(wildcard ../shared/corpus/p4c/p4_16_samples ../shared/corpus/p4c/p4_16_errors)
# FUZZ_TARGET=cpp fuzzes the built-in preprocessor instead of the parser;
# FUZZ_TARGET=backend the midend and the C generation, starting from the
# ebpf_model / xdp_model programs preprocessed (build/fuzz/seeds-backend);
# FUZZ_TARGET=stf p4ctl's packet-test parser, from every .stf we have
# (build/fuzz/seeds-stf).
FUZZ_TARGET  ?= parser
BACKEND_SEED_SOURCES := examples/*.p4 tests/stf/*.p4 \
    $(shell grep -l 'ebpf_model.p4\|xdp_model.p4' ../shared/corpus/p4c/p4_16_samples/*.p4 \
                    ../shared/corpus/p4c-xdp/*.p4 2>/dev/null)
STF_SEED_SOURCES := $(wildcard examples/*.stf bench/*.stf tests/stf/*.stf \
    ../shared/corpus/p4c/p4_16_samples/*.stf ../shared/corpus/p4c-xdp/*.stf)
FUZZ_SEED_DIRS = $(or $(filter build/fuzz/seeds-backend build/fuzz/seeds-stf, \
                          build/fuzz/seeds-$(FUZZ_TARGET)),$(FUZZ_SEEDS))
fuzz:
	$(MAKE) BUILD=build/fuzz CC=clang OPT='-O1 -g' \
	    EXTRA_CFLAGS='-fsanitize=fuzzer-no-link,address,undefined' build/fuzz/fuzz-$(FUZZ_TARGET)
	@mkdir -p build/fuzz/corpus-$(FUZZ_TARGET) build/fuzz/seeds-backend build/fuzz/seeds-stf
	@if [ $(FUZZ_TARGET) = stf ]; then \
	    for f in $(STF_SEED_SOURCES); do cp $$f build/fuzz/seeds-stf/$$(echo $$f | tr / _); done; fi
	@if [ $(FUZZ_TARGET) = backend ]; then \
	    $(MAKE) $(P4CC) && for f in $(BACKEND_SEED_SOURCES); do \
	        P4CC_INCLUDE=$(CURDIR)/p4include $(P4CC) -E $$f \
	            >build/fuzz/seeds-backend/$$(echo $$f | tr / _) 2>/dev/null; \
	    done; fi
	build/fuzz/fuzz-$(FUZZ_TARGET) -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	    -artifact_prefix=build/fuzz/ build/fuzz/corpus-$(FUZZ_TARGET) \
	    $(FUZZ_SEED_DIRS)

$(BUILD)/fuzz-%: tests/fuzz/fuzz_%.c $(LIB)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(LIB) $(LDLIBS)

# The STF parser is p4ctl's (its values are libp4rt's).
$(BUILD)/fuzz-stf: tests/fuzz/fuzz_stf.c $(P4CTL_LIB) $(P4RT_LIB)
	$(CC) $(CPPFLAGS) -Isrc/p4ctl $(CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< \
	    $(P4CTL_LIB) $(P4RT_LIB) $(LIB) $(LDLIBS) $(P4CTL_LIBS) $(PCAP_LIBS)

# bench/xdp_speed times generated and hand-written XDP programs side by side.
XDP_SPEED := $(BUILD)/bench/xdp_speed
$(XDP_SPEED): bench/xdp_speed.c $(P4CTL_LIB) $(P4RT_LIB)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(P4CTL_CFLAGS) -Isrc/p4ctl $(CFLAGS) -o $@ $< $(P4CTL_LIB) $(P4RT_LIB) \
	    $(LDFLAGS) $(P4CTL_LIBS) $(PCAP_LIBS)

# make check builds the benchmark and the hand-written baselines (so they
# cannot rot) without running them.
HANDWRITTEN := $(patsubst bench/handwritten/%.bpf.c,$(BUILD)/bench/%.hand.o,\
                 $(wildcard bench/handwritten/*.bpf.c))
$(BUILD)/bench/%.hand.o: bench/handwritten/%.bpf.c bench/handwritten/runtime.h $(RUNTIME_HEADERS)
	@mkdir -p $(dir $@)
	@echo "  BPF     $<"
	$(Q)$(BPF_CLANG) -target bpf -O2 -g -Wall -Werror -Iinclude \
	    -I/usr/include/$(shell $(BPF_CLANG) -print-multiarch 2>/dev/null) -c $< -o $@
check: $(XDP_SPEED) $(HANDWRITTEN)

bench: $(P4CC) $(XDP_SPEED)
	@BUILD=$(BUILD) bench/run-bench

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/p4include/bmv2 $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)/p4cc
	install -m 644 include/p4rt.h $(DESTDIR)$(INCLUDEDIR)/p4rt.h
	install -m 644 $(RUNTIME_HEADERS) $(DESTDIR)$(INCLUDEDIR)/p4cc/
	install -m 644 $(P4RT_LIB) $(DESTDIR)$(LIBDIR)/libp4rt.a
	install -m 755 $(P4RT_SO).0 $(DESTDIR)$(LIBDIR)/$(P4RT_SONAME)
	ln -sf $(P4RT_SONAME) $(DESTDIR)$(LIBDIR)/libp4rt.so
	install -m 644 $(P4RT_PC) $(DESTDIR)$(LIBDIR)/pkgconfig/libp4rt.pc
	install -m 755 $(P4CC) $(DESTDIR)$(BINDIR)/p4cc
	install -m 644 p4include/*.p4 $(DESTDIR)$(DATADIR)/p4include/
	install -m 644 p4include/bmv2/*.p4 $(DESTDIR)$(DATADIR)/p4include/bmv2/
	install -m 644 docs/p4cc.1 $(DESTDIR)$(MANDIR)/man1/p4cc.1
	install -m 755 $(P4CTL) $(DESTDIR)$(BINDIR)/p4ctl
	install -m 644 docs/p4ctl.1 $(DESTDIR)$(MANDIR)/man1/p4ctl.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/p4cc $(DESTDIR)$(MANDIR)/man1/p4cc.1
	rm -f $(DESTDIR)$(BINDIR)/p4ctl $(DESTDIR)$(MANDIR)/man1/p4ctl.1
	rm -rf $(DESTDIR)$(INCLUDEDIR)/p4cc
	rm -f $(DESTDIR)$(INCLUDEDIR)/p4rt.h $(DESTDIR)$(LIBDIR)/libp4rt.a \
	    $(DESTDIR)$(LIBDIR)/$(P4RT_SONAME) $(DESTDIR)$(LIBDIR)/libp4rt.so \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/libp4rt.pc
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj $(BUILD)/pic -name '*.d' 2>/dev/null)
