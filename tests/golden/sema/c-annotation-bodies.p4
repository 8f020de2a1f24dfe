#include <core.p4>

@pkginfo
const bit<8> a = 0;

@pkginfo(name = "x", version = "1.0")
const bit<8> b = 0;

struct vs_t {
    @match(ternary) bit<8> ok;
    @match(.lpm) bit<8> ok2;
    @match(2) bit<8> bad;
    @match(a) bit<8> bad2;
}

@p4runtime_translation("x.org/T1", 32)
type bit<8> T1;
@p4runtime_translation("x.org/T2", bit<32>)
type bit<8> T2;
@p4runtime_translation("x.org/T3", string)
type bit<8> T3;
@p4runtime_translation("x.org/T4", int<32>)
type bit<8> T4;
@p4runtime_translation(T5, 32)
type bit<8> T5;
