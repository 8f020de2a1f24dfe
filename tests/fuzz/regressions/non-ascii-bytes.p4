// bytes above 0x7f: Ã©ÿ€ in a comment
const bit<8> K = 1; â‚¬ ÿ
@name("Ã©þ") header h_t { bit<8> f; }
