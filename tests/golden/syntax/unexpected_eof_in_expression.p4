// The file ends in the middle of an expression.
const bit<8> K = 1 +
