// A type variable of an enclosing declaration is a fixed type: it neither
// converts to nor from anything but itself.
T first<T>(tuple<> x) {
    return x;
}
void take<U>(in U a, in U b) {}
control c<T>(in T v)() {
    apply {
        take(v, v);
        take(v, 8w1);
    }
}
