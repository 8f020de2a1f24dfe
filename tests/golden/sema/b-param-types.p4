// Which parameters can have which types (spec "Parameterization").
extern E {
    E();
    void run();
}
parser P();
control C();

control c1(in E e);                 // extern objects are directionless
action a(E e) { e.run(); }          // actions take no extern objects
parser p1(P sub) { state start { transition accept; } }   // not an apply parameter
control c2()(C inner) { apply {} }  // fine: a constructor parameter
control c3()(c2 inner) { apply {} } // c2 is a control, not a type
control c4()(@optional bit<8> x) { apply {} }
