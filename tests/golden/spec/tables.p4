// Spec "Tables": properties, keys, the actions list, default actions and
// entries (their priorities: spec/entries).
#include <core.p4>

extern Ext { Ext(); }
action top() {}

control c(inout bit<8> x, in bit<8> y) {
    Ext() ext;
    bit<8> z;
    action set(inout bit<8> v, bit<8> d) { v = d; }
    action a() {}
    action top() {}
    @defaultonly action only_default() {}
    table twice {
        actions = { a; }
        actions = { a; }                        // a property given twice
    }
    table keys {
        key = {
            ext : exact;                        // no extern keys
            y : fuzzy;                          // no such match kind
        }
        actions = { a; a; }                     // listed twice
    }
    table bindings {
        key = { y : exact; }
        actions = { set; y; }                   // set's v is unbound; y is no action
    }
    table defaults {
        key = { y : exact; }
        actions = { set(x); a; }
        default_action = set(x);                // d is not given
    }
    table other_binding {
        actions = { set(x); }
        default_action = set(z, 1);             // not the list's binding
    }
    table entries {
        key = { y : exact; }
        actions = { set(x); @defaultonly only_default; }
        entries = {
            1 : set(x, 2);                      // fine
            2 : a();                            // not in the list
            3 : only_default();                 // @defaultonly
            (4, 5) : set(x, 3);                 // two values for one key
        }
    }
    table no_key {
        actions = { a; }
        entries = { 1 : a(); }                  // no key, no entries
    }
    table no_actions {
        key = { y : exact; }
    }
    table sizes {
        actions = { a; }
        size = -1;
    }
    table arg_apply {
        actions = { set(x); }
        default_action = set(x, sizes.apply().hit ? 8w1 : 8w2);
    }
    table same_names {
        actions = { top; .top; }                // two actions named top
    }
    apply {}
}
