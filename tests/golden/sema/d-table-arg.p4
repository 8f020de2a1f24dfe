// Spec appendix "Restrictions on compile-time and run-time calls": a table
// is neither a run-time nor a constructor parameter.
action NoAction() {}
extern f<T> { f(); void g(in T a); }
extern void h<T>(in T x);
control c(f<_> tt) {
    table t { actions = { NoAction; } }
    apply {
        tt.g(t);
        h(t);
        h(8w1);
    }
}
