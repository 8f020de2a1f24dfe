// Spec "Type nesting rules": what the fields of headers, unions and
// structs, and the elements of arrays may be.
#include <core.p4>

header g_t { bit<8> a; }
header_union u_t { g_t g; }
enum E { e1 }
enum bit<8> SE { s1 = 1 }
struct flat_t { bit<8> a; int<4> b; SE c; bool d; bit<8>[2] arr; }
struct deep_t { flat_t f; }
struct nested_t { g_t h; }

header h_t {
    bit<8>   ok1;
    SE       ok2;
    flat_t   ok3;          // a struct of bits (arrays of them too, as p4c)
    deep_t   ok4;
    bit<8>[4] ok5;
    error    e;            // no error in a header
    E        en;           // only serializable enums
    g_t      hh;           // no header in a header
    u_t      uu;
    g_t[2]   st;           // no header stack
    nested_t ns;           // no struct holding a header
    tuple<bit<8>> tu;
}

struct s_t {
    match_kind mk;         // no match_kind
    list<bit<8>> l;        // no list
    int i;                 // no int
    string str;
    g_t[2] stack;          // fine
}

struct arrays_t {
    int[2] a1;             // arrays hold values with a representation
    error[2] a2;
    tuple<bit<8>>[2] a3;
    g_t[2][3] a4;          // nested header stacks
    bit<8>[2][3] a5;       // arrays of arrays are fine
}
