header h_t { bit<99999999999999999999999999> f; }
const bit<8> a = 99999999999999999999999999999w1;
const bit<8> b = 4294967297s0x_;
const bit<8> c = 0x_ + 0b_ + 0o_ + 0d_;
