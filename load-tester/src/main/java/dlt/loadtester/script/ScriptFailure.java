package dlt.loadtester.script;

/** A script that could not run: a plan JMeter cannot load, a tool that is missing or exited with an error. */
public final class ScriptFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScriptFailure(String message) {
        super(message);
    }

    public ScriptFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
