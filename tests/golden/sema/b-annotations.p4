// Annotations: structured bodies are typed, names are strings.
const string prefix = "ingress.";
extern E { E(); }
E() e1;
E() e2;

@tag[1] @tag[2]
const bit<8> twice = 0;
@limits[min = 1, max = true, min = 3]
const bit<8> keys = 0;
@bad[{1, 2}, e1 == e2]
const bit<8> values = 0;
@name(prefix ++ "t") @deprecated("old" + "new")
const bit<8> strings = 0;
@name(42)
const bit<8> number = 0;
