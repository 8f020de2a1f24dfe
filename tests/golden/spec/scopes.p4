// Spec "Scopes", "Name resolution", "Visibility", "The error type", "The
// match kind type": declaration before use (parser states excepted), one
// declaration of a name per scope, declarations private to their block.
#include <core.p4>

const bit<8> early = late;              // used before its declaration
const bit<8> late = 1;
const bit<8> late = 2;                  // declared twice

error { Oops, Oops }                    // an error declared twice
match_kind { exact }                    // already declared by core.p4

parser p(in bit<8> x) {
    bit<8> t;
    state start { transition t; }       // states may come later, but 't' is a variable
    state t { transition accept; }      // and a state: one namespace
}

control inner() {
    action hidden() {}
    apply {}
}

control outer() {
    inner() i;
    apply {
        hidden();                       // private to 'inner'
        i.hidden();
    }
}
