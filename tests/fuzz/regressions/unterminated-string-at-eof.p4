const bit<8> K = 1;
const string s = "no end
