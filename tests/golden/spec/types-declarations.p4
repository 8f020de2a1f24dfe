// Spec "P4 data types": typedefs and 'type' (the typedef table of "Type
// nesting rules"), enum member values ("Enumeration types"), strings
// ("Strings") and generic types ("Type specialization").
#include <core.p4>

typedef string S_t;
typedef match_kind M_t;
type varbit<8> V_t;        // 'type' names bit<W>, int<W> and bool only

enum bit<4> Wide { w1 = 15, w2 = 16, w3 = -1 }

struct gen_t<T> { T f; }
typedef gen_t<bit<8>> g8_t;
typedef gen_t<g8_t> gg_t;  // a generic struct inside itself (p4c)

control c() {
    apply {
        string s;
        const string k = "fine";
    }
}
