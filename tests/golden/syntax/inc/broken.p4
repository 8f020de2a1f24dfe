// Included by include_error.p4; not a test by itself.
header h_t {
    bit<8> a;
    bit<8> b = 1;
}
