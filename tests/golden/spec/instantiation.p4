// Spec appendix "Restrictions on compile time and run time calls":
// parsers are instantiated in parsers, controls in controls, packages at
// the top level; a parser takes no control as a constructor parameter and
// a control no parser ("Control blocks": no parser in a control).
#include <core.p4>

parser P();
control C();
package Pkg(C c);

parser sub() { state start { transition accept; } }
control inner() { apply {} }

sub() top_parser;                       // not at the top level
inner() top_control;

parser p()(C c) {                       // a control as a parser's parameter
    inner() i;                          // a control in a parser
    sub() s;                            // fine
    state start { transition accept; }
}

control c()(P q) {                      // a parser as a control's parameter
    sub() s;                            // a parser in a control
    inner() i;                          // fine
    apply {}
}
