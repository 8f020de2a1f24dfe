// Spec "Operations on tuple expressions", "... on structure-valued
// expressions", "... on headers", "... on header stacks", "... on header
// unions", "Operations on variable-size bit types", "Initializing with
// default values": what aggregate values support.
#include <core.p4>

header h_t { bit<8> a; bit<8> b; }
header g_t { bit<8> a; }
header_union u_t { h_t h; g_t g; }
header v_t { varbit<16> v; }
struct s_t { bit<8> a; bit<8> b; }

control c(in bit<2> i, in h_t hin, inout h_t[2] st, inout tuple<bit<8>, bool> tu,
          inout v_t v1, inout v_t v2, out bit<8> r, out bool q) {
    apply {
        r = tu[i];                      // tuple indexes are known
        r = tu[2];                      // out of range
        s_t s1 = { a = 1, a = 2 };      // a field given twice
        s_t s2 = { a = 1 };             // b is missing
        s_t s3 = { a = 1, ... };        // fine: b gets its default
        q = { a = 1 } == { a = 1 };     // no type to compare as
        hin.setValid();                 // needs an l-value
        h_t inv = {#};                  // fine
        q = {#} == {#};                 // no header type
        r = st[2].a;                    // a known index out of range
        st = { hin, (g_t){#} };         // stack elements are one header type
        u_t un = { hin };               // a union cannot be initialized
        q = v1.v == v2.v;               // fine: varbits compare
        r = (bit<8>)v1.v;               // but have no other operations
        v1.v = v1.v + v2.v;
    }
}
