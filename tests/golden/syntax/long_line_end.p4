// A long line with the error near its end: cut before it only, the caret
// under the same character.
control c(inout bit<8> x) {
	apply {
		x = x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x $ 1;
	}
}
