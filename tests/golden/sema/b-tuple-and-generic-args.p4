// Tuples hold data, and strings are only passed to directionless parameters.
control C();
extern void log_value<T>(in T value);
extern void log_tuple(in tuple<bit<8>, C> t);

control c() {
    apply {
        log_value("hello");
        log_value(8w1);
    }
}
