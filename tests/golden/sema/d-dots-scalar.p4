// Spec "Structure-valued expressions": `...` stands for further elements,
// so `{ ... }` initializes only tuples, stacks, lists and structs.
header H { bit<32> b; }
control I()() {
  apply {
    H h = { b = 1 };
    H h2 = { b = { ... } };
    h = (H) { b = { ... } };
    h = (H) { b = { 1 } };
    bit<32> x = { ... };
  }
}
