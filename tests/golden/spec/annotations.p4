// Spec "Annotations", "Bodies of Structured Annotations", "Control-plane
// API annotations" ("Restrictions"), "Deprecated annotation", "No
// warnings annotation".
#include <core.p4>

const bit<8> K = 1;

@my[a = 1] @my[b = 2] action twice() {}            // a structured annotation once
@mix(1) @mix[k = 2] action mixed() {}              // not both kinds under one name
@dup[k = 1, k = 2] action dup_key() {}
@vals[k = K, s = "t", b = true] action fine() {}
@struct_val[k = { 1, 2 }] action list_value() {}   // values are int, string or bool

control c(in bit<8> x) {
    @name("a") @name("b") action named_twice() {}
    @name("y") @hidden action named_hidden() {}
    @name(5) action name_number() {}                // @name takes a string
    @deprecated(x) action old() {}
    @noWarn("unused") action quiet() {}
    @noWarn(5) action w() {}
    @run[k = x] action runtime_value() {}           // values are compile-time known
    apply {}
}
