// More than 20 errors: p4cc reports the first 20 and stops.
control c(inout bit<8> x) {
    apply {
        x = 0 1;
        x = 1 2;
        x = 2 3;
        x = 3 4;
        x = 4 5;
        x = 5 6;
        x = 6 7;
        x = 7 8;
        x = 8 9;
        x = 9 10;
        x = 10 11;
        x = 11 12;
        x = 12 13;
        x = 13 14;
        x = 14 15;
        x = 15 16;
        x = 16 17;
        x = 17 18;
        x = 18 19;
        x = 19 20;
        x = 20 21;
        x = 21 22;
        x = 22 23;
        x = 23 24;
        x = 24 25;
    }
}
