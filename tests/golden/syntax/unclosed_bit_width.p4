// The `>` of `bit<8>` is missing.
header h_t {
    bit<8 f;
}
