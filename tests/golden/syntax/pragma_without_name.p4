// `@pragma` needs a name on its line.
@pragma
const bit<8> K = 1;
