// `bit<>` needs a width.
header h_t {
    bit<> f;
}
