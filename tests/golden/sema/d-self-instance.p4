// Spec appendix "Restrictions on compile-time and run-time calls": there
// may not be any recursion, so no parser or control instantiates itself.
parser p() {
    p() inner;
    state start { inner.apply(); transition accept; }
}
control c() {
    c() c_inst;
    apply { c_inst.apply(); }
}
