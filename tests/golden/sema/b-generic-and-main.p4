// Defaults are compile-time known, type variables have no equality,
// void is no type argument, and main is a package instance.
extern bit<8> next_id();
extern T pick<T>();
void f(in bit<8> a = next_id()) {}
bool same<T>(in T a, in T b) { return a == b; }
control c() {
    apply {
        pick<void>();
    }
}
extern main {}
