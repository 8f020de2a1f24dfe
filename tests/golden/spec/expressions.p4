// Spec "Expressions": the table of "Illegal arithmetic expressions" and the
// rules on operand types (fixed-width, int, enums, ?:, concatenation,
// slices, strings).
#include <core.p4>

enum E { a, b }
enum bit<8> SE { s1 = 1, s2 = 2 }

control c(in bit<8> x, in bit<16> y, in int<8> z, in E e, in bool cond,
          out bit<8> r8, out bit<16> r16, out int<8> ri, out SE se) {
    apply {
        r16 = x + y;                    // different widths
        r8 = x + z;                     // different signedness
        ri = (int<8>)y;                 // sign and width at once
        r16 = y + z;
        r8 = x << z;                    // a signed run-time amount
        bool lt = x < z;
        r8 = 1 << x;                    // an int shifted by a run-time amount
        r8 = (bit<8>)~1;                // bitwise operations on int
        r8 = (bit<8>)(e + 1);           // an enum without a type is no number
        r8 = (bit<8>)e;                 // nor cast to one
        se = x;                         // a number is no serializable enum
        se = SE.s1 + 1;
        r8 = SE.s1 + 1;                 // fine: SE.s1 is a bit<8>
        r8 = cond ? 1 : 2;              // ?: of ints needs a known condition
        r16 = 1 ++ x;                   // ++ needs fixed widths
        r8 = x[8:0];                    // out of range
        r8 = x[r8:0];                   // bounds are known
        r8 = (bit<8>)("a" ++ "b");
    }
}
