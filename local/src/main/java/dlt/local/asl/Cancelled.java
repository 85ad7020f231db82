package dlt.local.asl;

/** Thrown inside a scope that was cancelled; unwinds the states running in it. */
final class Cancelled extends Exception {
    private final Termination termination;

    Cancelled(Termination termination) {
        super(termination.status() + " " + termination.error(), null, false, false);
        this.termination = termination;
    }

    Termination termination() {
        return termination;
    }
}
