const bit<32> EXTRA = 8;

header h_t {
    bit<32> len;
    @length((bit<32>)len * 8 + EXTRA)
    varbit<256> data;
    @length(later)
    varbit<256> data2;
    bit<32> later;
}
