// An extern is not its own type argument; '_' completes no declared type;
// controls are passed only to constructors; extern overloads must differ.
extern Reg<T> {
    Reg();
}
extern Port {
    void send<H>(in H h);
    void send<H>(in H packet);
}
struct S<T> { T f; }
control inner() { apply {} }
void take<T>(in T t) {}
Reg<Reg<bit<8>>>() nested;
const S<_> s = { f = 1 };
control outer(Port p) {
    inner() i;
    apply {
        take(i);
        p.send(8w1);
    }
}
