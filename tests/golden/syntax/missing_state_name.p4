// `transition` needs the name of the next state.
parser p() {
    state start {
        transition ;
    }
}
