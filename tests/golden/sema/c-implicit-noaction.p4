const bit<1> NoAction = 1;

action a() {}

control c() {
    table needs_noaction {
        actions = { a; }
    }
    table has_default {
        actions = { a; }
        default_action = a;
    }
    apply {}
}
