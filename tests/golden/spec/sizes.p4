// Spec "Compile-time size determination" and "Static assertions": the size
// methods are defined on serializable types; a false static assertion
// stops the compilation.
#include <core.p4>

enum E { a }
enum bit<4> SE { s = 1 }
header h_t { bit<8> x; varbit<16> v; }
struct s_t { h_t h; bool b; SE e; }

const int fine = s_t.minSizeInBits() + s_t.maxSizeInBytes() + h_t.maxSizeInBits();
const int plain_enum = E.minSizeInBits();           // no representation
const int errors = error.maxSizeInBits();
const bool ok = static_assert(h_t.minSizeInBits() == 8);
const bool fails = static_assert(h_t.maxSizeInBits() == 8, "varbit counts its maximum");
