// A statement missing its ';' right before the block's '}': the block ends
// there, and the declarations after it are still parsed (the second error
// is real).
control c(inout bit<8> y) {
    action b() { y = 1 }
    action d() { y = 2; }
    apply { }
}
header h_t { bit<8> f }
header g_t { bit<8> f; }
