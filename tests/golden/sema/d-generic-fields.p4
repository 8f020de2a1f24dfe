// Spec "Generic data types" and "Type nesting rules": a generic type is
// used with its type arguments, and its fields are checked again for them.
header H<T> { T t; }
struct S<T> { T f; }
extern E { E(); }
control c() {
    H<bit<8>>[2] ok;
    H<int>[3] s;
    S<E> x;
    S<S> y;
    apply { }
}
