// `/` and `%`: no zero divisor and no negative operand, also where both
// operands are known and the assignment does not fold the value; bit<W>
// values known only at run time divide (the backend computes them).
control c(inout bit<8> a, in bit<8> b) {
    apply {
        a = a / 4;
        a = a % 8w16;
        a = 0 / b;
        a = a / 0;
        a = a % -2;
        a = a / b;
        a = a % 3;
        a = - 8 / -2;
        a = 10 % -2;
        a = 8w10 / 0;
    }
}
