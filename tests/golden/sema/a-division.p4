// `/` and `%`: no zero divisor, no negative operand, and on bit<W> values
// either both operands known or a power-of-two divisor.
control c(inout bit<8> a, in bit<8> b) {
    apply {
        a = a / 4;
        a = a % 8w16;
        a = 0 / b;
        a = a / 0;
        a = a % -2;
        a = a / b;
        a = a % 3;
    }
}
