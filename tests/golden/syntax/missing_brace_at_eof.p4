// The control's closing brace is missing.
control c(inout bit<8> x) {
    apply {
        x = 1;
    }
