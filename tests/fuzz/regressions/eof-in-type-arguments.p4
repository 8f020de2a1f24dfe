extern E<T> { void f<T>(in T x); }
control c() { E<bit<8>