action a() {}

control c() {
    table t {
        actions = { a; }
    }
    apply {}
}
