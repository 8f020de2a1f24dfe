// Spec "Abstract methods": instances implement exactly the abstract methods.
extern Hasher<T> {
    Hasher();
    abstract T hash(in T value);
    abstract void reset();
    T last();
    abstract string name();
}
package top(Hasher<bit<8>> h);

control c() {
    Hasher<bit<16>>() h1 = {
        bit<16> hash(in bit<8> value) { return 0; }
        void reset() {}
        string name() { return "h1"; }
        bit<16> last() { return 0; }
    };
    Hasher<bit<16>>() h2 = {
        bit<16> hash(inout bit<16> value) { return value; }
    };
    apply {}
}
top(Hasher<bit<8>>()) main;
